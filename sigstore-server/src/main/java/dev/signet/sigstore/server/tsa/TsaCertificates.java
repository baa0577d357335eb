package dev.signet.sigstore.server.tsa;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Creates a TSA chain: a self-signed root (CA, keyCertSign) and a signing certificate with critical
 * extended key usage timeStamping only and key usage digitalSignature, as RFC 3161 §2.3 requires and
 * Sigstore's timestamp-authority issues. P-256 keys, ECDSA-SHA256 signatures. The root key signs the
 * leaf and is then discarded: nothing else is ever issued under it.
 */
final class TsaCertificates {
  static final Duration VALIDITY = Duration.ofDays(3650);
  private static final SecureRandom RANDOM = new SecureRandom();

  private TsaCertificates() {}

  /** A new key and chain for {@code organization}, valid from {@code now} (minus a minute of skew) for ten years. */
  static TsaIdentity create(String organization, Instant now) throws TsaException {
    try {
      KeyPair rootKey = p256();
      KeyPair leafKey = p256();
      Instant from = now.truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
      Instant until = from.plus(VALIDITY);
      X500Name rootName = name(organization, organization + " TSA root");
      X500Name leafName = name(organization, organization + " timestamp authority");
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();

      X509v3CertificateBuilder root = new JcaX509v3CertificateBuilder(rootName, serial(), Date.from(from),
          Date.from(until), rootName, rootKey.getPublic());
      root.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      root.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      root.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(rootKey.getPublic()));
      X509Certificate rootCert = sign(root, rootKey.getPrivate());

      X509v3CertificateBuilder leaf = new JcaX509v3CertificateBuilder(rootName, serial(), Date.from(from),
          Date.from(until), leafName, leafKey.getPublic());
      leaf.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      leaf.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      leaf.addExtension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
      leaf.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(leafKey.getPublic()));
      leaf.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(rootCert));
      X509Certificate leafCert = sign(leaf, rootKey.getPrivate());
      return new TsaIdentity(leafKey.getPrivate(), List.of(leafCert, rootCert));
    } catch (GeneralSecurityException | CertIOException | OperatorCreationException e) {
      throw TsaException.setup("cannot create the TSA certificate chain: " + e.getMessage(), e);
    }
  }

  private static KeyPair p256() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
    return g.generateKeyPair();
  }

  private static X500Name name(String organization, String commonName) {
    return new X500Name(new RDN[] {rdn(BCStyle.O, organization), rdn(BCStyle.CN, commonName)});
  }

  private static RDN rdn(ASN1ObjectIdentifier type, String value) {
    return new RDN(type, new DERUTF8String(value));
  }

  private static BigInteger serial() {
    return new BigInteger(127, RANDOM).setBit(126);
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
      throws OperatorCreationException, GeneralSecurityException {
    return new JcaX509CertificateConverter().getCertificate(
        builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
  }
}
