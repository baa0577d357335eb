package dev.signet.registry.server.trust;

import dev.signet.oci.Digest;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What verifying one signature entry against one trust anchor found, as recorded.
 *
 * @param signature the signature manifest (a {@code .sig}/{@code .att} image or a bundle referrer)
 * @param anchor the anchor's fingerprint
 * @param entry the entry's layer index (-1: the manifest holds no signature entry)
 * @param signer {@code PublicKeys.hint} of the key that verified the entry ({@code identity <SAN> (<issuer>)}
 *     for keyless signatures verified against an identity), or null
 * @param reason why (rejections: the engine's message, naming the check that failed)
 * @param annotations the signed annotations (VERIFIED only)
 * @param predicateType the verified in-toto statement's predicate type (VERIFIED DSSE entries only), or null
 * @param verified when the check ran
 */
public record VerificationResult(
    String repository, Digest subject, Digest signature, String anchor, int entry, Outcome outcome, String signer,
    String reason, Map<String, String> annotations, String predicateType, Instant verified) {

  public VerificationResult {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(signature, "signature");
    Objects.requireNonNull(outcome, "outcome");
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
  }
}
