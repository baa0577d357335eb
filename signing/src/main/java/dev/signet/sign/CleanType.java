package dev.signet.sign;

/**
 * What {@code clean} removes. As in cosign, {@code SIGNATURE}, {@code ATTESTATION} and {@code SBOM}
 * remove the legacy tags; Signet also removes the v3 bundle referrers of the same category
 * (signatures: predicate {@code https://sigstore.dev/cosign/sign/v1}; attestations: other predicates),
 * since v3 stores signatures that way. {@code REFERRER} removes bundle referrers only, {@code ALL}
 * everything.
 */
public enum CleanType {
  ALL,
  SIGNATURE,
  ATTESTATION,
  SBOM,
  REFERRER;

  boolean removes(Accessory a) {
    if (this == ALL) {
      return true;
    }
    if (this == REFERRER) {
      return a.isReferrer() && a.type() == dev.signet.cosign.AccessoryType.SIGSTORE_BUNDLE;
    }
    String category = switch (this) {
      case SIGNATURE -> "sig";
      case ATTESTATION -> "att";
      default -> "sbom";
    };
    return category.equals(a.category());
  }
}
