package dev.signet.registry.server.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.signet.registry.server.RegistryServer;
import dev.signet.registry.server.testkit.TestRegistry;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 finding 6: the data directory ({@code metadata.db} with password hashes, the blobs, the keys)
 * is the owner's only — directories 0700, files 0600 — whatever the umask, and older directories are
 * tightened when the registry opens them.
 */
class DataDirectoryPermissionsTest {
  @TempDir Path tmp;

  @Test
  void everythingTheRegistryWritesIsOwnerOnly() throws IOException {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "needs POSIX permissions");
    Path data = tmp.resolve("data");
    try (RegistryServer server = RegistryServer.builder().dataDir(data).port(0)
        .adminPassword("pw-for-permissions".toCharArray()).build().start()) {
      pushBlob(server);
      assertOwnerOnly(data);
    }
  }

  @Test
  void anOlderWorldReadableDirectoryIsTightenedOnOpen() throws IOException {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "needs POSIX permissions");
    Path data = tmp.resolve("old");
    try (TestRegistry r = TestRegistry.start(data)) {
      r.pushBlob("repo", "old blob".getBytes());
    }
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(data.resolve("metadata.db"), PosixFilePermissions.fromString("rw-r--r--"));
    Files.setPosixFilePermissions(data.resolve("blobs"), PosixFilePermissions.fromString("rwxr-xr-x"));
    try (TestRegistry r = TestRegistry.start(data)) {
      assertThat(mode(data)).isEqualTo("rwx------");
      assertThat(mode(data.resolve("blobs"))).isEqualTo("rwx------");
      assertThat(mode(data.resolve("metadata.db"))).isEqualTo("rw-------");
    }
  }

  private static void pushBlob(RegistryServer server) {
    try {
      java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
      byte[] blob = "private layer".getBytes();
      String auth = "Basic " + java.util.Base64.getEncoder().encodeToString("admin:pw-for-permissions".getBytes());
      java.net.http.HttpResponse<String> r = http.send(java.net.http.HttpRequest.newBuilder(server.url()
          .resolve("/v2/p/repo/blobs/uploads/?digest=" + dev.signet.oci.Digest.sha256(blob)))
          .header("Authorization", auth).POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(blob)).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  private static void assertOwnerOnly(Path data) throws IOException {
    List<Path> all;
    try (Stream<Path> walk = Files.walk(data)) {
      all = walk.toList();
    }
    assertThat(all).anyMatch(p -> p.getFileName().toString().equals("metadata.db"));
    assertThat(all).anyMatch(p -> p.toString().contains("blobs/sha256/") && Files.isRegularFile(p));
    for (Path p : all) {
      String expected = Files.isDirectory(p) ? "rwx------" : "rw-------";
      assertThat(mode(p)).as(data.relativize(p).toString()).isEqualTo(expected);
    }
  }

  private static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }
}
