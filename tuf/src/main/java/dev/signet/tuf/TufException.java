package dev.signet.tuf;

/**
 * The one checked exception of the TUF client. The message is one line that names the metadata file
 * and what is wrong with it, for example {@code "timestamp.json: expired at 2026-01-02T00:00:00Z"} or
 * {@code "root.json v3: 1 of 2 required signatures"}.
 */
public class TufException extends Exception {
  private static final long serialVersionUID = 1L;

  public TufException(String message) {
    super(message);
  }

  public TufException(String message, Throwable cause) {
    super(message, cause);
  }
}
