package dev.signet.payload;

import dev.signet.oci.OciModelException;

/** A signed payload (simple-signing JSON, DSSE envelope, in-toto statement) is malformed. */
public final class PayloadFormatException extends OciModelException {
  private static final long serialVersionUID = 1L;

  public PayloadFormatException(String message) {
    super(message);
  }

  public PayloadFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
