package dev.signet.tuf;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/** Length and hash checks of downloaded bytes against {@code length}/{@code hashes} in trusted metadata. */
final class Hashes {
  private static final Map<String, String> ALGORITHMS = Map.of("sha256", "SHA-256", "sha512", "SHA-512");

  private Hashes() {}

  /**
   * Checks every supported hash in {@code expected} (sha256, sha512); unknown algorithms are ignored,
   * but at least one must be supported when {@code expected} is not empty.
   */
  static void check(String what, String source, Map<String, String> expected, byte[] data) throws TufException {
    boolean any = false;
    for (Map.Entry<String, String> e : expected.entrySet()) {
      String jca = ALGORITHMS.get(e.getKey());
      if (jca == null) {
        continue;
      }
      any = true;
      String actual = hex(jca, data);
      if (!MessageDigest.isEqual(actual.getBytes(), e.getValue().toLowerCase(java.util.Locale.ROOT).getBytes())) {
        throw new TufException(what + ": " + e.getKey() + " " + actual + " does not match " + e.getValue()
            + " in " + source);
      }
    }
    if (!any && !expected.isEmpty()) {
      throw new TufException(what + ": " + source + " lists no supported hash (sha256, sha512): " + expected.keySet());
    }
  }

  static void checkLength(String what, String source, long expected, byte[] data) throws TufException {
    if (data.length != expected) {
      throw new TufException(what + ": length " + data.length + " does not match " + expected + " in " + source);
    }
  }

  static String sha256(byte[] data) {
    return hex("SHA-256", data);
  }

  private static String hex(String algorithm, byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm, e);
    }
  }
}
