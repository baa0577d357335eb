package dev.signet.verify.internal;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CertificateParsingException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;

/** PKIX path building from a leaf to the last certificate of a trusted chain, at a given time. */
final class Pkix {
  static final String CODE_SIGNING = "1.3.6.1.5.5.7.3.3";
  static final String TIME_STAMPING = "1.3.6.1.5.5.7.3.8";

  private Pkix() {}

  /** Null when the leaf chains to {@code chain}'s last certificate at {@code at}, else why not. */
  static String problem(X509Certificate leaf, List<X509Certificate> intermediates, List<X509Certificate> chain,
      Instant at, String requiredEku) {
    try {
      List<String> eku = leaf.getExtendedKeyUsage();
      if (requiredEku != null && (eku == null || !eku.contains(requiredEku))) {
        return "the leaf lacks extended key usage " + requiredEku;
      }
    } catch (CertificateParsingException e) {
      return "the leaf's extended key usage does not parse";
    }
    X509Certificate anchor = chain.get(chain.size() - 1);
    if (leaf.equals(anchor)) {
      try {
        leaf.checkValidity(Date.from(at));
        return null;
      } catch (GeneralSecurityException e) {
        return "the certificate is not valid at " + at;
      }
    }
    List<X509Certificate> pool = new ArrayList<>(intermediates);
    pool.addAll(chain.subList(0, chain.size() - 1));
    pool.add(leaf);
    try {
      X509CertSelector target = new X509CertSelector();
      target.setCertificate(leaf);
      PKIXBuilderParameters params = new PKIXBuilderParameters(Set.of(new TrustAnchor(anchor, null)), target);
      params.setRevocationEnabled(false);
      params.setDate(Date.from(at));
      params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(pool), Certificates.BC));
      CertPathBuilder.getInstance("PKIX", Certificates.BC).build(params);
      return null;
    } catch (GeneralSecurityException e) {
      return e.getMessage();
    }
  }
}
