package dev.signet.registry.server.trust;

import dev.signet.crypto.keys.PublicKeys;
import dev.signet.oci.Digest;
import dev.signet.verify.Artifact;
import dev.signet.verify.Signer;
import dev.signet.verify.SigstoreVerifier;
import dev.signet.verify.VerificationException;
import dev.signet.verify.VerificationPolicy;
import dev.signet.verify.VerificationResult;
import dev.signet.verify.root.TrustedRoot;
import dev.signet.verify.tlog.WitnessPolicy;
import dev.signet.verify.x509.CertificateAuthorities;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Verifies one signature entry against one trust anchor with the verification engine
 * ({@link SigstoreVerifier}), for the subject's digest:
 * <ul>
 *   <li>key: the engine's key mode, transparency log not required (the project trusts its keys);
 *   <li>CA: the certificate must chain to the CA (a bring-your-own trusted root) at the time the registry
 *       first stored the signature, which stands in for a log timestamp; no log, no SCT, no identity, and
 *       RFC 3161 timestamps are ignored (the CA's root has no timestamp authority to verify them with);
 *   <li>identity: the engine's keyless mode against the policy's trusted root with its default thresholds
 *       (one verified log entry, one verified time, one SCT), then the identity.
 * </ul>
 * Rejections keep the engine's message, which starts with the check that failed.
 */
final class EntryVerifier {
  private static final SigstoreVerifier KEYS = new SigstoreVerifier(TrustedRoot.empty());

  /** What one (entry, anchor) check found. */
  record Check(Outcome outcome, String signer, String reason, Map<String, String> annotations, String predicateType) {
    static Check of(Outcome outcome, String reason) {
      return new Check(outcome, null, reason, Map.of(), null);
    }
  }

  private EntryVerifier() {}

  /**
   * @param signedAt when the signature manifest was first stored (CA anchors: certificates must be valid then)
   */
  static Check verify(SignedEntry e, TrustAnchor anchor, Digest subject, Instant signedAt) {
    if (e.problem() != null) {
      return Check.of(Outcome.INVALID, e.problem());
    }
    try {
      Artifact artifact = Artifact.ofDigest(subject.toString());
      SigstoreVerifier v = verifier(anchor, signedAt);
      VerificationPolicy p = policy(anchor);
      VerificationResult r = v.verify(e.candidate(), artifact, p);
      VerifiedClaims claims = VerifiedClaims.of(r, subject);
      return new Check(Outcome.VERIFIED, signer(r.signer(), anchor), "verified with " + anchor.describe(),
          claims.annotations(), claims.predicateType());
    } catch (VerificationException ex) {
      return rejected(ex, e, anchor);
    }
  }

  private static SigstoreVerifier verifier(TrustAnchor anchor, Instant signedAt) {
    return switch (anchor.kind()) {
      case KEY -> KEYS;
      case CA -> new SigstoreVerifier(new TrustedRoot("", List.of(), CertificateAuthorities.of(
          List.of(anchor.certificate()), List.of(), anchor.fingerprint()), List.of(), List.of()), WitnessPolicy.none(),
          Clock.fixed(signedAt, ZoneOffset.UTC));
      case IDENTITY -> new SigstoreVerifier(anchor.root().root());
    };
  }

  private static VerificationPolicy policy(TrustAnchor anchor) {
    return switch (anchor.kind()) {
      case KEY -> VerificationPolicy.forKey(anchor.key()).ignoringTlog();
      // the root has no timestamp authority: a signature's RFC 3161 timestamp can be neither verified nor needed
      case CA -> VerificationPolicy.forIdentity(leaf -> { }).ignoringTlog().ignoringSct().withTimestampThreshold(0)
          .ignoringTimestamps().withCurrentTimeFallback();
      case IDENTITY -> VerificationPolicy.forIdentity(anchor.identity().policy());
    };
  }

  private static String signer(Signer s, TrustAnchor anchor) {
    return switch (s) {
      case Signer.Key k -> k.hint();
      case Signer.Certificate c -> anchor.kind() == TrustAnchor.Kind.IDENTITY
          ? "identity " + c.subjectAlternativeName() + " (" + c.issuer() + ")"
          : PublicKeys.hint(c.leaf().getPublicKey());
    };
  }

  /**
   * UNTRUSTED when the anchor does not vouch for an intact signature (another key, another CA or identity,
   * keyless against a key or the reverse, missing log entries or SCTs); INVALID when the signature is
   * broken (format, claims, log entry or timestamp that do not verify, or a signature that fails with the
   * key it names itself: altered after signing).
   */
  private static Check rejected(VerificationException ex, SignedEntry e, TrustAnchor anchor) {
    String reason = ex.getMessage() + " (layer " + e.index() + ")";
    Outcome outcome = switch (ex.check()) {
      case CERTIFICATE_CHAIN, IDENTITY, SCT, THRESHOLD, TRUST_ROOT -> Outcome.UNTRUSTED;
      case SIGNATURE -> anchor.kind() != TrustAnchor.Kind.KEY || anchor.fingerprint().equals(e.keyHint())
          ? Outcome.INVALID : Outcome.UNTRUSTED;
      case FORMAT -> anchor.kind() == TrustAnchor.Kind.KEY && e.keyless() ? Outcome.UNTRUSTED : Outcome.INVALID;
      default -> Outcome.INVALID;
    };
    if (ex.check() == dev.signet.verify.Check.SIGNATURE && anchor.kind() == TrustAnchor.Kind.KEY
        && outcome == Outcome.INVALID) {
      reason += "; the signature names trusted key " + anchor.fingerprint() + " itself: altered after signing";
    } else if (ex.check() == dev.signet.verify.Check.SIGNATURE && anchor.kind() == TrustAnchor.Kind.KEY) {
      reason += " (signed by another key, or altered)";
    }
    return Check.of(outcome, reason);
  }
}
