package dev.signet.registry.server.storage;

import dev.signet.oci.Digest;

/** Content did not hash to the digest it was stored under. */
public final class BlobDigestMismatchException extends StoreException {
  private static final long serialVersionUID = 1L;

  public BlobDigestMismatchException(Digest expected, Digest actual) {
    super("content hashes to " + actual + ", not " + expected);
  }
}
