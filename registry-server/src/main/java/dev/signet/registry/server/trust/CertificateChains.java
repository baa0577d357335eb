package dev.signet.registry.server.trust;

import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * Checks that a signing certificate chains to a trusted CA (RFC 5280 path validation, no revocation
 * checks: verification is offline), is valid at the given time, and, if it restricts its key usage, may
 * sign code.
 */
final class CertificateChains {
  private static final String CODE_SIGNING = "1.3.6.1.5.5.7.3.3";
  private static final String ANY_USAGE = "2.5.29.37.0";

  private CertificateChains() {}

  /** Null when {@code leaf} chains to {@code ca} at {@code at}, else why not. */
  static String problem(X509Certificate leaf, List<X509Certificate> intermediates, X509Certificate ca, Instant at) {
    try {
      List<String> usage = leaf.getExtendedKeyUsage();
      if (usage != null && !usage.contains(CODE_SIGNING) && !usage.contains(ANY_USAGE)) {
        return "certificate " + leaf.getSubjectX500Principal().getName() + " is not for code signing";
      }
      List<X509Certificate> path = new ArrayList<>();
      path.add(leaf);
      for (X509Certificate c : intermediates) {
        boolean selfSigned = c.getSubjectX500Principal().equals(c.getIssuerX500Principal());
        if (!c.equals(ca) && !c.equals(leaf) && !selfSigned) {
          path.add(c);
        }
      }
      CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
      PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
      params.setRevocationEnabled(false);
      params.setDate(Date.from(at));
      CertPathValidator.getInstance("PKIX").validate(certPath, params);
      return null;
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return "certificate " + leaf.getSubjectX500Principal().getName() + " does not chain to CA "
          + ca.getSubjectX500Principal().getName() + " at " + at + ": " + e.getMessage();
    }
  }
}
