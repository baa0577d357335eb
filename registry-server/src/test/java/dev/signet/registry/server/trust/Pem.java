package dev.signet.registry.server.trust;

import dev.signet.crypto.keys.PrivateKeyHandle;
import dev.signet.crypto.keys.PublicKeys;
import dev.signet.testing.sigstore.TestPki;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;

/** PEM text of test keys and certificates, and a tiny CA to issue code-signing certificates. */
final class Pem {
  private Pem() {}

  static String of(PrivateKeyHandle key) {
    return PublicKeys.toPem(key.publicKey());
  }

  static String of(X509Certificate cert) {
    return TestPki.pem(cert);
  }

  static String of(List<X509Certificate> certs) {
    StringBuilder s = new StringBuilder();
    certs.forEach(c -> s.append(TestPki.pem(c)));
    return s.toString();
  }

  /** A self-signed CA that issues certificates for signing keys. */
  static final class TestCa {
    final X509Certificate certificate;
    private final TestPki.Issued ca;
    private final String name;

    TestCa(String name) {
      Instant now = Instant.now();
      this.name = name;
      this.ca = TestPki.cert().subject("CN=" + name).ca(null).keyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)
          .validity(now.minusSeconds(60), now.plus(Duration.ofDays(365))).build();
      this.certificate = ca.cert();
    }

    /** A code-signing certificate for {@code signer}, valid from a minute ago until {@code notAfter}. */
    X509Certificate leaf(PrivateKeyHandle signer, Instant notAfter) {
      return TestPki.cert().subject("CN=signer@" + name).issuer(ca).key(new KeyPair(signer.publicKey(), null))
          .endEntityBasicConstraints().keyUsage(KeyUsage.digitalSignature).eku(KeyPurposeId.id_kp_codeSigning)
          .validity(Instant.now().minusSeconds(60), notAfter).build().cert();
    }
  }
}
