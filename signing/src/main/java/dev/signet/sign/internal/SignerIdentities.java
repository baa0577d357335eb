package dev.signet.sign.internal;

import dev.signet.sign.SignerCertificate;
import dev.signet.sign.VerifiedSignature;
import dev.signet.verify.Signer;
import dev.signet.verify.VerificationException;
import dev.signet.verify.VerificationResult;
import dev.signet.verify.x509.FulcioIdentity;

/** Turns an engine result into the reported signature: certificate fields (keyless) and the log flag. */
final class SignerIdentities {
  private SignerIdentities() {}

  static VerificationCandidate.Verdict verdict(VerifiedSignature out, VerificationResult result) {
    if (result.signer() instanceof Signer.Certificate cert) {
      try {
        out = out.withCertificate(SignerCertificate.of(FulcioIdentity.of(cert.leaf())));
      } catch (VerificationException e) {
        return VerificationCandidate.Verdict.rejected(e.getMessage()); // unreachable: the engine read it already
      }
    }
    return VerificationCandidate.Verdict.verified(out, !result.logEntries().isEmpty());
  }
}
