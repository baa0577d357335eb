package dev.signet.registry.server.service;

import dev.signet.registry.server.storage.BlobStore;
import dev.signet.registry.server.storage.MetadataStore;
import dev.signet.registry.server.storage.PrivateFiles;
import dev.signet.registry.server.storage.fs.FsBlobStore;
import dev.signet.registry.server.storage.sql.SqliteMetadataStore;
import dev.signet.registry.server.trust.TrustService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The registry's services over one metadata store and one blob store. {@link #open} lays out a data
 * directory as {@code metadata.db} (SQLite) plus the blob store's {@code blobs/}, {@code uploads/} and
 * {@code tmp/}.
 */
public final class Registry implements AutoCloseable {
  private final MetadataStore meta;
  private final BlobStore blobStore;
  private final BlobService blobs;
  private final UploadService uploads;
  private final ManifestService manifests;
  private final DiscoveryService discovery;
  private final SignatureBatch signatures;
  private final GarbageCollector gc;
  private final Fsck fsck;
  private final TrustService trust;
  private final java.util.List<AutoCloseable> closeFirst = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** A registry without trust policies (every pull is allowed). */
  public Registry(MetadataStore meta, BlobStore blobStore, Clock clock) {
    this(meta, blobStore, clock, null);
  }

  /** @param trust verified-pull policies over the same stores, or null for none */
  public Registry(MetadataStore meta, BlobStore blobStore, Clock clock, TrustService trust) {
    this.meta = meta;
    this.blobStore = blobStore;
    this.trust = trust;
    RecentBlobs recent = new RecentBlobs(clock);
    this.blobs = new BlobService(meta, blobStore, recent);
    this.uploads = new UploadService(meta, blobStore);
    this.manifests = new ManifestService(meta, blobStore, clock, trust == null ? ManifestService.Hooks.NONE : trust);
    this.discovery = new DiscoveryService(meta);
    this.signatures = new SignatureBatch(meta, blobStore, manifests);
    this.gc = new GarbageCollector(meta, blobStore, recent, clock);
    this.fsck = new Fsck(meta, blobStore);
  }

  /**
   * Opens (creating if needed) the registry stored in {@code dataDir}.
   *
   * @param fullSync fsync every metadata commit (see {@link SqliteMetadataStore})
   */
  public static Registry open(Path dataDir, Clock clock, boolean fullSync) {
    try {
      PrivateFiles.createDirectories(dataDir);
      PrivateFiles.restrict(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create data directory " + dataDir, e);
    }
    BlobStore blobStore = new FsBlobStore(dataDir, clock);
    MetadataStore meta = new SqliteMetadataStore(dataDir.resolve("metadata.db"), clock, fullSync);
    TrustService trust = TrustService.open(dataDir.resolve("metadata.db"), fullSync, meta, blobStore, clock);
    return new Registry(meta, blobStore, clock, trust);
  }

  public BlobService blobs() {
    return blobs;
  }

  public UploadService uploads() {
    return uploads;
  }

  public ManifestService manifests() {
    return manifests;
  }

  public DiscoveryService discovery() {
    return discovery;
  }

  /** Signet's batch read of many subjects' signatures. */
  public SignatureBatch signatures() {
    return signatures;
  }

  public GarbageCollector gc() {
    return gc;
  }

  public Fsck fsck() {
    return fsck;
  }

  /** Verified-pull policies; IllegalStateException for a registry built without them. */
  public TrustService trust() {
    if (trust == null) {
      throw new IllegalStateException("this registry has no trust policies");
    }
    return trust;
  }

  /** Closes {@code c} (a service built over this registry) before the registry's own stores. */
  public void closeWith(AutoCloseable c) {
    closeFirst.add(0, c);
  }

  @Override
  public void close() {
    for (AutoCloseable c : closeFirst) {
      try {
        c.close();
      } catch (Exception e) {
        // closing anyway
      }
    }
    if (trust != null) {
      trust.close();
    }
    meta.close();
    blobStore.close();
  }
}
