package dev.signet.sigstore.log.entries;

import dev.signet.sigstore.log.LogException;

/** A proposed entry is malformed or its signature does not verify (HTTP 400). */
public final class EntryException extends LogException {
  public EntryException(String message) {
    super(message);
  }
}
