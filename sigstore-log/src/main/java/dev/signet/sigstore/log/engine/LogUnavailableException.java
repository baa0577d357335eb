package dev.signet.sigstore.log.engine;

import dev.signet.sigstore.log.LogException;

/** The log cannot take the append now (too many pending, or closed); the client may retry later. */
public final class LogUnavailableException extends LogException {
  public LogUnavailableException(String message) {
    super(message);
  }
}
