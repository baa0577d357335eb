package dev.signet.crypto.internal;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.util.Base64;

/** Small wrappers around JCA {@link Signature} and {@link MessageDigest} calls. */
public final class Jca {

  private Jca() {}

  /** Signs {@code data} with the JDK's implementation of {@code algorithm}. */
  public static byte[] sign(String algorithm, PrivateKey key, byte[] data)
      throws GeneralSecurityException {
    Signature s = Signature.getInstance(algorithm);
    s.initSign(key);
    s.update(data);
    return s.sign();
  }

  /**
   * Verifies with the JDK's implementation of {@code algorithm}; a malformed signature counts as
   * invalid ({@code false}).
   *
   * @throws InvalidKeyException if the key cannot be used with the algorithm
   */
  public static boolean verify(String algorithm, PublicKey key, byte[] data, byte[] signature)
      throws InvalidKeyException {
    try {
      Signature s = Signature.getInstance(algorithm);
      s.initVerify(key);
      s.update(data);
      return s.verify(signature);
    } catch (SignatureException e) {
      return false;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("JDK lacks " + algorithm, e);
    }
  }

  /** Digest of {@code data} with a JDK message digest such as {@code "SHA-256"}. */
  public static byte[] digest(String algorithm, byte[] data) {
    try {
      return MessageDigest.getInstance(algorithm).digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("JDK lacks " + algorithm, e);
    }
  }

  /** Output length in bytes of a JDK message digest. */
  public static int digestLength(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm).getDigestLength();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("JDK lacks " + algorithm, e);
    }
  }

  /** Standard base64 of the SHA-256 of the key's SubjectPublicKeyInfo DER (cosign's key hint). */
  public static String keyHint(PublicKey key) {
    return Base64.getEncoder().encodeToString(digest("SHA-256", key.getEncoded()));
  }
}
