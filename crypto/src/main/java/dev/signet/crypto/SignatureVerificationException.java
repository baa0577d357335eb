package dev.signet.crypto;

/**
 * A signature did not verify: it is malformed, was made by another key, or the data was modified.
 */
public class SignatureVerificationException extends CryptoException {

  /** Creates an exception whose message says which check failed. */
  public SignatureVerificationException(String message) {
    super(message);
  }

  /** Creates an exception with an underlying cause (for example a malformed encoding). */
  public SignatureVerificationException(String message, Throwable cause) {
    super(message, cause);
  }
}
