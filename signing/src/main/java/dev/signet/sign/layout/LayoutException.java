package dev.signet.sign.layout;

import dev.signet.sign.SigningException;

/** An OCI image layout directory that cannot be read or written: the message names the file and the fix. */
public final class LayoutException extends SigningException {
  private static final long serialVersionUID = 1L;

  public LayoutException(String message) {
    super(message);
  }

  public LayoutException(String message, Throwable cause) {
    super(message, cause);
  }
}
