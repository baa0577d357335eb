package dev.signet.verify.root;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A trusted-root {@code certificateAuthorities[]} or {@code timestampAuthorities[]} entry.
 *
 * @param uri the authority's URL (informational)
 * @param subject the authority's {@code subject} organization/commonName as given, may be empty
 * @param chain the certificate chain as given in the trusted root: the issuing (or TSA signing)
 *     certificate first, the self-signed root last
 * @param validFor when certificates issued (or timestamps signed) by this authority are acceptable
 */
public record CertificateAuthority(
    String uri, String subject, List<X509Certificate> chain, ValidityWindow validFor) {
  public CertificateAuthority {
    Objects.requireNonNull(uri, "uri");
    subject = subject == null ? "" : subject;
    chain = List.copyOf(chain);
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("a certificate authority needs at least one certificate");
    }
    Objects.requireNonNull(validFor, "validFor");
  }

  /** The self-signed (or last given) certificate. */
  public X509Certificate root() {
    return chain.get(chain.size() - 1);
  }
}
