package dev.signet.sign;

import dev.signet.oci.Digest;
import dev.signet.oci.reference.ImageReference;
import dev.signet.oci.reference.Repository;
import java.util.List;

/**
 * A successful verification: at least one signature verified.
 *
 * @param reference the reference as given (printed in the header)
 * @param digest the verified manifest digest (the tag resolved, or the digest given)
 * @param signatureRepository where the signatures were read ({@code COSIGN_REPOSITORY} or the image's)
 * @param signatures the verified signatures, in registry order
 * @param bundlesVerified true when the v3 bundle path was taken (the signatures are bundles)
 * @param tlogVerified true when every reported signature had a transparency-log entry verified (never
 *     with {@code --insecure-ignore-tlog}): only then does the header claim the log check
 * @param rejected why each other candidate was not accepted (informational; cosign drops these on success)
 */
public record VerificationReport(
    ImageReference reference,
    Digest digest,
    Repository signatureRepository,
    List<VerifiedSignature> signatures,
    boolean bundlesVerified,
    boolean tlogVerified,
    List<String> rejected) {

  public VerificationReport {
    signatures = List.copyOf(signatures);
    rejected = List.copyOf(rejected);
    if (signatures.isEmpty()) {
      throw new IllegalArgumentException("a report needs at least one verified signature");
    }
  }

  /** The format the signatures were found in (one path is taken per image, as in cosign). */
  public SignatureFormat format() {
    return bundlesVerified ? SignatureFormat.BUNDLE : SignatureFormat.LEGACY;
  }
}
