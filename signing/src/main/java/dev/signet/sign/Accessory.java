package dev.signet.sign;

import dev.signet.cosign.AccessoryType;
import dev.signet.cosign.BundleReferrerManifest;
import dev.signet.cosign.SignatureTags;
import dev.signet.oci.Digest;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Something attached to a subject manifest: a legacy cosign tag ({@code .sig}, {@code .att},
 * {@code .sbom}) or an OCI 1.1 referrer, with the accessories attached to it in turn.
 *
 * @param subject the digest it is attached to
 * @param digest the accessory manifest's digest
 * @param mediaType the accessory manifest's media type
 * @param legacyTag the cosign tag it lives under, for legacy accessories
 * @param type what kind of accessory it is (from artifact and media types)
 * @param artifactType the referrer's artifact type, if any
 * @param annotations the referrer descriptor's annotations (empty for legacy tags)
 * @param children accessories whose subject is this accessory
 */
public record Accessory(
    Digest subject,
    Digest digest,
    String mediaType,
    long size,
    Optional<SignatureTags.Kind> legacyTag,
    AccessoryType type,
    Optional<String> artifactType,
    Map<String, String> annotations,
    List<Accessory> children) {

  public Accessory {
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    children = List.copyOf(children);
  }

  public boolean isReferrer() {
    return legacyTag.isEmpty();
  }

  /** {@code sig}, {@code att}, {@code sbom} for legacy tags; for referrers by their type. */
  public String category() {
    if (legacyTag.isPresent()) {
      return legacyTag.get().suffix();
    }
    return switch (type) {
      case COSIGN_SIGNATURE, NOTATION_SIGNATURE -> "sig";
      case SIGSTORE_BUNDLE ->
          ImageSigner.SIGN_PREDICATE_TYPE.equals(annotations.get(BundleReferrerManifest.PREDICATE_TYPE_ANNOTATION))
              ? "sig"
              : "att";
      case IN_TOTO_ATTESTATION -> "att";
      case SBOM_SPDX, SBOM_CYCLONEDX -> "sbom";
      default -> "other";
    };
  }
}
