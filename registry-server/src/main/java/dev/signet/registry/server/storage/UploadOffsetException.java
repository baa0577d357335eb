package dev.signet.registry.server.storage;

/** A chunk did not start where the session's data ends. */
public final class UploadOffsetException extends StoreException {
  private static final long serialVersionUID = 1L;
  private final long size;

  public UploadOffsetException(long offset, long size) {
    super("chunk starts at " + offset + " but the upload holds " + size + " bytes");
    this.size = size;
  }

  /** How many bytes the session holds. */
  public long currentSize() {
    return size;
  }
}
