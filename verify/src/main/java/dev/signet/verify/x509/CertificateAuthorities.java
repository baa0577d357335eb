package dev.signet.verify.x509;

import dev.signet.verify.VerificationException;
import dev.signet.verify.root.CertificateAuthority;
import dev.signet.verify.root.ValidityWindow;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Bring-your-own CA: {@link CertificateAuthority} values from PEM bundles, as cosign's
 * {@code --ca-roots} / {@code --ca-intermediates} (or {@code --certificate-chain}) give them. Each root
 * becomes one authority whose chain is the intermediates followed by that root, valid for all time
 * (certificate validity is still checked).
 */
public final class CertificateAuthorities {

  private CertificateAuthorities() {}

  /**
   * @param rootsPem one or more {@code CERTIFICATE} PEM blocks, each a trust anchor
   * @param intermediatesPem further CA certificates, or null/empty for none
   * @param uri informational name of the source (for example the file name)
   * @throws VerificationException ({@code TRUST_ROOT}) when a PEM bundle does not parse or has no certificate
   */
  public static List<CertificateAuthority> fromPem(byte[] rootsPem, byte[] intermediatesPem, String uri)
      throws VerificationException {
    List<X509Certificate> roots = Certificates.fromPem(rootsPem, "CA roots " + uri);
    List<X509Certificate> intermediates = intermediatesPem == null || intermediatesPem.length == 0
        ? List.of() : Certificates.fromPem(intermediatesPem, "CA intermediates " + uri);
    return of(roots, intermediates, uri);
  }

  /** As {@link #fromPem} for parsed certificates. */
  public static List<CertificateAuthority> of(List<X509Certificate> roots, List<X509Certificate> intermediates, String uri) {
    List<CertificateAuthority> out = new ArrayList<>();
    for (X509Certificate root : roots) {
      List<X509Certificate> chain = new ArrayList<>(intermediates);
      chain.remove(root);
      chain.add(root);
      out.add(new CertificateAuthority(uri, root.getSubjectX500Principal().getName(), chain,
          ValidityWindow.from(Instant.EPOCH)));
    }
    return out;
  }

  /**
   * cosign's {@code --certificate-chain}: a PEM chain, issuing CA first and the root last, as a single
   * authority anchored at its last certificate.
   */
  public static CertificateAuthority fromChainPem(byte[] chainPem, String uri) throws VerificationException {
    List<X509Certificate> chain = Certificates.fromPem(chainPem, "certificate chain " + uri);
    X509Certificate root = chain.get(chain.size() - 1);
    return new CertificateAuthority(uri, root.getSubjectX500Principal().getName(), chain, ValidityWindow.from(Instant.EPOCH));
  }
}
