package dev.signet.verify.x509;

import dev.signet.verify.root.CertificateAuthority;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A validated certificate path.
 *
 * @param authority the trusted-root authority it ends in
 * @param path leaf first, the authority's trust anchor last
 */
public record VerifiedChain(CertificateAuthority authority, List<X509Certificate> path) {
  public VerifiedChain {
    path = List.copyOf(path);
    if (path.size() < 2) {
      throw new IllegalArgumentException("a verified path has a leaf and at least one CA");
    }
  }

  public X509Certificate leaf() {
    return path.get(0);
  }

  /** The certificate that signed the leaf. */
  public X509Certificate issuer() {
    return path.get(1);
  }
}
