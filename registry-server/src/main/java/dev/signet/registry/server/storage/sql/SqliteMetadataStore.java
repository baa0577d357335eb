package dev.signet.registry.server.storage.sql;

import dev.signet.oci.Descriptor;
import dev.signet.oci.Digest;
import dev.signet.registry.server.storage.AccessoryRecord;
import dev.signet.registry.server.storage.CascadeRule;
import dev.signet.registry.server.storage.ConditionFailedException;
import dev.signet.registry.server.storage.LinkKind;
import dev.signet.registry.server.storage.ManifestKey;
import dev.signet.registry.server.storage.ManifestRecord;
import dev.signet.registry.server.storage.ManifestWrite;
import dev.signet.registry.server.storage.MetadataStore;
import dev.signet.registry.server.storage.MissingReferenceException;
import dev.signet.registry.server.storage.Page;
import dev.signet.registry.server.storage.StoreException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * {@link MetadataStore} on an embedded SQLite database ({@code metadata.db} in WAL mode). Reads run
 * concurrently on a small connection pool; writes are serialised on one connection, each in a single
 * {@code BEGIN IMMEDIATE} transaction, so tag moves, conditional PUTs and cascades are atomic.
 */
public final class SqliteMetadataStore implements MetadataStore {
  private final SqliteDatabase db;
  private final Clock clock;

  /**
   * @param file the database file (created and migrated if needed)
   * @param fullSync true to fsync every commit ({@code synchronous=FULL}); false survives process
   *     crashes but may lose the last commits on power loss ({@code NORMAL})
   */
  public SqliteMetadataStore(Path file, Clock clock, boolean fullSync) {
    this.db = new SqliteDatabase(file, fullSync, Math.max(4, Runtime.getRuntime().availableProcessors() * 2));
    this.clock = clock;
  }

  @Override
  public boolean repositoryExists(String repository) {
    return db.read(c -> Jdbc.exists(c, "SELECT 1 FROM repositories WHERE name = ?", repository));
  }

  @Override
  public Page<String> repositories(String last, int limit) {
    return db.read(c -> DiscoverySql.repositories(c, last, limit));
  }

  @Override
  public Optional<ManifestRecord> manifest(String repository, Digest digest) {
    return db.read(c -> ManifestSql.get(c, repository, digest));
  }

  @Override
  public Optional<ManifestRecord> manifestByTag(String repository, String tag) {
    return db.read(c -> ManifestSql.byTag(c, repository, tag));
  }

  @Override
  public Optional<Digest> resolveTag(String repository, String tag) {
    return db.read(c -> ManifestSql.resolveTag(c, repository, tag));
  }

