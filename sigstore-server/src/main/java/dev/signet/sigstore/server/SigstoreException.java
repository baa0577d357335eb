package dev.signet.sigstore.server;

/** Opening, composing or maintaining the Sigstore services failed; the message says which service and why. */
public final class SigstoreException extends Exception {
  private static final long serialVersionUID = 1L;

  public SigstoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public SigstoreException(String message) {
    super(message);
  }
}
