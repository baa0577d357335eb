package dev.signet.registry.server.storage;

import dev.signet.oci.Digest;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

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
  default BlobInfo put(Digest expected, InputStream content) throws BlobDigestMismatchException {
    return put(expected, content, size -> { });
  }

  /**
   * {@link #put}, running {@code beforeInstall} with the verified size after the content has been
   * verified and forced to disk and before it is installed (or an identical blob's age refreshed). A
   * caller records there whatever protects the blob from garbage collection (its repository link), so
   * that a sweep either ran before the record (and the blob is installed afresh) or sees it. When
   * {@code beforeInstall} throws, nothing is installed.
   */
  BlobInfo put(Digest expected, InputStream content, LongConsumer beforeInstall) throws BlobDigestMismatchException;

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
