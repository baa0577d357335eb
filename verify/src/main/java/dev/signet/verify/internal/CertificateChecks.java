package dev.signet.verify.internal;

import dev.signet.verify.VerificationException;
import dev.signet.verify.root.CertificateAuthority;
import dev.signet.verify.root.TransparencyLog;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * The certificate, SCT and RFC 3161 checks the engine delegates. The shapes are those of the x509
 * package's {@code CertificateChainVerifier}, {@code SctVerifier} and {@code TimestampVerifier}; until
 * that package is merged, {@link #builtIn()} provides minimal implementations.
 */
public interface CertificateChecks {

  /**
   * The CA of {@code cas} (valid at {@code at}) that the leaf chains to at {@code at}, through the
   * bundle's intermediates and the CA's own chain.
   *
   * @throws VerificationException (CERTIFICATE_CHAIN) when none does
   */
  CertificateAuthority verifyChain(X509Certificate leaf, List<X509Certificate> bundleIntermediates,
      List<CertificateAuthority> cas, Instant at) throws VerificationException;

  /**
   * Verifies the leaf's embedded SCTs against the CT logs.
   *
   * @return how many verified
   * @throws VerificationException (SCT) when fewer than {@code threshold} verify
   */
  int verifyScts(X509Certificate leaf, X509Certificate issuer, List<TransparencyLog> ctlogs, int threshold)
      throws VerificationException;

  /**
   * Verifies an RFC 3161 timestamp over the signature bytes against the timestamp authorities.
   *
   * @return the token's generation time
   * @throws VerificationException (TIMESTAMP) when it does not verify
   */
  Instant verifyTimestamp(byte[] rfc3161Token, byte[] signatureBytes, List<CertificateAuthority> tsas)
      throws VerificationException;

  /** The engine's own minimal implementations (PKIX path validation, RFC 6962 SCTs, RFC 3161 with BouncyCastle). */
  static CertificateChecks builtIn() {
    return new MinimalCertificateChecks();
  }
}
