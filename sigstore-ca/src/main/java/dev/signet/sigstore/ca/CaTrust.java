package dev.signet.sigstore.ca;

import dev.signet.verify.root.CertificateAuthority;
import dev.signet.verify.root.TransparencyLog;
import dev.signet.verify.root.ValidityWindow;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * What verifiers must trust for this CA, for a {@code trusted_root.json} or trust bundle.
 *
 * @param caChain issuing certificate first, root (trust anchor) last
 * @param caValidFrom the {@code validFor.start} of the CA (its issuing certificate's notBefore)
 * @param ctLogKey the CT log's ECDSA P-256 key
 * @param ctLogId SHA-256 of its SPKI
 * @param ctLogValidFrom when the CT log key was created
 */
public record CaTrust(List<X509Certificate> caChain, Instant caValidFrom, PublicKey ctLogKey, byte[] ctLogId,
    Instant ctLogValidFrom) {
  public CaTrust {
    caChain = List.copyOf(caChain);
    ctLogId = ctLogId.clone();
  }

  @Override
  public byte[] ctLogId() {
    return ctLogId.clone();
  }

  /** A trusted-root {@code certificateAuthorities[]} entry for the CA served at {@code uri}. */
  public CertificateAuthority certificateAuthority(String uri) {
    X509Certificate root = caChain.get(caChain.size() - 1);
    return new CertificateAuthority(uri, root.getSubjectX500Principal().getName(), caChain,
        ValidityWindow.from(caValidFrom));
  }

  /** A trusted-root {@code ctlogs[]} entry for the CT log served at {@code baseUrl}. */
  public TransparencyLog ctLog(String baseUrl) {
    return new TransparencyLog(baseUrl, ctLogId, ctLogKey, "PKIX_ECDSA_P256_SHA_256", ValidityWindow.from(ctLogValidFrom));
  }
}
