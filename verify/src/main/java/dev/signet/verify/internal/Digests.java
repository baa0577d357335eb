package dev.signet.verify.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The one place the engine computes message digests (JCA names: SHA-256, SHA-384, SHA-512). */
public final class Digests {
  private Digests() {}

  /**
   * @throws IllegalArgumentException when the JDK lacks {@code jcaAlgorithm}
   */
  public static byte[] digest(String jcaAlgorithm, byte[] data) {
    return messageDigest(jcaAlgorithm).digest(data);
  }

  public static byte[] sha256(byte[] data) {
    return digest("SHA-256", data);
  }

  /** A fresh instance, for incremental hashing. */
  public static MessageDigest messageDigest(String jcaAlgorithm) {
    try {
      return MessageDigest.getInstance(jcaAlgorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalArgumentException("unsupported hash " + jcaAlgorithm, e);
    }
  }
}
