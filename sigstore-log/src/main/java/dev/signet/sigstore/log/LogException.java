package dev.signet.sigstore.log;

/** Root of the transparency log's checked exceptions. */
public class LogException extends Exception {
  public LogException(String message) {
    super(message);
  }

  public LogException(String message, Throwable cause) {
    super(message, cause);
  }
}
