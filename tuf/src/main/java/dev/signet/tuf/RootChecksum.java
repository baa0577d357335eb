package dev.signet.tuf;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The {@code --root-checksum} of {@code initialize}: {@code sha256:HEX}, {@code sha512:HEX}, or bare hex
 * whose length says the algorithm (64 digits sha256, 128 sha512).
 */
public final class RootChecksum {
  private RootChecksum() {}

  public static void verify(String what, byte[] data, String checksum) throws TufException {
    String spec = checksum.trim().toLowerCase(Locale.ROOT);
    String algorithm;
    String hex;
    int colon = spec.indexOf(':');
    if (colon >= 0) {
      algorithm = spec.substring(0, colon);
      hex = spec.substring(colon + 1);
    } else {
      hex = spec;
      algorithm = hex.length() == 128 ? "sha512" : "sha256";
    }
    String jca = switch (algorithm) {
      case "sha256" -> "SHA-256";
      case "sha512" -> "SHA-512";
      default -> throw new TufException("--root-checksum: unknown algorithm " + algorithm + " (use sha256 or sha512)");
    };
    int digits = algorithm.equals("sha256") ? 64 : 128;
    if (hex.length() != digits || !hex.matches("[0-9a-f]+")) {
      throw new TufException("--root-checksum: expected " + digits + " hex digits of " + algorithm + ", got \""
          + checksum + "\"");
    }
    String actual;
    try {
      actual = HexFormat.of().formatHex(MessageDigest.getInstance(jca).digest(data));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(jca, e);
    }
    if (!MessageDigest.isEqual(actual.getBytes(), hex.getBytes())) {
      throw new TufException(what + ": " + algorithm + " " + actual + " does not match --root-checksum " + hex);
    }
  }
}
