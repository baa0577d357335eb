package dev.signet.verify.internal;

import dev.signet.verify.Check;
import dev.signet.verify.VerificationException;
import dev.signet.verify.root.CertificateAuthority;
import dev.signet.verify.root.TransparencyLog;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/** Minimal stand-ins for the x509 package's verifiers; see {@link CertificateChecks}. */
final class MinimalCertificateChecks implements CertificateChecks {

  @Override
  public CertificateAuthority verifyChain(X509Certificate leaf, List<X509Certificate> bundleIntermediates,
      List<CertificateAuthority> cas, Instant at) throws VerificationException {
    String reason = "the trusted root has no certificate authority valid at " + at;
    for (CertificateAuthority ca : cas) {
      if (!ca.validFor().contains(at)) {
        continue;
      }
      String problem = Pkix.problem(leaf, bundleIntermediates, ca.chain(), at, Pkix.CODE_SIGNING);
      if (problem == null) {
        return ca;
      }
      reason = problem;
    }
    throw new VerificationException(Check.CERTIFICATE_CHAIN, "leaf certificate (serial "
        + leaf.getSerialNumber().toString(16) + ") does not chain to a certificate authority of the trusted root"
        + " at " + at + ": " + reason);
  }

  @Override
  public int verifyScts(X509Certificate leaf, X509Certificate issuer, List<TransparencyLog> ctlogs, int threshold)
      throws VerificationException {
    return Scts.verify(leaf, issuer, ctlogs, threshold);
  }

  @Override
  public Instant verifyTimestamp(byte[] token, byte[] signatureBytes, List<CertificateAuthority> tsas)
      throws VerificationException {
    return Rfc3161.verify(token, signatureBytes, tsas);
  }
}
