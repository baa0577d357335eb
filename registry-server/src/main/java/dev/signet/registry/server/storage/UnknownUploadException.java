package dev.signet.registry.server.storage;

/** No upload session has this id (never created, committed, cancelled or expired). */
public final class UnknownUploadException extends StoreException {
  private static final long serialVersionUID = 1L;

  public UnknownUploadException(String id) {
    super("upload " + id + " is unknown");
  }
}
