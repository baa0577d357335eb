package dev.signet.registry.client;

import dev.signet.oci.Descriptor;
import java.util.List;

/**
 * The referrers of a subject digest.
 *
 * @param referrers descriptors of manifests whose {@code subject} is the digest, filtered by artifact
 *     type when one was asked for
 * @param source where the list came from
 * @param filteredByRegistry true when the registry applied the artifactType filter itself
 *     ({@code OCI-Filters-Applied}); false when the client filtered (or no filter was asked for)
 */
public record ReferrersResult(List<Descriptor> referrers, Source source, boolean filteredByRegistry) {

  /** Where the referrers list came from. */
  public enum Source {
    /** {@code GET /v2/<name>/referrers/<digest>} answered with an image index. */
    REFERRERS_API,
    /** The registry has no referrers API; the {@code sha256-<hex>} fallback tag index was read. */
    FALLBACK_TAG
  }

  public ReferrersResult {
    referrers = List.copyOf(referrers);
  }
}
