package dev.signet.crypto.testutil;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Access to the shared interoperability vectors (system property {@code signet.vectors}, default
 * {@code ../shared/vectors}) and to this module's test resources. Tests that need the shared
 * vectors are skipped, visibly, when the directory is absent.
 */
public final class Vectors {

  private Vectors() {}

  /** The shared vectors root (may not exist). */
  public static Path root() {
    return Path.of(System.getProperty("signet.vectors", "../shared/vectors"));
  }

  /** {@code <root>/cosign/<sub>}; skips the calling test if it does not exist. */
  public static Path cosign(String sub) {
    Path dir = root().resolve("cosign").resolve(sub);
    Assumptions.assumeTrue(
        Files.isDirectory(dir), "vectors not found at " + dir.toAbsolutePath() + " — skipping");
    return dir;
  }

  /** The bytes of {@code <root>/cosign/<sub>/<file>}; skips the test if the directory is absent. */
  public static byte[] cosignFile(String sub, String file) {
    return read(cosign(sub).resolve(file));
  }

  /** Reads a file, failing the test (not skipping it) if it is missing. */
  public static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A classpath test resource of this module. */
  public static byte[] resource(String name) {
    try (InputStream in = Vectors.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("missing test resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
