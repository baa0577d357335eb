package dev.signet.registry.server.storage;

import dev.signet.oci.Digest;
import java.io.InputStream;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Resumable blob upload sessions (the distribution spec's chunked PATCH uploads). A session's data lives
 * in a temporary file next to the blobs until {@link #commit} moves it into place or {@link #cancel}
 * removes it; sessions survive restarts. Calls for one session may come from different threads and
 * requests, but implementations serialise them.
 */
public interface UploadSessions {

  /** Opens an empty session. */
  void create(String id);

  /** The number of bytes received so far. */
  long size(String id) throws UnknownUploadException;

  /**
   * Appends {@code content} (read to its end) when {@code offset} equals the current size.
   *
   * @return the new size
   * @throws UploadOffsetException when {@code offset} is not the current size (chunks out of order)
   */
  long append(String id, long offset, InputStream content) throws UnknownUploadException, UploadOffsetException;

  /**
   * Verifies the received bytes against {@code expected}, makes them the blob {@code expected} and ends
   * the session. On a mismatch the session is ended too and nothing becomes visible.
   */
  default BlobInfo commit(String id, Digest expected) throws UnknownUploadException, BlobDigestMismatchException {
    return commit(id, expected, size -> { });
  }

  /** {@link #commit}, with a write-ahead step as in {@link BlobStore#put(Digest, InputStream, LongConsumer)}. */
  BlobInfo commit(String id, Digest expected, LongConsumer beforeInstall)
      throws UnknownUploadException, BlobDigestMismatchException;

  /** Ends the session and removes its data; false when there was none. */
  boolean cancel(String id);

  /** Every open session, with the time of its last write (for expiry). */
  void list(Consumer<UploadInfo> visitor);

  /** An open session. */
  record UploadInfo(String id, long size, java.time.Instant modified) {}
}
