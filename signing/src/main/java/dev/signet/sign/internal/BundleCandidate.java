package dev.signet.sign.internal;

import dev.signet.bundle.SigstoreBundle;
import dev.signet.bundle.VerificationMaterial;
import dev.signet.crypto.keys.PublicKeys;
import dev.signet.oci.Digest;
import dev.signet.payload.InTotoStatement;
import dev.signet.payload.PayloadFormatException;
import dev.signet.sign.VerifiedSignature;
import dev.signet.verify.Candidate;
import dev.signet.verify.Check;
import dev.signet.verify.VerificationException;
import dev.signet.verify.VerificationResult;
import java.util.Map;

/**
 * A cosign v3 signature: a Sigstore bundle (DSSE envelope around an in-toto statement) stored as an OCI
 * referrer of the image. Only a v0.3 DSSE bundle can sign an image; the engine checks everything else
 * (key or certificate, log entries, timestamps, the signature over PAE, the in-toto subject and
 * annotations). An accepted bundle is reported as cosign's {@code transformOutput} of its statement.
 */
public final class BundleCandidate implements VerificationCandidate {
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
  public Prepared prepare(Target target) {
    if (!bundle.isDsse()) {
      return Prepared.rejected("the bundle holds a message signature, not a DSSE envelope, so it signs no image");
    }
    if (!"0.3".equals(bundle.version())) {
      return Prepared.rejected("bundle version " + bundle.version() + " is older than v0.3, the oldest an image"
          + " signature referrer may use");
    }
    return Prepared.of(new Candidate.Bundle(description(), bundle));
  }

  /** A wrong key is named next to the key the bundle's hint names, when they differ. */
  @Override
  public String explain(Target target, VerificationException failure) {
    String reason = Rejections.explain(target, failure);
    VerificationMaterial material = bundle.verificationMaterial();
    if (failure.check() != Check.SIGNATURE || !target.policy().isKeyMode()
        || material.kind() != VerificationMaterial.Kind.PUBLIC_KEY) {
      return reason;
    }
    String hint = material.publicKeyHint();
    String ours = PublicKeys.hint(target.policy().key());
    return hint == null || hint.isEmpty() || hint.equals(ours) ? reason
        : reason + " (the bundle names key " + hint + ", the given key is " + ours + ")";
  }

  /** cosign's {@code transformOutput}: the verified statement seen as a simple-signing payload. */
  @Override
  public Verdict conclude(Target target, VerificationResult result) {
    InTotoStatement statement;
    try {
      statement = InTotoStatement.parse(result.payload());
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
    VerifiedSignature out = VerifiedSignature.ofBundle(target.reference().name(),
        digestOf(subject.digest(), target.digest()), statement.predicateType(), subject.annotations());
    return SignerIdentities.verdict(out, result);
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
