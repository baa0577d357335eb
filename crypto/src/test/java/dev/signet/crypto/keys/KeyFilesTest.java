package dev.signet.crypto.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

class KeyFilesTest {

  @TempDir Path dir;

  @BeforeEach
  void requirePosix() {
    assumeTrue(
        FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
        "no POSIX file permissions on this platform — skipping");
  }

  @Test
  void writePrivateKey_createsFileWithMode0600() throws Exception {
    Path key = dir.resolve("cosign.key");
    KeyFiles.writePrivateKey(key, new byte[] {1, 2, 3});

    assertThat(Files.readAllBytes(key)).containsExactly(1, 2, 3);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
        .isEqualTo("rw-------");
  }

  @Test
  void writePrivateKey_replacesAWorldReadableFileWithA0600One() throws Exception {
    Path key = dir.resolve("cosign.key");
    Files.writeString(key, "old");
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));

    KeyFiles.writePrivateKey(key, new byte[] {9});

    assertThat(Files.readAllBytes(key)).containsExactly(9);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
        .isEqualTo("rw-------");
  }

  @Test
  void writePublicKey_createsFileWithMode0644() throws Exception {
    Path pub = dir.resolve("cosign.pub");
    KeyFiles.writePublicKey(pub, "PEM".getBytes());

    assertThat(Files.readString(pub)).isEqualTo("PEM");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pub)))
        .isIn("rw-r--r--", "rw-------"); // 0644, or less under a strict umask
    assertThat(Files.getPosixFilePermissions(pub))
        .contains(java.nio.file.attribute.PosixFilePermission.OWNER_READ);
  }

  @Test
  void write_leavesNoTemporaryFiles() throws Exception {
    KeyFiles.writePrivateKey(dir.resolve("a.key"), new byte[] {1});
    KeyFiles.writePublicKey(dir.resolve("a.pub"), new byte[] {1});
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("a.key", "a.pub");
    }
  }
}
