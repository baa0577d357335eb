package dev.signet.registry.server.storage;

import dev.signet.cosign.SignatureTags;

/** How an accessory manifest came to be attached to its subject. */
public enum LinkKind {
  /** Its own {@code subject} field (OCI 1.1 referrers). Only these are served by the referrers API. */
  SUBJECT,
  /**
   * It was pushed to the legacy cosign tag {@code sha256-<hex>.sig}. Such links accumulate: when the tag
   * moves to a re-signed manifest, the earlier signature manifests stay attached.
   */
  SIGNATURE_TAG,
  /** It was pushed to the legacy cosign tag {@code sha256-<hex>.att}. */
  ATTESTATION_TAG,
  /** It was pushed to the legacy cosign tag {@code sha256-<hex>.sbom}. */
  SBOM_TAG,
  /**
   * It is a referrers fallback index, pushed to the tag {@code sha256-<hex>}. A new index replaces the
   * previous one's links (this and {@link #FALLBACK_ENTRY}), as it states the complete list.
   */
  FALLBACK_INDEX,
  /** It is listed in a referrers fallback index. */
  FALLBACK_ENTRY;

  /** The link a manifest pushed to a tag of this kind gets. */
  public static LinkKind forTag(SignatureTags.Kind kind) {
    return switch (kind) {
      case SIGNATURE -> SIGNATURE_TAG;
      case ATTESTATION -> ATTESTATION_TAG;
      case SBOM -> SBOM_TAG;
      case REFERRERS_FALLBACK -> FALLBACK_INDEX;
    };
  }
}
