package dev.signet.sign.internal;

import dev.signet.bundle.SigstoreBundle;
import dev.signet.bundle.VerificationMaterial;
import dev.signet.crypto.SignatureVerificationException;
import dev.signet.crypto.UnsupportedKeyException;
import dev.signet.crypto.keys.PublicKeys;
import dev.signet.oci.Digest;
import dev.signet.payload.ClaimCheck;
import dev.signet.payload.DsseEnvelope;
import dev.signet.payload.InTotoStatement;
import dev.signet.payload.PayloadFormatException;
import dev.signet.sign.VerificationPolicy;
import dev.signet.sign.VerifiedSignature;
import java.security.PublicKey;
import java.util.Map;

/**
 * A cosign v3 signature: a Sigstore bundle (DSSE envelope around an in-toto statement) stored as an OCI
 * referrer of the image. Checked in cosign's order for key mode: the verification material must be a
 * public key, the transparency-log rule, the DSSE signature over PAE, then the subject claims.
 */
public final class BundleCandidate implements VerificationCandidate {
  private static final String TLOG_UNVERIFIABLE = "the bundle's transparency-log entry cannot be verified: Signet"
      + " has no trusted root for its log yet (it never contacts public-good services); pass"
      + " --insecure-ignore-tlog=true to verify the signature with the key alone";

  private final Digest manifest;
  private final SigstoreBundle bundle;

  /** @param manifest the digest of the referrer manifest holding the bundle */
  public BundleCandidate(Digest manifest, SigstoreBundle bundle) {
    this.manifest = manifest;
    this.bundle = bundle;
  }

  @Override
  public String description() {
    return "bundle " + manifest;
  }

  @Override
  public Verdict check(Target target) {
    VerificationPolicy policy = target.policy();
    if (!bundle.isDsse()) {
      return Verdict.rejected("the bundle holds a message signature, not a DSSE envelope, so it signs no image");
    }
    if (!"0.3".equals(bundle.version())) {
      return Verdict.rejected("bundle version " + bundle.version() + " is older than v0.3, the oldest an image"
          + " signature referrer may use");
    }
    VerificationMaterial material = bundle.verificationMaterial();
    if (material.kind() != VerificationMaterial.Kind.PUBLIC_KEY) {
      return Verdict.rejected("the bundle carries a certificate (a keyless signature), but a public key was given;"
          + " keyless verification (--certificate-identity/--certificate-oidc-issuer) is not supported yet");
    }
    if (!policy.ignoreTlog()) {
      return Verdict.rejected(material.tlogEntries().isEmpty() ? NO_TLOG_ENTRY : TLOG_UNVERIFIABLE);
    }
    DsseEnvelope envelope = bundle.dsseEnvelope();
    String signatureProblem = checkSignature(envelope, policy.key(), material.publicKeyHint());
    if (signatureProblem != null) {
      return Verdict.rejected(signatureProblem);
    }
    if (policy.checkClaims()) {
      ClaimCheck claims = InTotoStatement.checkEnvelope(envelope, target.digest(), policy.annotations());
      if (!claims.passed()) {
        return Verdict.rejected("claims: " + claims.reason());
      }
    }
    return output(envelope, target);
  }

  private static String checkSignature(DsseEnvelope envelope, PublicKey key, String hint) {
    if (envelope.signatures().isEmpty()) {
      return "the DSSE envelope has no signatures";
    }
    byte[] pae = envelope.pae();
    for (DsseEnvelope.Signature s : envelope.signatures()) {
      try {
        SignatureChecks.verify(key, pae, s.sig());
        return null;
      } catch (SignatureVerificationException e) {
        // try the next signature
      } catch (UnsupportedKeyException e) {
        return "the given key cannot verify signatures: " + e.getMessage();
      }
    }
    String ours = PublicKeys.hint(key);
    String note = hint == null || hint.isEmpty() || hint.equals(ours)
        ? "" : " (the bundle names key " + hint + ", the given key is " + ours + ")";
    return "invalid signature: the DSSE envelope's signature does not verify with the given key" + note;
  }

  /** cosign's {@code transformOutput}: the statement seen as a simple-signing payload. */
  private static Verdict output(DsseEnvelope envelope, Target target) {
    InTotoStatement statement;
    try {
      statement = InTotoStatement.fromEnvelope(envelope);
    } catch (PayloadFormatException e) {
      return Verdict.rejected("cannot read the in-toto statement: " + e.getMessage());
    }
    InTotoStatement.Subject subject = null;
    for (InTotoStatement.Subject s : statement.subjects()) {
      if (target.digest().hex().equals(s.digest().get(target.digest().algorithm()))) {
        subject = s;
        break;
      }
    }
    if (subject == null && !statement.subjects().isEmpty()) {
      subject = statement.subjects().get(0); // claims unchecked: cosign reports the first subject
    }
    if (subject == null || subject.digest().isEmpty()) {
      return Verdict.rejected("no in-toto subject or digest found");
    }
    return Verdict.verified(VerifiedSignature.ofBundle(
        target.reference().name(), digestOf(subject.digest(), target.digest()), statement.predicateType(),
        subject.annotations()));
  }

  private static String digestOf(Map<String, String> digests, Digest preferred) {
    String hex = digests.get(preferred.algorithm());
    if (hex != null) {
      return preferred.algorithm() + ":" + hex;
    }
    Map.Entry<String, String> first = digests.entrySet().iterator().next();
    return first.getKey() + ":" + first.getValue();
  }
}
