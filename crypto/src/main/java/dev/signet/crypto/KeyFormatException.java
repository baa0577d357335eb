package dev.signet.crypto;

/**
 * A key file or key encoding is corrupt, has an unexpected structure or uses an unsupported
 * container format (wrong PEM label, bad base64, bad JSON, SEC1 where PKCS#8 is required, ...).
 *
 * <p>The message names the file (or other source) and, where possible, what to do about it.
 */
public class KeyFormatException extends CryptoException {

  /** Creates an exception; {@code message} should name the source and the problem. */
  public KeyFormatException(String message) {
    super(message);
  }

  /** Creates an exception with the parser failure that caused it. */
  public KeyFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
