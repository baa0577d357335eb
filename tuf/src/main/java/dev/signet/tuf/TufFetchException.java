package dev.signet.tuf;

/**
 * A repository could not be read: unreachable, timed out, an HTTP error other than "not found", or a
 * body larger than allowed. Distinct from verification failures so that a caller may fall back to
 * verified cached metadata when it is offline; a verification failure never allows that.
 */
public class TufFetchException extends TufException {
  private static final long serialVersionUID = 1L;

  public TufFetchException(String message) {
    super(message);
  }

  public TufFetchException(String message, Throwable cause) {
    super(message, cause);
  }
}
