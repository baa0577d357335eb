package dev.signet.sigstore.log.entries;

import dev.signet.crypto.CryptoException;
import dev.signet.crypto.SignatureAlgorithm;
import dev.signet.crypto.SignatureVerificationException;
import dev.signet.crypto.Verifier;
import dev.signet.crypto.Verifiers;
import dev.signet.crypto.keys.PublicKeys;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;

/**
 * The verification material of an entry — an X.509 certificate or a public key — and signature checks
 * with it.
 *
 * @param certificate true when {@code der} is a certificate, false for an SPKI
 */
record Material(boolean certificate, byte[] der, PublicKey key) {

  static Material certificate(byte[] der, String where) throws EntryException {
    try {
      X509Certificate c = (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(der));
      return new Material(true, der.clone(), c.getPublicKey());
    } catch (CertificateException | ClassCastException e) {
      throw new EntryException(where + " is not a DER X.509 certificate");
    }
  }

  static Material publicKey(byte[] der, String where) throws EntryException {
    try {
      PublicKey k = PublicKeys.parse(der, where);
      return new Material(false, k.getEncoded(), k);
    } catch (CryptoException e) {
      throw new EntryException(where + ": " + e.getMessage());
    }
  }

  /** PEM {@code CERTIFICATE} or {@code PUBLIC KEY} (Rekor v1's {@code publicKey.content}, decoded). */
  static Material pem(byte[] pem, String where) throws EntryException {
    String s = new String(pem, StandardCharsets.US_ASCII);
    int begin = s.indexOf("-----BEGIN ");
    if (begin < 0) {
      throw new EntryException(where + " is not PEM (a CERTIFICATE or PUBLIC KEY block)");
    }
    int labelEnd = s.indexOf("-----", begin + 11);
    String label = labelEnd < 0 ? "" : s.substring(begin + 11, labelEnd);
    int end = s.indexOf("-----END " + label + "-----");
    if (labelEnd < 0 || end < 0) {
      throw new EntryException(where + " is a truncated PEM block");
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(s.substring(labelEnd + 5, end));
    } catch (IllegalArgumentException e) {
      throw new EntryException(where + " has invalid base64 in its PEM block");
    }
    return switch (label) {
      case "CERTIFICATE" -> certificate(der, where);
      case "PUBLIC KEY" -> publicKey(der, where);
      default -> throw new EntryException(where + " is a PEM " + label + ", expected CERTIFICATE or PUBLIC KEY");
    };
  }

  /** Go-style PEM of the DER (64-column lines, final newline), as Rekor v1 canonicalizes it. */
  String canonicalPem() {
    return "-----BEGIN " + (certificate ? "CERTIFICATE" : "PUBLIC KEY") + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der) + "\n-----END "
        + (certificate ? "CERTIFICATE" : "PUBLIC KEY") + "-----\n";
  }

  String describe() {
    return certificate ? "the certificate's key" : "the public key";
  }

  /** Verifies a signature over a digest with {@code algorithm}. */
  void verifyDigest(SignatureAlgorithm algorithm, byte[] digest, byte[] signature, String where)
      throws EntryException {
    Verifier v = verifier(algorithm, where);
    try {
      v.verifyDigest(digest, signature);
    } catch (SignatureVerificationException e) {
      throw new EntryException(where + ": the signature does not verify with " + describe() + " over the digest");
    } catch (UnsupportedOperationException e) {
      throw new EntryException(where + ": " + algorithm + " cannot verify a digest");
    }
  }

  /** Verifies a signature over the message bytes. */
  void verifyMessage(SignatureAlgorithm algorithm, byte[] message, byte[] signature, String where)
      throws EntryException {
    Verifier v = verifier(algorithm, where);
    try {
      v.verify(message, signature);
    } catch (SignatureVerificationException e) {
      throw new EntryException(where + ": the signature does not verify with " + describe());
    }
  }

  private Verifier verifier(SignatureAlgorithm algorithm, String where) throws EntryException {
    try {
      return Verifiers.from(key, algorithm);
    } catch (CryptoException | RuntimeException e) {
      throw new EntryException(where + ": " + describe() + " cannot verify " + algorithm + ": " + e.getMessage());
    }
  }

  /** The natural algorithm of the key; Ed25519 keys verify digests as Ed25519ph. */
  SignatureAlgorithm prehashAlgorithm(String where) throws EntryException {
    try {
      SignatureAlgorithm a = SignatureAlgorithm.forKey(key);
      return a == SignatureAlgorithm.ED25519 ? SignatureAlgorithm.ED25519PH : a;
    } catch (CryptoException e) {
      throw new EntryException(where + ": " + e.getMessage());
    }
  }

  SignatureAlgorithm naturalAlgorithm(String where) throws EntryException {
    try {
      return SignatureAlgorithm.forKey(key);
    } catch (CryptoException e) {
      throw new EntryException(where + ": " + e.getMessage());
    }
  }
}
