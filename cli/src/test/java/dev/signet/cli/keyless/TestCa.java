package dev.signet.cli.keyless;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A bring-your-own CA for tests (BouncyCastle): a root, an intermediate, and code-signing leaves for a
 * given public key with an e-mail SAN and Fulcio's v1 raw extensions (issuer {@code .1.1}, GitHub
 * workflow trigger {@code .1.2}), valid for an hour either side of now.
 */
final class TestCa {
  static final String ISSUER = "https://issuer.example.com";
  static final String TRIGGER = "push";
  private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

  final KeyPair rootKey = ecKey();
  final X509Certificate root;
  final KeyPair intermediateKey = ecKey();
  final X509Certificate intermediate;

  TestCa(String name) throws Exception {
    X500Name rootName = new X500Name("CN=" + name + " root,O=signet test");
    root = ca(rootName, rootName, rootKey.getPublic(), rootKey.getPrivate(), 1);
    intermediate = ca(new X500Name("CN=" + name + " intermediate,O=signet test"), rootName,
        intermediateKey.getPublic(), rootKey.getPrivate(), 0);
  }

  /** A leaf for {@code key} issued by the intermediate. */
  X509Certificate leaf(PublicKey key, String email) throws Exception {
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
        X500Name.getInstance(intermediate.getSubjectX500Principal().getEncoded()), serial(),
        Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofHours(1))), new X500Name("O=signet test signer"), key);
    b.addExtension(Extension.subjectAlternativeName, true, new GeneralNames(new GeneralName(GeneralName.rfc822Name, email)));
    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
    b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_codeSigning));
    b.addExtension(new ASN1ObjectIdentifier("1.3.6.1.4.1.57264.1.1"), false, ISSUER.getBytes(StandardCharsets.UTF_8));
    b.addExtension(new ASN1ObjectIdentifier("1.3.6.1.4.1.57264.1.2"), false, TRIGGER.getBytes(StandardCharsets.UTF_8));
    return sign(b, intermediateKey.getPrivate());
  }

  private static X509Certificate ca(X500Name subject, X500Name issuer, PublicKey key, PrivateKey signer, int pathLen)
      throws Exception {
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, serial(),
        Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(30))), subject, key);
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(pathLen));
    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    return sign(b, signer);
  }

  private static X509Certificate sign(JcaX509v3CertificateBuilder b, PrivateKey key) throws Exception {
    return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA")
        .build(key)));
  }

  private static BigInteger serial() {
    return BigInteger.valueOf(SERIAL.incrementAndGet());
  }

  private static KeyPair ecKey() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String pem(X509Certificate c) throws Exception {
    return LegacyKeylessSignature.pem(c.getEncoded());
  }
}
