package dev.signet.registry.server.lifecycle;

import dev.signet.oci.Digest;
import java.time.Instant;
import java.util.List;

/**
 * What a retention run deleted (or, when {@code dryRun}, would delete): tags, then the manifests no tag
 * references any more, with the accessories (signatures, attestations, SBOMs, referrers) that went with them.
 * Blobs are left to garbage collection.
 */
public record RetentionReport(String project, boolean dryRun, Instant time, List<TagEntry> deletedTags,
    List<ManifestEntry> deletedManifests, List<TagEntry> keptImmutable) {

  /** A tag of a repository and the manifest it named. */
  public record TagEntry(String repository, String tag, Digest digest) {}

  /** A subject manifest and its accessories deleted with it. */
  public record ManifestEntry(String repository, Digest digest, List<Digest> accessories) {}
}
