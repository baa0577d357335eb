package dev.signet.registry.server.service;

import dev.signet.oci.Digest;
import dev.signet.registry.client.ErrorCode;
import dev.signet.registry.server.storage.BlobInfo;
import dev.signet.registry.server.storage.BlobStore;
import dev.signet.registry.server.storage.MetadataStore;
import java.nio.channels.SeekableByteChannel;
import java.util.Optional;

/** Blob reads, deletes and cross-repository mounts, scoped to the blobs linked into each repository. */
public final class BlobService {
  private final MetadataStore meta;
  private final BlobStore blobs;
  private final RecentBlobs recent;

  BlobService(MetadataStore meta, BlobStore blobs, RecentBlobs recent) {
    this.meta = meta;
    this.blobs = blobs;
    this.recent = recent;
  }

  /** A blob opened for reading; the caller closes the channel. */
  public record OpenBlob(BlobInfo info, SeekableByteChannel channel) {}

  public BlobInfo stat(String repo, Digest digest) throws RegistryException {
    Optional<BlobInfo> info = meta.linkedBlob(repo, digest).flatMap(size -> blobs.stat(digest));
    if (info.isEmpty()) {
      throw unknown(digest);
    }
    recent.touch(digest);
    return info.get();
  }

  public OpenBlob open(String repo, Digest digest) throws RegistryException {
    BlobInfo info = stat(repo, digest);
    return new OpenBlob(info, blobs.open(digest).orElseThrow(() -> unknown(digest)));
  }

  /** Unlinks the blob from the repository; the content goes at the next garbage collection. */
  public void delete(String repo, Digest digest) throws RegistryException {
    if (!meta.unlinkBlob(repo, digest)) {
      throw unknown(digest);
    }
  }

  /**
   * Links a blob of {@code from} into {@code repo}. Without {@code from} nothing is mounted, so that a
   * repository's blobs can later be scoped by access control on {@code from}.
   *
   * @return false when there is nothing to mount (the caller opens a normal upload instead)
   */
  public boolean mount(String repo, String from, Digest digest) throws RegistryException {
    if (from == null || from.isEmpty()) {
      return false;
    }
    Names.repository(from);
    if (meta.linkedBlob(from, digest).isEmpty()) {
      return false;
    }
    // stat and link in one write transaction: a sweep deletes content under the same lock, so the blob
    // either was gone (nothing mounted) or is linked before any later sweep looks
    boolean mounted = meta.linkBlobIfStored(repo, digest, () -> blobs.stat(digest).map(BlobInfo::size));
    if (mounted) {
      recent.touch(digest);
    }
    return mounted;
  }

  private static RegistryException unknown(Digest digest) {
    return RegistryException.of(ErrorCode.BLOB_UNKNOWN, "blob unknown to registry", digest.toString());
  }
}
