package dev.signet.sigstore.ca;

import dev.signet.sigstore.ca.ct.CtLog;
import dev.signet.sigstore.ca.ct.Sct;
import dev.signet.sigstore.ca.ct.SctList;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * Issues Fulcio-profile code-signing certificates (Fulcio {@code docs/certificate-specification.md}):
 * empty subject; exactly one critical SAN (email, URI, or OtherName .1.7 for usernames); KeyUsage
 * digitalSignature (critical); EKU codeSigning; SKI and AKI; random 160-bit serial; validity
 * {@code now} to {@code now + 10 min}; the identity's Fulcio extensions (.1.1 raw and .1.8 DER issuer,
 * workflow claims). A precertificate (same TBS plus the critical CT poison extension) is logged with
 * {@link CtLog#addPreChain}, and the final certificate carries the SCT list in place of the poison.
 * Thread-safe.
 */
public final class CertificateAuthority {
  /** Fulcio's certificate lifetime. */
  public static final Duration VALIDITY = Duration.ofMinutes(10);

  private final CaKeys keys;
  private final CtLog ctLog;
  private final Clock clock;
  private final SecureRandom random;
  private final JcaX509ExtensionUtils utils;
  private final AuthorityKeyIdentifier authorityKeyId;

  public CertificateAuthority(CaKeys keys, CtLog ctLog, Clock clock, SecureRandom random) {
    this.keys = Objects.requireNonNull(keys, "keys");
    this.ctLog = Objects.requireNonNull(ctLog, "ctLog");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
    try {
      this.utils = new JcaX509ExtensionUtils();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has SHA-1", e);
    }
    byte[] ski = keys.issuer().getExtensionValue(Extension.subjectKeyIdentifier.getId());
    this.authorityKeyId = ski == null ? utils.createAuthorityKeyIdentifier(keys.issuer().getPublicKey())
        : new AuthorityKeyIdentifier(SubjectKeyIdentifier.getInstance(
            org.bouncycastle.asn1.ASN1OctetString.getInstance(ski).getOctets()).getKeyIdentifier());
  }

  /** The CA certificates, issuing certificate first, root last (what a trusted root's {@code certChain} lists). */
  public List<X509Certificate> chain() {
    return keys.chain();
  }

  /** The CT log the CA logs to. */
  public CtLog ctLog() {
    return ctLog;
  }

  /**
   * Issues a certificate for {@code identity} binding {@code subjectKey}, whose possession the caller
   * has checked ({@link ProofOfPossession}).
   *
   * @throws CaException ({@code INTERNAL}) when signing or CT logging fails; nothing is returned then
   */
  public IssuedCertificate issue(Identity identity, PublicKey subjectKey) throws CaException {
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    BigInteger serial = CaKeys.serial(random);
    try {
      // computed once, outside the shared (not thread-safe) extension utilities: precert and final
      // certificate must carry byte-identical extensions
      SubjectKeyIdentifier ski;
      synchronized (utils) {
        ski = utils.createSubjectKeyIdentifier(subjectKey);
      }
      X509v3CertificateBuilder pre = builder(identity, subjectKey, ski, serial, now);
      pre.addExtension(new ASN1ObjectIdentifier(SctList.POISON_OID), true, DERNull.INSTANCE);
      X509Certificate precert = CaKeys.sign(pre, keys.signer());
      List<X509Certificate> preChain = new java.util.ArrayList<>();
      preChain.add(precert);
      preChain.addAll(keys.chain());
      Sct sct = ctLog.addPreChain(preChain);
      X509v3CertificateBuilder fin = builder(identity, subjectKey, ski, serial, now);
      fin.addExtension(new Extension(new ASN1ObjectIdentifier(SctList.EXTENSION_OID), false,
          SctList.extensionValue(List.of(sct))));
      return new IssuedCertificate(CaKeys.sign(fin, keys.signer()), keys.chain(), sct);
    } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
      throw CaException.internal("issuing a certificate for " + identity.san() + " failed: " + e.getMessage(), e);
    }
  }

  private X509v3CertificateBuilder builder(Identity identity, PublicKey subjectKey, SubjectKeyIdentifier ski,
      BigInteger serial, Instant now)
      throws IOException {
    X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(keys.issuer(), serial, Date.from(now),
        Date.from(now.plus(VALIDITY)), new X500Name(new org.bouncycastle.asn1.x500.RDN[0]), subjectKey);
    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
    b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_codeSigning));
    b.addExtension(Extension.subjectKeyIdentifier, false, ski);
    b.addExtension(Extension.authorityKeyIdentifier, false, authorityKeyId);
    b.addExtension(Extension.subjectAlternativeName, true, new GeneralNames(san(identity)));
    for (FulcioExtension e : identity.extensions()) {
      b.addExtension(new Extension(new ASN1ObjectIdentifier(e.oid()), false, e.encodedValue()));
    }
    return b;
  }

  private static GeneralName san(Identity identity) {
    return switch (identity.sanType()) {
      case EMAIL -> new GeneralName(GeneralName.rfc822Name, identity.san());
      case URI -> new GeneralName(GeneralName.uniformResourceIdentifier, identity.san());
      case OTHER_NAME -> new GeneralName(GeneralName.otherName, new DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {
          new ASN1ObjectIdentifier(FulcioExtension.PREFIX + FulcioExtension.OTHER_NAME_SAN),
          new DERTaggedObject(true, 0, new DERUTF8String(identity.san()))}));
    };
  }
}
