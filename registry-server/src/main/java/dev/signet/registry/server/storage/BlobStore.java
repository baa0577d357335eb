package dev.signet.registry.server.storage;

import dev.signet.oci.Digest;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Content-addressed blob storage, shared by all repositories (which repository may see which blob is
 * the {@link MetadataStore}'s business).
 *
 * <p>Durability contract: a blob MUST NOT become visible through {@link #stat} or {@link #open} until its
 * content has been verified against its digest and durably written; a failed or interrupted write MUST
 * leave nothing visible. Implementations are thread-safe; writing the same digest twice concurrently is
 * allowed and yields one blob.
 */
public interface BlobStore extends AutoCloseable {

  /** The blob's size and age, or empty when it is not stored. */
  Optional<BlobInfo> stat(Digest digest);

  /** A channel over the blob's bytes (seekable, for range requests), or empty when it is not stored. */
  Optional<SeekableByteChannel> open(Digest digest);

  /**
   * Stores {@code content} (read to its end, not closed) under {@code expected}, verifying the digest
   * while streaming.
   *
   * @throws BlobDigestMismatchException when the content does not hash to {@code expected}; nothing is stored
   */
  BlobInfo put(Digest expected, InputStream content) throws BlobDigestMismatchException;

  /** Removes the blob; false when it was not stored. */
  boolean delete(Digest digest);

  /** Calls {@code visitor} for every stored blob, in no particular order. */
  void list(Consumer<BlobInfo> visitor);

  /** Reads the blob to its end and tells whether its content still hashes to its digest. */
  boolean verify(Digest digest);

  /** The resumable upload sessions. */
  UploadSessions uploads();

  @Override
  void close();
}
