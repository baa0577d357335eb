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
 * A piece of a project's trust material: a public key (signatures it verifies are trusted), a
 * certificate authority (signatures whose certificate chains to it, verified with the certificate's
 * key, are trusted), or a keyless identity checked against the policy's trusted root (Fulcio
 * certificate, SCT and transparency-log entry verified by the engine, then the identity).
 *
 * @param fingerprint {@code PublicKeys.hint} of a key, {@code ca:sha256:<hex>} of a CA certificate,
 *     {@code identity:sha256:<hex>} over an identity's spec and its trusted root's digest
 * @param pem the PEM as normalised on parsing; for an identity its spec
 * @param key the key (for a CA, the CA's own key); null for an identity
 * @param certificate the CA certificate, null otherwise
 * @param identity the keyless identity, null otherwise
 * @param root the trusted root an identity is verified against, null otherwise
 */
public record TrustAnchor(Kind kind, String fingerprint, String pem, PublicKey key, X509Certificate certificate,
    KeylessIdentity identity, PolicyRoot root) {

  /** Which kind of trust material. */
  public enum Kind { KEY, CA, IDENTITY }

  public TrustAnchor {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(pem, "pem");
    if (kind == Kind.IDENTITY ? identity == null || root == null : key == null) {
      throw new IllegalArgumentException("incomplete " + kind + " anchor " + fingerprint);
    }
  }

  /** A keyless identity verified against {@code root}. */
  public static TrustAnchor identity(KeylessIdentity identity, PolicyRoot root) {
    String spec = identity.spec();
    String print = "identity:" + Digest.sha256((spec + "\n" + root.digest()).getBytes(StandardCharsets.UTF_8));
    return new TrustAnchor(Kind.IDENTITY, print, spec, null, null, identity, root);
  }

  /** Parses a public key PEM ({@code PUBLIC KEY} or {@code RSA PUBLIC KEY}). */
  public static TrustAnchor key(String pem) {
    try {
      PublicKey key = PublicKeys.parse(pem.getBytes(StandardCharsets.UTF_8), "(trusted key)");
      return new TrustAnchor(Kind.KEY, PublicKeys.hint(key), PublicKeys.toPem(key), key, null, null, null);
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
      return new TrustAnchor(Kind.CA, "ca:" + Digest.sha256(der), pem(der), ca.getPublicKey(), ca, null, null);
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

  /** A human name for messages: the key fingerprint, the CA's subject or the identity's spec. */
  public String describe() {
    return switch (kind) {
      case KEY -> "key " + fingerprint;
      case CA -> "CA " + certificate.getSubjectX500Principal().getName();
      case IDENTITY -> "identity " + pem;
    };
  }

  private static String pem(byte[] der) {
    String b64 = java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN CERTIFICATE-----\n" + b64 + "\n-----END CERTIFICATE-----\n";
  }
}
