package dev.signet.verify;

import java.util.Objects;

/**
 * The checked root of the verification engine: one check failed for one object. The message names the
 * check and the object ("certificate chain: leaf not signed by any CA in the trusted root valid at …"),
 * so callers print it as it is.
 */
public class VerificationException extends Exception {
  private static final long serialVersionUID = 1L;

  private final Check check;

  public VerificationException(Check check, String message) {
    super(Objects.requireNonNull(check, "check").label() + ": " + message);
    this.check = check;
  }

  public VerificationException(Check check, String message, Throwable cause) {
    super(Objects.requireNonNull(check, "check").label() + ": " + message, cause);
    this.check = check;
  }

  /** Which check failed. */
  public Check check() {
    return check;
  }
}
