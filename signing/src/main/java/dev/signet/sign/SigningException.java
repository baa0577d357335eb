package dev.signet.sign;

/**
 * Root of the signing library's checked exceptions. The message says what was done to which object;
 * the cause keeps the registry, crypto or format failure underneath.
 */
public class SigningException extends Exception {
  private static final long serialVersionUID = 1L;

  public SigningException(String message) {
    super(message);
  }

  public SigningException(String message, Throwable cause) {
    super(message, cause);
  }
}
