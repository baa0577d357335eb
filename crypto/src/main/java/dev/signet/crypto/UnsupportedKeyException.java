package dev.signet.crypto;

/**
 * A key was parsed correctly but its type, curve or size is not allowed, for example
 * {@code "ECDSA curve P-224 not allowed"} or {@code "key size not supported: 1024"}; also thrown for
 * key references that this implementation cannot resolve yet (KMS URIs).
 */
public class UnsupportedKeyException extends CryptoException {

  /** Creates an exception whose message says which key property is not supported. */
  public UnsupportedKeyException(String message) {
    super(message);
  }

  /** Creates an exception with an underlying cause. */
  public UnsupportedKeyException(String message, Throwable cause) {
    super(message, cause);
  }
}
