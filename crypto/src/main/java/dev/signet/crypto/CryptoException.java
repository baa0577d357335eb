package dev.signet.crypto;

/**
 * Root of every checked exception thrown by the crypto module.
 *
 * <p>Messages name the action and the object it was applied to (for example
 * {@code "decrypt cosign.key: wrong password ..."}), so that a command-line front end can print them
 * unchanged. Subclasses name the kind of failure; callers that do not care catch this type.
 */
public class CryptoException extends Exception {

  /** Creates an exception with a message that says what failed and on which object. */
  public CryptoException(String message) {
    super(message);
  }

  /** Creates an exception with a message and the underlying cause. */
  public CryptoException(String message, Throwable cause) {
    super(message, cause);
  }
}
