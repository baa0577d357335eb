package dev.signet.registry.server.storage;

/** A storage operation was refused for a reason the caller can act on (never an I/O failure). */
public class StoreException extends Exception {
  private static final long serialVersionUID = 1L;

  public StoreException(String message) {
    super(message);
  }
}
