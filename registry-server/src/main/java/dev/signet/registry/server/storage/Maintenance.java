package dev.signet.registry.server.storage;

import dev.signet.oci.Digest;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** What garbage collection and consistency checks need. */
public interface Maintenance {

  /**
   * Manifests created before {@code cutoff} that are unreachable: not tagged, not a child of a
   * reachable index, not an accessory of a reachable subject.
   */
  List<ManifestKey> unreachableManifests(Instant cutoff);

  /**
   * Recomputes {@link #unreachableManifests} inside one write transaction and deletes those manifests,
   * so a concurrent push that makes one reachable again always wins.
   *
   * @return what was deleted
   */
  List<ManifestKey> deleteUnreachableManifests(Instant cutoff);

  /** Digests of blobs that some stored manifest references. */
  Set<Digest> referencedBlobs();

  /**
   * Under the write lock: when no manifest references the blob and no repository linked it after
   * {@code cutoff}, removes its links and runs {@code deleteContent} before the lock is released.
   *
   * @return true when the blob was swept
   */
  boolean sweepBlob(Digest digest, Instant cutoff, Runnable deleteContent);

  /** Upload sessions recorded before {@code cutoff}. */
  List<String> uploadsCreatedBefore(Instant cutoff);

  /** Calls {@code visitor} with every manifest and its references. */
  void forEachManifest(ManifestVisitor visitor);

  /** Problems the database itself reports (empty when healthy). */
  List<String> integrityCheck();

  /** Receives each stored manifest. */
  interface ManifestVisitor {
    void visit(String repository, ManifestRecord manifest, List<Reference> references);
  }
}
