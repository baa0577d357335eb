package dev.signet.oracle.sigstorejava;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The shared interop vectors (system property {@code signet.vectors}); tests skip visibly when absent. */
final class Vectors {
  private Vectors() {}

  /** A vectors subdirectory, or a skipped test (with a message on stderr) when it is missing. */
  static Path dir(String sub) {
    String base = System.getProperty("signet.vectors");
    Path p = base == null ? null : Path.of(base).resolve(sub);
    boolean present = p != null && Files.isDirectory(p);
    if (!present) {
      System.err.println("SKIPPED: vectors " + sub + " not found (signet.vectors=" + base + ")");
    }
    assumeTrue(present, () -> "vectors " + sub + " not found (signet.vectors=" + base + ")");
    return p;
  }

  static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read vector " + file, e);
    }
  }
}
