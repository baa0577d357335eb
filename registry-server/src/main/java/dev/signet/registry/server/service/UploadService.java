package dev.signet.registry.server.service;

import dev.signet.oci.Digest;
import dev.signet.registry.client.ErrorCode;
import dev.signet.registry.server.storage.BlobDigestMismatchException;
import dev.signet.registry.server.storage.BlobInfo;
import dev.signet.registry.server.storage.BlobStore;
import dev.signet.registry.server.storage.MetadataStore;
import dev.signet.registry.server.storage.UnknownUploadException;
import dev.signet.registry.server.storage.UploadOffsetException;
import dev.signet.registry.server.storage.UploadSessions;
import java.io.InputStream;
import java.util.UUID;

/**
 * Blob uploads: monolithic (one request), and sessions fed by PATCH chunks and closed by PUT. A session
 * belongs to the repository that opened it; a blob becomes visible in that repository only once its
 * digest has been verified.
 */
public final class UploadService {
  private final MetadataStore meta;
  private final BlobStore blobs;
  private final UploadSessions sessions;

  UploadService(MetadataStore meta, BlobStore blobs) {
    this.meta = meta;
    this.blobs = blobs;
    this.sessions = blobs.uploads();
  }

  /** Opens a session and returns its id. */
  public String start(String repo) {
    String id = UUID.randomUUID().toString();
    sessions.create(id);
    meta.createUpload(id, repo);
    return id;
  }

  /** Stores a whole blob sent in one request. */
  public BlobInfo putMonolithic(String repo, Digest digest, InputStream content) throws RegistryException {
    try {
      // the link is written ahead of the install: a sweep either ran before it or sees it
      return blobs.put(digest, content, size -> meta.linkBlob(repo, digest, size));
    } catch (BlobDigestMismatchException e) {
      throw RegistryException.of(ErrorCode.DIGEST_INVALID, "provided digest did not match uploaded content",
          e.getMessage());
    }
  }

  /**
   * Appends a chunk.
   *
   * @param start where the client says the chunk starts ({@code Content-Range}), or null to append
   * @return the session's new size
   */
  public long append(String repo, String id, Long start, InputStream chunk) throws RegistryException {
    checkOwner(repo, id);
    try {
      long offset = start == null ? sessions.size(id) : start;
      return sessions.append(id, offset, chunk);
    } catch (UnknownUploadException e) {
      throw unknown(id);
    } catch (UploadOffsetException e) {
      throw RegistryException.rangeInvalid("chunk out of order: " + e.getMessage());
    }
  }

  /** The number of bytes received so far. */
  public long status(String repo, String id) throws RegistryException {
    checkOwner(repo, id);
    try {
      return sessions.size(id);
    } catch (UnknownUploadException e) {
      throw unknown(id);
    }
  }

  /** Appends an optional last chunk, verifies the whole content against {@code digest}, ends the session. */
  public BlobInfo finish(String repo, String id, Digest digest, Long start, InputStream lastChunk)
      throws RegistryException {
    append(repo, id, start, lastChunk);
    try {
      return sessions.commit(id, digest, size -> meta.completeUpload(id, repo, digest, size));
    } catch (UnknownUploadException e) {
      throw unknown(id);
    } catch (BlobDigestMismatchException e) {
      meta.deleteUpload(id);
      throw RegistryException.of(ErrorCode.DIGEST_INVALID, "provided digest did not match uploaded content",
          e.getMessage());
    }
  }

  /** Ends the session and discards its data. */
  public void cancel(String repo, String id) throws RegistryException {
    checkOwner(repo, id);
    sessions.cancel(id);
    meta.deleteUpload(id);
  }

  private void checkOwner(String repo, String id) throws RegistryException {
    if (!meta.uploadRepository(id).map(repo::equals).orElse(false)) {
      throw unknown(id);
    }
  }

  private static RegistryException unknown(String id) {
    return RegistryException.of(ErrorCode.BLOB_UPLOAD_UNKNOWN, "blob upload unknown to registry", id);
  }
}
