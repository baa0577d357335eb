package dev.signet.testsupport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Locates the shared interoperability vectors: system property {@code signet.vectors}, default
 * {@code ../shared/vectors}. Tests that need them are skipped with a visible message when absent.
 */
public final class Vectors {
  private Vectors() {}

  public static Path root() {
    return Paths.get(System.getProperty("signet.vectors", "../shared/vectors")).toAbsolutePath().normalize();
  }

  /** The path of a vector file or directory, or a skipped test (message on stderr) when it is absent. */
  public static Path require(String relative) {
    Path p = root().resolve(relative);
    if (!Files.exists(p)) {
      System.err.println("SKIPPED: shared vector " + p + " not found (set -Dsignet.vectors=DIR)");
    }
    assumeTrue(Files.exists(p), "shared vector " + p + " not found (set -Dsignet.vectors=DIR)");
    return p;
  }

  public static byte[] read(String relative) {
    try {
      return Files.readAllBytes(require(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses a PEM {@code PUBLIC KEY} (EC) with the JDK. Test-only. */
  public static PublicKey ecPublicKey(String relative) throws Exception {
    String pem = new String(read(relative), java.nio.charset.StandardCharsets.US_ASCII);
    String b64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(b64)));
  }
}
