package dev.signet.sign.internal;

import dev.signet.sign.SignerCertificate;
import dev.signet.sign.VerifiedSignature;
import dev.signet.verify.Signer;
import dev.signet.verify.VerificationResult;

/** Turns an engine result into the reported signature: certificate fields (keyless) and the log flag. */
final class SignerIdentities {
  private SignerIdentities() {}

  static VerificationCandidate.Verdict verdict(VerifiedSignature out, VerificationResult result) {
    if (result.signer() instanceof Signer.Certificate cert) {
      out = out.withCertificate(SignerCertificate.of(cert.identity()));
    }
    return VerificationCandidate.Verdict.verified(out, !result.logEntries().isEmpty());
  }
}
