package dev.signet.registry.server.trust;

import dev.signet.cosign.AccessoryType;
import dev.signet.oci.MediaTypes;
import dev.signet.registry.server.service.Accessories;
import dev.signet.registry.server.service.ManifestParser;
import dev.signet.registry.server.service.ParsedManifest;
import dev.signet.registry.server.service.RegistryException;
import dev.signet.registry.server.storage.ManifestRecord;
import java.util.List;

/**
 * Which manifests a policy never blocks, so that clients can always read signatures: accessories
 * (signature and attestation images, bundle and other referrers, SBOMs, referrers fallback indexes).
 * A manifest counts as one when it is attached (a {@code subject}, a legacy {@code sha256-<hex>.sig|.att|.sbom}
 * or fallback {@code sha256-<hex>} tag, or an accessory type) and cannot be run: an accessory that has an
 * image config and a layer that is not a known signature, attestation or SBOM payload is judged like an
 * image, so that a runnable image cannot dodge the policy by posing as a signature.
 */
final class AccessoryRule {
  private static final List<String> PAYLOAD_TYPES = List.of(MediaTypes.COSIGN_SIMPLESIGNING, MediaTypes.DSSE_ENVELOPE,
      MediaTypes.IN_TOTO, MediaTypes.OCI_EMPTY, "text/spdx", "text/spdx+json", "text/spdx+xml", "application/spdx+json",
      "application/vnd.cyclonedx", "application/vnd.cyclonedx+json", "application/vnd.cyclonedx+xml",
      "application/vnd.syft+json");

  private AccessoryRule() {}

  /** True when {@code m}, asked for as {@code reference}, is an accessory that is always served. */
  static boolean isAccessory(ManifestRecord m, String reference) {
    if (Accessories.REFERRERS_INDEX.equals(m.accessoryType())) {
      return true;
    }
    boolean attached = m.subject() != null || Accessories.legacyTag(reference).isPresent()
        || !AccessoryType.OTHER.name().equals(m.accessoryType());
    if (!attached) {
      return false;
    }
    ParsedManifest parsed;
    try {
      parsed = ManifestParser.parse(m.content(), m.mediaType());
    } catch (RegistryException e) {
      return false;
    }
    return parsed.index() || !runnable(parsed);
  }

  private static boolean runnable(ParsedManifest p) {
    boolean imageConfig = MediaTypes.OCI_CONFIG.equals(p.configMediaType())
        || MediaTypes.DOCKER_CONFIG.equals(p.configMediaType());
    return imageConfig && p.layerMediaTypes().stream().anyMatch(t -> !isPayload(t));
  }

  private static boolean isPayload(String layerType) {
    return PAYLOAD_TYPES.contains(layerType) || layerType.startsWith(MediaTypes.SIGSTORE_BUNDLE_PREFIX);
  }
}
