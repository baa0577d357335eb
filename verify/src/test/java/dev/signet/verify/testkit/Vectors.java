package dev.signet.verify.testkit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The shared interop vectors (system property {@code signet.vectors}); tests skip visibly when absent. */
public final class Vectors {
  private Vectors() {}

  /** The vectors' subdirectory, or a skipped test when it is missing. */
  public static Path dir(String sub) {
    String base = System.getProperty("signet.vectors");
    Path p = base == null ? null : Path.of(base).resolve(sub);
    boolean present = p != null && Files.isDirectory(p);
    if (!present) {
      System.err.println("SKIPPED: vectors " + sub + " not found (signet.vectors=" + base + ")");
    }
    assumeTrue(present, () -> "vectors " + sub + " not found (signet.vectors=" + base + ")");
    return p;
  }

  public static byte[] read(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
