package dev.signet.registry.server.service;

import dev.signet.oci.Digest;
import dev.signet.registry.server.storage.BlobInfo;
import dev.signet.registry.server.storage.BlobStore;
import dev.signet.registry.server.storage.ManifestKey;
import dev.signet.registry.server.storage.MetadataStore;
import dev.signet.registry.server.storage.Reference;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Online mark and sweep. Roots are the tags; a reachable index keeps its children, a reachable subject
 * keeps its accessories (signatures, attestations, SBOMs, referrers, legacy-tag history), transitively.
 * Nothing younger than the grace period is removed: not manifests, not blobs (written, re-pushed,
 * mounted or looked at by a client), not upload sessions. Manifests are swept in one write transaction
 * that recomputes reachability; each blob is swept under the write lock after re-checking that no
 * manifest references it, so concurrent pushes never lose content. Blobs are never read.
 */
public final class GarbageCollector {
  /** The default grace period. */
  public static final Duration DEFAULT_GRACE = Duration.ofHours(1);

  private final MetadataStore meta;
  private final BlobStore blobs;
  private final RecentBlobs recent;
  private final Clock clock;

  GarbageCollector(MetadataStore meta, BlobStore blobs, RecentBlobs recent, Clock clock) {
    this.meta = meta;
    this.blobs = blobs;
    this.recent = recent;
    this.clock = clock;
  }

  public GcReport run(Duration grace, boolean dryRun) {
    Instant cutoff = clock.instant().minus(grace);
    List<ManifestKey> manifests = dryRun ? meta.unreachableManifests(cutoff) : meta.deleteUnreachableManifests(cutoff);
    Set<Digest> referenced = dryRun ? referencedExcept(new HashSet<>(manifests)) : meta.referencedBlobs();
    List<BlobInfo> candidates = new ArrayList<>();
    blobs.list(b -> {
      if (!referenced.contains(b.digest()) && b.modified().isBefore(cutoff)
          && !recent.touchedSince(b.digest(), cutoff)) {
        candidates.add(b);
      }
    });
    List<BlobInfo> swept = new ArrayList<>();
    for (BlobInfo b : candidates) {
      if (dryRun || meta.sweepBlob(b.digest(), cutoff, () -> blobs.delete(b.digest()))) {
        swept.add(b);
      }
    }
    List<String> uploads = expireUploads(cutoff, dryRun);
    recent.prune(cutoff);
    return new GcReport(dryRun, manifests, swept, uploads);
  }

  private Set<Digest> referencedExcept(Set<ManifestKey> doomed) {
    Set<Digest> out = new HashSet<>();
    meta.forEachManifest((repo, m, refs) -> {
      if (!doomed.contains(new ManifestKey(repo, m.digest()))) {
        refs.stream().filter(r -> r.kind() == Reference.Kind.BLOB).forEach(r -> out.add(r.digest()));
      }
    });
    return out;
  }

  private List<String> expireUploads(Instant cutoff, boolean dryRun) {
    Set<String> active = new HashSet<>();
    List<String> expired = new ArrayList<>();
    blobs.uploads().list(u -> {
      if (u.modified().isBefore(cutoff)) {
        expired.add(u.id());
      } else {
        active.add(u.id());
      }
    });
    for (String id : meta.uploadsCreatedBefore(cutoff)) {
      if (!active.contains(id) && !expired.contains(id)) {
        expired.add(id);
      }
    }
    if (!dryRun) {
      for (String id : expired) {
        blobs.uploads().cancel(id);
        meta.deleteUpload(id);
      }
    }
    return expired;
  }
}
