package dev.signet.cli.command;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Assumptions;

/** Shared vectors (system property {@code signet.vectors}) and file helpers for the key command tests. */
final class KeyCommandVectors {
  private KeyCommandVectors() {}

  /** {@code <signet.vectors>/cosign/<sub>}; skips the calling test, visibly, when it is absent. */
  static Path cosign(String sub) {
    Path dir = Path.of(System.getProperty("signet.vectors", "../shared/vectors")).resolve("cosign").resolve(sub);
    Assumptions.assumeTrue(Files.isDirectory(dir), "vectors not found at " + dir.toAbsolutePath() + " — skipping");
    return dir;
  }

  static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String readString(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String mode(Path file) {
    try {
      return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
