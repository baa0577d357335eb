package dev.signet.sign.keyless;

import dev.signet.sign.SigningException;

/**
 * A keyless-signing failure: a missing or malformed identity token, a service that refused the request
 * (its reason included) or could not be reached, a signing config that names no usable service.
 */
public class KeylessException extends SigningException {
  private static final long serialVersionUID = 1L;

  public KeylessException(String message) {
    super(message);
  }

  public KeylessException(String message, Throwable cause) {
    super(message, cause);
  }
}
