package dev.signet.registry.server.storage;

import dev.signet.oci.Digest;
import java.time.Instant;
import java.util.Objects;

/**
 * A stored blob.
 *
 * @param digest its content digest
 * @param size its length in bytes
 * @param modified when it was (last) written; garbage collection spares blobs younger than its grace
 */
public record BlobInfo(Digest digest, long size, Instant modified) {
  public BlobInfo {
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(modified, "modified");
  }
}
