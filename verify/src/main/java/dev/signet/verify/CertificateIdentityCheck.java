package dev.signet.verify;

import java.security.cert.X509Certificate;

/**
 * The certificate-identity part of a keyless policy (cosign's {@code --certificate-identity[-regexp]},
 * {@code --certificate-oidc-issuer[-regexp]}, {@code --certificate-github-workflow-*}): checks a leaf
 * certificate whose chain already verified.
 */
@FunctionalInterface
public interface CertificateIdentityCheck {
  /**
   * @throws VerificationException (IDENTITY) naming the expected and the actual value
   */
  void check(X509Certificate leaf) throws VerificationException;
}
