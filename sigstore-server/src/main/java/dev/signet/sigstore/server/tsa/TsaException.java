package dev.signet.sigstore.server.tsa;

/**
 * Why the timestamp authority could not answer: a malformed or unacceptable request (the client's
 * mistake, {@link #clientError()}), or key material that cannot be loaded or created.
 */
public final class TsaException extends Exception {
  private final boolean clientError;

  private TsaException(String message, boolean clientError, Throwable cause) {
    super(message, cause);
    this.clientError = clientError;
  }

  /** The request cannot be answered as sent (HTTP 400). */
  public static TsaException badRequest(String message) {
    return new TsaException(message, true, null);
  }

  /** The TSA's own state (key, certificates, data directory) is the problem. */
  public static TsaException setup(String message, Throwable cause) {
    return new TsaException(message, false, cause);
  }

  public boolean clientError() {
    return clientError;
  }
}
