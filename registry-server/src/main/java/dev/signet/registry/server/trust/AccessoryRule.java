package dev.signet.registry.server.trust;

import dev.signet.cosign.AccessoryType;
import dev.signet.oci.Digest;
import dev.signet.registry.server.service.Accessories;
import dev.signet.registry.server.service.ManifestParser;
import dev.signet.registry.server.service.ParsedManifest;
import dev.signet.registry.server.service.RegistryException;
import dev.signet.registry.server.service.RunnableContent;
import dev.signet.registry.server.storage.ManifestRecord;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which manifests a policy never blocks, so that clients can always read signatures: accessories
 * (signature and attestation images, bundle and other referrers, SBOMs, referrers fallback indexes).
 * A manifest counts as one when it is attached (a {@code subject}, a legacy {@code sha256-<hex>.sig|.att|.sbom}
 * or fallback {@code sha256-<hex>} tag, or an accessory type) and no client could run it
 * ({@link RunnableContent}: decided from layer contents, not from media type strings), so that a runnable
 * image cannot dodge the policy by posing as a signature. An index runs nothing itself: its children are
 * judged when they are pulled.
 */
final class AccessoryRule {
  /** Verdicts per manifest digest (content-addressed, so they never go stale); bounded. */
  private static final int CACHE_LIMIT = 10_000;
  private final RunnableContent.BlobReader blobs;
  private final Map<Digest, Boolean> inert = new ConcurrentHashMap<>();

  AccessoryRule(RunnableContent.BlobReader blobs) {
    this.blobs = blobs;
  }

  /** True when {@code m}, asked for as {@code reference}, is an accessory that is always served. */
  boolean isAccessory(ManifestRecord m, String reference) {
    if (Accessories.REFERRERS_INDEX.equals(m.accessoryType())) {
      return true;
    }
    boolean attached = m.subject() != null || Accessories.legacyTag(reference).isPresent()
        || !AccessoryType.OTHER.name().equals(m.accessoryType());
    if (!attached) {
      return false;
    }
    Boolean cached = inert.get(m.digest());
    if (cached != null) {
      return cached;
    }
    boolean verdict = inert(m);
    if (inert.size() >= CACHE_LIMIT) {
      inert.clear();
    }
    inert.put(m.digest(), verdict);
    return verdict;
  }

  private boolean inert(ManifestRecord m) {
    ParsedManifest parsed;
    try {
      parsed = ManifestParser.parse(m.content(), m.mediaType());
    } catch (RegistryException e) {
      return false;
    }
    return RunnableContent.whyRunnable(parsed, blobs) == null;
  }
}
