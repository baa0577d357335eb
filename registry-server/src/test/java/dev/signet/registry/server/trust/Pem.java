package dev.signet.registry.server.trust;

import dev.signet.crypto.keys.PrivateKeyHandle;
import dev.signet.crypto.keys.PublicKeys;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** PEM text of test keys and certificates, and a tiny CA to issue code-signing certificates. */
final class Pem {
  private Pem() {}

  static String of(PrivateKeyHandle key) {
    return PublicKeys.toPem(key.publicKey());
  }

  static String of(X509Certificate cert) {
    return of(List.of(cert));
  }

  static String of(List<X509Certificate> certs) {
    StringBuilder s = new StringBuilder();
    for (X509Certificate c : certs) {
      try {
        s.append("-----BEGIN CERTIFICATE-----\n")
            .append(Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(c.getEncoded()))
            .append("\n-----END CERTIFICATE-----\n");
      } catch (CertificateEncodingException e) {
        throw new IllegalStateException(e);
      }
    }
    return s.toString();
  }

  /** A self-signed CA that issues certificates for signing keys. */
  static final class TestCa {
    final X509Certificate certificate;
    private final PrivateKey key;
    private final String name;

    TestCa(String name) {
      try {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair kp = g.generateKeyPair();
        this.key = kp.getPrivate();
        this.name = name;
        this.certificate = issue(name, kp.getPublic(), true, Instant.now().plus(Duration.ofDays(365)));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    /** A code-signing certificate for {@code signer}, valid from a minute ago until {@code notAfter}. */
    X509Certificate leaf(PrivateKeyHandle signer, Instant notAfter) {
      return issue("signer@" + name, signer.publicKey(), false, notAfter);
    }

    private X509Certificate issue(String subject, PublicKey pub, boolean ca, Instant notAfter) {
      try {
        Instant now = Instant.now();
        var b = new JcaX509v3CertificateBuilder(new X500Name("CN=" + name), BigInteger.valueOf(now.toEpochMilli()),
            Date.from(now.minusSeconds(60)), Date.from(notAfter), new X500Name("CN=" + subject), pub);
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        if (ca) {
          b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } else {
          b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
          b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_codeSigning));
        }
        return new JcaX509CertificateConverter().getCertificate(
            b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
