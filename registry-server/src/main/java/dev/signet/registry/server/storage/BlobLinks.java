package dev.signet.registry.server.storage;

import dev.signet.oci.Digest;
import java.util.Optional;

/** Which repository may serve which blob, and which repository owns which upload session. */
public interface BlobLinks {

  /** The size recorded when the blob was linked into {@code repository}, or empty when it is not. */
  Optional<Long> linkedBlob(String repository, Digest digest);

  /** Links a stored blob into a repository (mount, inline data); creates the repository if needed. */
  void linkBlob(String repository, Digest digest, long size);

  /**
   * In one write transaction: when {@code stored} reports the blob's size (it is in the blob store),
   * links it into the repository. Garbage collection deletes content under the same lock, so a blob
   * linked this way is protected from every later sweep by the fresh link.
   *
   * @return false when the blob is not stored (nothing linked)
   */
  boolean linkBlobIfStored(String repository, Digest digest, java.util.function.Supplier<Optional<Long>> stored);

  /** Removes the link; false when there was none. The blob itself stays for garbage collection. */
  boolean unlinkBlob(String repository, Digest digest);

  /** Records a new upload session of {@code repository}. */
  void createUpload(String id, String repository);

  /** The repository owning the session, or empty when it is unknown. */
  Optional<String> uploadRepository(String id);

  /** Forgets the session; false when it was unknown. */
  boolean deleteUpload(String id);

  /** Atomically forgets the session and links the blob it produced into its repository. */
  void completeUpload(String id, String repository, Digest digest, long size);
}
