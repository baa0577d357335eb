package dev.signet.testing.sigstore;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away PKI: P-256 keys, certificates with exactly the extensions a test asks for (Fulcio-like
 * leaves, CA and TSA certificates, or deliberately broken ones), embedded RFC 6962 SCTs signed by test
 * CT logs, and RFC 3161 responses from BouncyCastle's TSP generator. Serial numbers are random.
 * Produces JDK certificates and bytes only; trust material for a verifier is written by
 * {@link TrustedRootJson}.
 */
public final class TestPki {

  public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final java.security.Provider BC = new org.bouncycastle.jce.provider.BouncyCastleProvider();

  private TestPki() {}

  public static KeyPair ecKey() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A signature over {@code data}: SHA256withECDSA for EC keys, Ed25519 for Ed25519 keys. */
  public static byte[] sign(KeyPair key, byte[] data) {
    try {
      Signature s = Signature.getInstance("EC".equals(key.getPrivate().getAlgorithm()) ? "SHA256withECDSA" : "Ed25519");
      s.initSign(key.getPrivate());
      s.update(data);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An issued certificate together with its key. */
  public record Issued(X509Certificate cert, KeyPair key) {}

  /** A CT log for tests: key, log id = SHA-256(SPKI). */
  public record CtLog(KeyPair key, byte[] logId) {
    public static CtLog create() {
      KeyPair k = ecKey();
      return new CtLog(k, sha256(k.getPublic().getEncoded()));
    }

    @Override
    public byte[] logId() {
      return logId.clone();
    }
  }

  /** An SCT to embed: which log signs it, when, and optional damage. */
  public record Sct(CtLog log, Instant time, boolean tamper) {}

  /** Builder for one certificate; every extension is opt-in. */
  public static final class Spec {
    String subject = "";
    Issued issuer;
    KeyPair key = ecKey();
    Instant notBefore = T0;
    Instant notAfter = T0.plusSeconds(3600);
    Integer pathLen;
    boolean ca;
    boolean basicConstraints;
    Integer keyUsage;
    List<KeyPurposeId> eku;
    boolean ekuCritical;
    GeneralNames san;
    final Map<String, byte[]> extra = new LinkedHashMap<>();
    final List<Sct> scts = new ArrayList<>();
    String signatureAlgorithm = "SHA256withECDSA";
    BigInteger serialNumber;

    public Spec serial(BigInteger sn) { serialNumber = sn; return this; }

    public Spec subject(String dn) { subject = dn; return this; }
    public Spec issuer(Issued i) { issuer = i; return this; }
    public Spec key(KeyPair k) { key = k; return this; }
    public Spec validity(Instant nb, Instant na) { notBefore = nb; notAfter = na; return this; }
    public Spec ca(Integer pathLength) { ca = true; basicConstraints = true; pathLen = pathLength; return this; }
    public Spec endEntityBasicConstraints() { ca = false; basicConstraints = true; return this; }
    public Spec keyUsage(int bits) { keyUsage = bits; return this; }
    public Spec eku(KeyPurposeId... ids) { eku = List.of(ids); return this; }
    public Spec ekuCritical() { ekuCritical = true; return this; }
    public Spec sanEmail(String v) { return san(new GeneralName(GeneralName.rfc822Name, v)); }
    public Spec sanUri(String v) { return san(new GeneralName(GeneralName.uniformResourceIdentifier, new DERIA5String(v))); }
    public Spec sanOtherName(String oid, String v) {
      return san(new GeneralName(GeneralName.otherName,
          new DERSequence(new ASN1Encodable[] {new ASN1ObjectIdentifier(oid), new DERTaggedObject(true, 0, new DERUTF8String(v))})));
    }
    public Spec san(GeneralName... names) { san = new GeneralNames(names); return this; }
    /** Raw extension value (the extnValue octets). */
    public Spec raw(String oid, byte[] value) { extra.put(oid, value); return this; }
    public Spec rawString(String oid, String v) { return raw(oid, v.getBytes(java.nio.charset.StandardCharsets.UTF_8)); }
    public Spec derUtf8(String oid, String v) {
      try {
        return raw(oid, new DERUTF8String(v).getEncoded());
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    public Spec sct(Sct s) { scts.add(s); return this; }

    public Issued build() {
      try {
        BigInteger sn = serialNumber != null ? serialNumber : randomSerial();
        X509Certificate plain = sign(sn, List.of());
        if (scts.isEmpty()) {
          return new Issued(plain, key);
        }
        byte[] tbs = plain.getTBSCertificate();
        byte[] issuerKeyHash = sha256((issuer == null ? key.getPublic() : issuer.cert().getPublicKey()).getEncoded());
        ByteArrayOutputStream list = new ByteArrayOutputStream();
        for (Sct s : scts) {
          byte[] one = sctBytes(s, tbs, issuerKeyHash);
          list.write(one.length >>> 8);
          list.write(one.length);
          list.write(one);
        }
        byte[] body = list.toByteArray();
        byte[] tls = ByteBuffer.allocate(2 + body.length).putShort((short) body.length).put(body).array();
        return new Issued(sign(sn, List.of(new Extension(new ASN1ObjectIdentifier("1.3.6.1.4.1.11129.2.4.2"), false,
            new DEROctetString(tls).getEncoded()))), key);
      } catch (GeneralSecurityException | IOException | org.bouncycastle.operator.OperatorCreationException e) {
        throw new IllegalStateException(e);
      }
    }

    private X509Certificate sign(BigInteger sn, List<Extension> more)
        throws IOException, GeneralSecurityException, org.bouncycastle.operator.OperatorCreationException {
      X500Name subj = new X500Name(subject);
      X500Name iss = issuer == null ? subj : X500Name.getInstance(issuer.cert().getSubjectX500Principal().getEncoded());
      PrivateKey signer = issuer == null ? key.getPrivate() : issuer.key().getPrivate();
      X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(iss, sn, Date.from(notBefore), Date.from(notAfter),
          subj, key.getPublic());
      if (basicConstraints) {
        b.addExtension(Extension.basicConstraints, true, pathLen == null ? new BasicConstraints(ca) : new BasicConstraints(pathLen));
      }
      if (keyUsage != null) {
        b.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
      }
      if (eku != null) {
        b.addExtension(Extension.extendedKeyUsage, ekuCritical, new ExtendedKeyUsage(eku.toArray(KeyPurposeId[]::new)));
      }
      if (san != null) {
        b.addExtension(Extension.subjectAlternativeName, true, san);
      }
      for (Map.Entry<String, byte[]> e : extra.entrySet()) {
        b.addExtension(new Extension(new ASN1ObjectIdentifier(e.getKey()), false, e.getValue()));
      }
      for (Extension e : more) {
        b.addExtension(e);
      }
      return new JcaX509CertificateConverter().setProvider(BC).getCertificate(b.build(new JcaContentSignerBuilder(signatureAlgorithm).build(signer)));
    }
  }

  public static Spec cert() {
    return new Spec();
  }

  /** A self-signed root CA, valid T0 .. T0+10y. */
  public static Issued root(String cn) {
    return cert().subject("CN=" + cn + ",O=signet.test").ca(null).keyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)
        .validity(T0.minusSeconds(86400), T0.plusSeconds(86400L * 3650)).build();
  }

  public static Issued intermediate(Issued parent, String cn) {
    return cert().subject("CN=" + cn + ",O=signet.test").issuer(parent).ca(0)
        .keyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign).validity(T0.minusSeconds(3600), T0.plusSeconds(86400L * 365)).build();
  }

  /**
   * A Fulcio-shaped leaf valid T0 .. T0+10min: empty subject, KU digitalSignature, EKU codeSigning,
   * email SAN, OIDC issuer {@code https://issuer.test} in extensions 1.3.6.1.4.1.57264.1.1 and .1.8.
   */
  public static Spec fulcioLeaf(Issued issuer, String email) {
    return fulcioLeaf(issuer, email, "https://issuer.test");
  }

  /**
   * As {@link #fulcioLeaf(Issued, String)} with a chosen identity: a {@code subject} with {@code ://}
   * becomes a URI SAN (workload identity), anything else an email SAN.
   */
  public static Spec fulcioLeaf(Issued issuer, String subject, String oidcIssuer) {
    Spec s = cert().issuer(issuer).keyUsage(KeyUsage.digitalSignature).eku(KeyPurposeId.id_kp_codeSigning)
        .validity(T0, T0.plusSeconds(600))
        .rawString("1.3.6.1.4.1.57264.1.1", oidcIssuer).derUtf8("1.3.6.1.4.1.57264.1.8", oidcIssuer);
    return subject.contains("://") ? s.sanUri(subject) : s.sanEmail(subject);
  }

  /** Go-style PEM of a certificate (64-column lines, final newline). */
  public static String pem(X509Certificate cert) {
    return RekorBodies.pem("CERTIFICATE", der(cert));
  }

  public static byte[] der(X509Certificate cert) {
    try {
      return cert.getEncoded();
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static BigInteger randomSerial() {
    return new BigInteger(63, RANDOM).add(BigInteger.ONE);
  }

  /** A TSA signing certificate: CA:FALSE, KU digitalSignature, critical EKU timeStamping (RFC 3161 §2.3). */
  public static Spec tsaLeaf(Issued issuer) {
    return cert().subject("CN=tsa signing,O=signet.test").issuer(issuer).endEntityBasicConstraints()
        .keyUsage(KeyUsage.digitalSignature).eku(KeyPurposeId.id_kp_timeStamping).ekuCritical()
        .validity(T0.minusSeconds(86400), T0.plusSeconds(86400L * 365));
  }

  /**
   * A DER TimeStampResp over SHA-256({@code data}) signed by {@code tsa} at {@code genTime} with
   * BouncyCastle's TSP generator; {@code embedCertificate} sets certReq.
   */
  public static byte[] timestamp(Issued tsa, byte[] data, Instant genTime, boolean embedCertificate) {
    return timestamp(tsa, data, genTime, embedCertificate, "SHA-256");
  }

  public static byte[] timestamp(Issued tsa, byte[] data, Instant genTime, boolean embedCertificate, String digest) {
    try {
      var gen = tokenGenerator(tsa);
      if (embedCertificate) {
        gen.addCertificates(new org.bouncycastle.cert.jcajce.JcaCertStore(List.of(tsa.cert())));
      }
      var rg = new org.bouncycastle.tsp.TimeStampRequestGenerator();
      rg.setCertReq(embedCertificate);
      ASN1ObjectIdentifier alg = switch (digest) {
        case "SHA-1" -> org.bouncycastle.tsp.TSPAlgorithms.SHA1;
        case "SHA-384" -> org.bouncycastle.tsp.TSPAlgorithms.SHA384;
        default -> org.bouncycastle.tsp.TSPAlgorithms.SHA256;
      };
      var req = rg.generate(alg, MessageDigest.getInstance(digest).digest(data), BigInteger.valueOf(42));
      var respGen = new org.bouncycastle.tsp.TimeStampResponseGenerator(gen, org.bouncycastle.tsp.TSPAlgorithms.ALLOWED);
      return respGen.generate(req, randomSerial(), Date.from(genTime)).getEncoded();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A TimeStampResp with status rejection (2). */
  public static byte[] rejectedTimestamp(Issued tsa) {
    try {
      var respGen = new org.bouncycastle.tsp.TimeStampResponseGenerator(tokenGenerator(tsa),
          org.bouncycastle.tsp.TSPAlgorithms.ALLOWED);
      return respGen.generateFailResponse(org.bouncycastle.asn1.cmp.PKIStatus.REJECTION,
          org.bouncycastle.asn1.cmp.PKIFailureInfo.badAlg, "bad algorithm").getEncoded();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** BouncyCastle's token generator for {@code tsa}: SHA-256 ESS cert id, policy 1.3.6.1.4.1.57264.2, ms resolution. */
  private static org.bouncycastle.tsp.TimeStampTokenGenerator tokenGenerator(Issued tsa) throws Exception {
    var signerInfo = new org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder()
        .build("SHA256withECDSA", tsa.key().getPrivate(), tsa.cert());
    var sha256 = new org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder().build()
        .get(new org.bouncycastle.asn1.x509.AlgorithmIdentifier(org.bouncycastle.asn1.nist.NISTObjectIdentifiers.id_sha256));
    var gen = new org.bouncycastle.tsp.TimeStampTokenGenerator(signerInfo, sha256, new ASN1ObjectIdentifier("1.3.6.1.4.1.57264.2"));
    gen.setResolution(org.bouncycastle.tsp.TimeStampTokenGenerator.R_MILLISECONDS);
    return gen;
  }

  static byte[] sctBytes(Sct s, byte[] tbs, byte[] issuerKeyHash) throws GeneralSecurityException {
    long ts = s.time().toEpochMilli();
    ByteBuffer signed = ByteBuffer.allocate(1 + 1 + 8 + 2 + 32 + 3 + tbs.length + 2);
    signed.put((byte) 0).put((byte) 0).putLong(ts).putShort((short) 1).put(issuerKeyHash);
    signed.put((byte) (tbs.length >>> 16)).put((byte) (tbs.length >>> 8)).put((byte) tbs.length).put(tbs).putShort((short) 0);
    Signature sig = Signature.getInstance("SHA256withECDSA");
    sig.initSign(s.log().key().getPrivate());
    sig.update(signed.array());
    byte[] signature = sig.sign();
    if (s.tamper()) {
      signature[signature.length - 1] ^= 1;
    }
    ByteBuffer b = ByteBuffer.allocate(1 + 32 + 8 + 2 + 1 + 1 + 2 + signature.length);
    b.put((byte) 0).put(s.log().logId()).putLong(ts).putShort((short) 0).put((byte) 4).put((byte) 3)
        .putShort((short) signature.length).put(signature);
    return b.array();
  }

  public static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
