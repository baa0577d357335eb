package dev.signet.sigstore.server.tsa;

import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * The TSA's signing key and its certificate chain, signing (leaf) certificate first, self-signed root
 * last, as {@code GET /api/v1/timestamp/certchain} and the trusted root's {@code timestampAuthorities[]}
 * list it.
 */
public record TsaIdentity(PrivateKey signingKey, List<X509Certificate> chain) {
  public TsaIdentity {
    Objects.requireNonNull(signingKey, "signingKey");
    chain = List.copyOf(chain);
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("a TSA needs its signing certificate");
    }
  }

  public X509Certificate signingCertificate() {
    return chain.get(0);
  }

  /** The chain as concatenated PEM {@code CERTIFICATE} blocks, leaf first. */
  public String chainPem() {
    StringBuilder sb = new StringBuilder();
    Base64.Encoder b64 = Base64.getMimeEncoder(64, new byte[] {'\n'});
    for (X509Certificate c : chain) {
      try {
        sb.append("-----BEGIN CERTIFICATE-----\n").append(b64.encodeToString(c.getEncoded()))
            .append("\n-----END CERTIFICATE-----\n");
      } catch (CertificateEncodingException e) {
        throw new IllegalStateException("a parsed certificate has an encoding", e);
      }
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return "TsaIdentity[" + signingCertificate().getSubjectX500Principal() + ", " + chain.size() + " certificates]";
  }
}
