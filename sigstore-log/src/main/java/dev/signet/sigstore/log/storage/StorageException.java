package dev.signet.sigstore.log.storage;

import dev.signet.sigstore.log.LogException;

/** The log's storage failed (I/O error, full disk, conflicting immutable object). */
public class StorageException extends LogException {
  public StorageException(String message) {
    super(message);
  }

  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
