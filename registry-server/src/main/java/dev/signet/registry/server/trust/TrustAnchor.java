package dev.signet.registry.server.trust;

import dev.signet.crypto.CryptoException;
import dev.signet.crypto.keys.PublicKeys;
import dev.signet.oci.Digest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Objects;

/**
 * A piece of a project's trust material: a public key (signatures it verifies are trusted) or a
 * certificate authority (signatures whose certificate chains to it, verified with the certificate's
 * key, are trusted).
 *
 * @param fingerprint {@code PublicKeys.hint} of a key, {@code ca:sha256:<hex>} of a CA certificate
 * @param pem the PEM as normalised on parsing
 * @param key the key (both kinds: for a CA, the CA's own key)
 * @param certificate the CA certificate, null for keys
 */
public record TrustAnchor(Kind kind, String fingerprint, String pem, PublicKey key, X509Certificate certificate) {

  /** Which kind of trust material. */
  public enum Kind { KEY, CA }

  public TrustAnchor {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(pem, "pem");
    Objects.requireNonNull(key, "key");
  }

  /** Parses a public key PEM ({@code PUBLIC KEY} or {@code RSA PUBLIC KEY}). */
  public static TrustAnchor key(String pem) {
    try {
      PublicKey key = PublicKeys.parse(pem.getBytes(StandardCharsets.UTF_8), "(trusted key)");
      return new TrustAnchor(Kind.KEY, PublicKeys.hint(key), PublicKeys.toPem(key), key, null);
    } catch (CryptoException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** Parses one PEM {@code CERTIFICATE} (a root or intermediate CA). */
  public static TrustAnchor certificateAuthority(String pem) {
    Collection<X509Certificate> certs = certificates(pem);
    if (certs.size() != 1) {
      throw new IllegalArgumentException("a certificate authority must be exactly one PEM CERTIFICATE, found "
          + certs.size());
    }
    X509Certificate ca = certs.iterator().next();
    if (ca.getBasicConstraints() < 0) {
      throw new IllegalArgumentException("certificate " + ca.getSubjectX500Principal() + " is not a CA "
          + "(basicConstraints cA is not set)");
    }
    try {
      byte[] der = ca.getEncoded();
      return new TrustAnchor(Kind.CA, "ca:" + Digest.sha256(der), pem(der), ca.getPublicKey(), ca);
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException("cannot encode certificate: " + e.getMessage(), e);
    }
  }

  /** Every certificate in a PEM (or DER) text; empty text gives none. */
  @SuppressWarnings("unchecked")
  public static Collection<X509Certificate> certificates(String pem) {
    try {
      return (Collection<X509Certificate>) CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(pem.trim().getBytes(StandardCharsets.UTF_8)));
    } catch (CertificateException e) {
      throw new IllegalArgumentException("not a PEM certificate: " + e.getMessage(), e);
    }
  }

  /** A human name for messages: the key fingerprint or the CA's subject. */
  public String describe() {
    return kind == Kind.KEY ? "key " + fingerprint : "CA " + certificate.getSubjectX500Principal().getName();
  }

  private static String pem(byte[] der) {
    String b64 = java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN CERTIFICATE-----\n" + b64 + "\n-----END CERTIFICATE-----\n";
  }
}
