package dev.signet.cli.registry;

import static dev.signet.cli.CliRegistryFixture.assertOneErrorLine;
import static dev.signet.cli.CliRegistryFixture.errorLine;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.cli.CliRegistryFixture;
import dev.signet.cli.CliRunner;
import dev.signet.oci.Digest;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code signet registry fsck} and {@code signet registry gc --dry-run} on the data directory of a
 * registry that served real traffic (skopeo push, signatures in both formats, an orphan blob), run with
 * the server stopped: fsck passes on clean data and names the blob whose bytes were damaged; gc lists the
 * orphan, nothing that a tag or a signature still needs, and deletes nothing.
 */
class RegistryMaintenanceTest {
  @TempDir Path data;
  @TempDir Path dir;

  @Test
  void fsckPassesOnCleanData_andNamesACorruptedBlob() throws Exception {
    CliRegistryFixture.Pushed img;
    try (SignetRegistryFixture fx = SignetRegistryFixture.start(data, dir)) {
      fx.keys("cosign");
      img = fx.push("fsck/app", "v1");
      fx.ok("sign", "--key", "cosign.key", img.ref());
      fx.ok("sign", "--key", "cosign.key", "--new-bundle-format=false", img.ref());
    }
    CliRunner cli = CliRunner.in(dir);

    CliRunner.Result clean = cli.run("registry", "fsck", "--data", data.toString());
    assertThat(clean.exitCode()).as(clean.toString()).isZero();
    assertThat(clean.out()).containsPattern("checked \\d+ manifests and \\d+ blobs: no problems");
    assertThat(clean.err()).doesNotContain("Error:");

    Digest layer = img.image().blobs().get(1);
    Path file = data.resolve("blobs/sha256/" + layer.hex().substring(0, 2) + "/" + layer.hex());
    assertThat(file).exists();
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 0x5a;
    Files.write(file, bytes);

    CliRunner.Result damaged = cli.run("registry", "fsck", "--data", data.toString());
    assertThat(damaged.exitCode()).as(damaged.toString()).isNotZero();
    assertThat(damaged.out()).contains("blob " + layer + ": content does not match the digest");
    assertThat(damaged.out()).containsPattern("checked \\d+ manifests and \\d+ blobs: 1 problems");
    assertOneErrorLine(damaged);
    assertThat(errorLine(damaged)).contains("inconsistencies in " + data);
  }

  @Test
  void gcDryRun_listsOnlyTheOrphanBlob_andDeletesNothing() throws Exception {
    Digest orphan = Digest.sha256("nobody references me".getBytes(StandardCharsets.UTF_8));
    CliRegistryFixture.Pushed img;
    try (SignetRegistryFixture fx = SignetRegistryFixture.start(data, dir)) {
      fx.keys("cosign");
      img = fx.push("gc/app", "v1");
      fx.ok("sign", "--key", "cosign.key", img.ref());
      fx.ok("sign", "--key", "cosign.key", "--new-bundle-format=false", img.ref());
      fx.ok("sign", "--key", "cosign.key", "--new-bundle-format=false", "-a", "again=yes", img.ref());
      HttpResponse<Void> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              fx.url().resolve("/v2/gc/app/blobs/uploads/?digest=" + orphan))
          .POST(HttpRequest.BodyPublishers.ofString("nobody references me")).build(),
          HttpResponse.BodyHandlers.discarding());
      assertThat(r.statusCode()).isEqualTo(201);
    }
    List<Path> before = SignetRegistryFixture.blobFiles(data);
    assertThat(before).anyMatch(p -> p.getFileName().toString().equals(orphan.hex()));

    // Within the default grace period (1h) nothing is due yet.
    CliRunner.Result young = CliRunner.in(dir).run("registry", "gc", "--data", data.toString(), "--dry-run");
    assertThat(young.exitCode()).as(young.toString()).isZero();
    assertThat(young.out()).doesNotContain("would remove blob").contains("would remove 0 manifests, 0 blobs");

    // Two hours later the orphan is listed, and only it: the image, both .sig versions and the bundle stay.
    Clock later = Clock.offset(Clock.systemUTC(), Duration.ofHours(2));
    CliRunner.Result due = CliRunner.in(dir).clock(later).run("registry", "gc", "--data", data.toString(), "--dry-run");
    assertThat(due.exitCode()).as(due.toString()).isZero();
    List<String> listed = due.outLines().stream().filter(l -> l.startsWith("would remove ") && !l.contains(",")).toList();
    assertThat(listed).as(due.toString()).containsExactly("would remove blob " + orphan + " (20 bytes)");
    assertThat(due.out()).contains("would remove 0 manifests, 1 blobs");

    assertThat(SignetRegistryFixture.blobFiles(data)).isEqualTo(before);
    CliRunner.Result fsck = CliRunner.in(dir).run("registry", "fsck", "--data", data.toString());
    assertThat(fsck.exitCode()).as(fsck.toString()).isZero();
    try (SignetRegistryFixture fx = SignetRegistryFixture.start(data, dir)) {
      assertThat(fx.status("HEAD", "/v2/gc/app/blobs/" + orphan)).isEqualTo(200);
      // A restarted registry (on a new port) still serves the signed image and its signatures.
      fx.ok("verify", "--key", "cosign.pub", "--insecure-ignore-tlog=true", fx.host() + "/gc/app@" + img.digest());
    }
  }
}