  @Override
  public boolean putManifest(ManifestWrite write, Predicate<Digest> stored)
      throws MissingReferenceException, ConditionFailedException {
    try {
      return db.write(c -> ManifestSql.put(c, write, stored));
    } catch (MissingReferenceException | ConditionFailedException e) {
      throw e;
    } catch (StoreException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public List<Digest> deleteManifest(String repository, Digest digest, CascadeRule rule) {
    return db.writeUnchecked(c -> CascadeSql.delete(c, repository, digest, rule));
  }

  @Override
  public boolean deleteTag(String repository, String tag, Digest subject, Set<LinkKind> detach) {
    return db.writeUnchecked(c -> {
      if (Jdbc.update(c, "DELETE FROM tags WHERE repo = ? AND name = ?", repository, tag) == 0) {
        return false;
      }
      for (LinkKind k : detach) {
        Jdbc.update(c, "DELETE FROM links WHERE repo = ? AND subject = ? AND kind = ?", repository, subject,
            k.name());
      }
      return true;
    });
  }

  @Override
  public Page<String> tags(String repository, String last, int limit) {
    return db.read(c -> DiscoverySql.tags(c, repository, last, limit));
  }

  @Override
  public List<Descriptor> referrers(String repository, Digest subject, String artifactType) {
    return db.read(c -> DiscoverySql.referrers(c, repository, subject, artifactType));
  }

  @Override
  public Map<Digest, ManifestRecord> manifests(String repository, Collection<Digest> digests) {
    return digests.isEmpty() ? Map.of() : db.read(c -> BatchSql.manifests(c, repository, digests));
  }

  @Override
  public Map<String, ManifestRecord> manifestsByTag(String repository, Collection<String> tags) {
    return tags.isEmpty() ? Map.of() : db.read(c -> BatchSql.manifestsByTag(c, repository, tags));
  }

  @Override
  public Map<Digest, List<Descriptor>> referrers(String repository, Collection<Digest> subjects) {
    return subjects.isEmpty() ? Map.of() : db.read(c -> BatchSql.referrers(c, repository, subjects));
  }

  @Override
  public Set<Digest> linkedBlobs(String repository, Collection<Digest> digests) {
    return digests.isEmpty() ? Set.of() : db.read(c -> BatchSql.linkedBlobs(c, repository, digests));
  }

  @Override
  public long version() {
    return db.version();
  }

  @Override
  public List<AccessoryRecord> accessories(String repository, Digest subject) {
    return db.read(c -> DiscoverySql.accessories(c, repository, subject));
  }

  @Override
  public Optional<Long> linkedBlob(String repository, Digest digest) {
    return db.read(c -> BlobLinkSql.linked(c, repository, digest));
  }

  @Override
  public void linkBlob(String repository, Digest digest, long size) {
    db.writeUnchecked(c -> {
      BlobLinkSql.link(c, repository, digest, size, now());
      return null;
    });
  }

  @Override
  public boolean linkBlobIfStored(String repository, Digest digest, Supplier<Optional<Long>> stored) {
    return db.writeUnchecked(c -> {
      Optional<Long> size = stored.get();
      if (size.isPresent()) {
        BlobLinkSql.link(c, repository, digest, size.get(), now());
      }
      return size.isPresent();
    });
  }

  @Override
  public boolean unlinkBlob(String repository, Digest digest) {
    return db.writeUnchecked(c -> BlobLinkSql.unlink(c, repository, digest));
  }

  @Override
  public void createUpload(String id, String repository) {
    db.writeUnchecked(c -> {
      BlobLinkSql.createUpload(c, id, repository, now());
      return null;
    });
  }

  @Override
  public Optional<String> uploadRepository(String id) {
    return db.read(c -> BlobLinkSql.uploadRepository(c, id));
  }

  @Override
  public boolean deleteUpload(String id) {
    return db.writeUnchecked(c -> BlobLinkSql.deleteUpload(c, id));
  }

  @Override
  public void completeUpload(String id, String repository, Digest digest, long size) {
    db.writeUnchecked(c -> {
      BlobLinkSql.deleteUpload(c, id);
      BlobLinkSql.link(c, repository, digest, size, now());
      return null;
    });
  }

  @Override
  public List<ManifestKey> unreachableManifests(Instant cutoff) {
    return db.read(c -> MaintenanceSql.unreachable(c, cutoff));
  }

  @Override
  public List<ManifestKey> deleteUnreachableManifests(Instant cutoff) {
    return db.writeUnchecked(c -> MaintenanceSql.deleteUnreachable(c, cutoff));
  }

  @Override
  public Set<Digest> referencedBlobs() {
    return db.read(MaintenanceSql::referencedBlobs);
  }

  @Override
  public boolean sweepBlob(Digest digest, Instant cutoff, Runnable deleteContent) {
    return db.writeUnchecked(c -> {
      if (!MaintenanceSql.sweepable(c, digest, cutoff)) {
        return false;
      }
      Jdbc.update(c, "DELETE FROM blob_links WHERE digest = ?", digest);
      deleteContent.run();
      return true;
    });
  }

  @Override
  public List<String> uploadsCreatedBefore(Instant cutoff) {
    return db.read(c -> Jdbc.list(c, "SELECT id FROM uploads WHERE created < ?", rs -> rs.getString(1),
        cutoff.toEpochMilli()));
  }

  @Override
  public void forEachManifest(ManifestVisitor visitor) {
    db.read(c -> {
      MaintenanceSql.forEachManifest(c, visitor);
      return null;
    });
  }

  @Override
  public List<String> integrityCheck() {
    return db.read(MaintenanceSql::integrityCheck);
  }

  @Override
  public void close() {
    db.close();
  }

  private long now() {
    return clock.millis();
  }
}
