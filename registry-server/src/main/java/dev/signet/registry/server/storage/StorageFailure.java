package dev.signet.registry.server.storage;

/** The storage itself failed (I/O error, database error): a server-side problem, never the client's. */
public final class StorageFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StorageFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
