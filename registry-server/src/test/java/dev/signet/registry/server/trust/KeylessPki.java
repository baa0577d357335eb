package dev.signet.registry.server.trust;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.crypto.keys.KeyGenerator;
import dev.signet.crypto.keys.PrivateKeyHandle;
import dev.signet.verify.root.CertificateAuthority;
import dev.signet.verify.root.TransparencyLog;
import dev.signet.verify.root.TrustedRoot;
import dev.signet.verify.root.TrustedRootWriter;
import dev.signet.verify.root.ValidityWindow;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERUTF8String;
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
 * A throw-away keyless Sigstore deployment for tests, built from the formats' specifications: a
 * Fulcio-like root CA issuing short-lived code-signing certificates with the Fulcio OID extensions
 * (issuer 1.3.6.1.4.1.57264.1.8, GitHub workflow repository .1.5) and an embedded RFC 6962 SCT from a
 * test CT log; a Rekor-v1-like log that signs Signed Entry Timestamps; and the trusted_root.json naming
 * all three. (The verify module's tests have a fuller generator; it is not on this module's test path.)
 */
final class KeylessPki {
  static final String ISSUER_OID = "1.3.6.1.4.1.57264.1.8";
  static final String GITHUB_REPOSITORY_OID = "1.3.6.1.4.1.57264.1.5";
  private static final String SCT_LIST_OID = "1.3.6.1.4.1.11129.2.4.2";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A signing identity's ephemeral key and its certificate. */
  record Signer(PrivateKeyHandle key, X509Certificate certificate) {}

  private final KeyPair ca = ec();
  private final KeyPair ctLog;
  private final KeyPair rekor;
  private final Instant start = Instant.now().minus(Duration.ofDays(1));
  private final X509Certificate root;
  private final AtomicLong serial = new AtomicLong(Instant.now().toEpochMilli());
  private final AtomicLong logIndex = new AtomicLong(1000);

  KeylessPki() {
    this(ec(), ec());
  }

  /** Another CA (same name, other key) whose certificates are logged in {@code logs}' CT and Rekor logs. */
  KeylessPki(KeylessPki logs) {
    this(logs.ctLog, logs.rekor);
  }

  private KeylessPki(KeyPair ctLog, KeyPair rekor) {
    this.ctLog = ctLog;
    this.rekor = rekor;
    try {
      var b = new JcaX509v3CertificateBuilder(new X500Name("O=signet.test,CN=fulcio-test"),
          BigInteger.valueOf(serial.incrementAndGet()), Date.from(start), Date.from(start.plus(Duration.ofDays(30))),
          new X500Name("O=signet.test,CN=fulcio-test"), ca.getPublic());
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      root = cert(b);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  X509Certificate root() {
    return root;
  }

  /** trusted_root.json (v0.1) with this CA, CT log and Rekor log. */
  String trustedRoot() {
    TrustedRoot r = new TrustedRoot("", List.of(log("https://rekor.signet.test", rekor.getPublic())),
        List.of(new CertificateAuthority("https://fulcio.signet.test", "signet.test/fulcio-test", List.of(root),
            ValidityWindow.from(start))),
        List.of(log("https://ctfe.signet.test", ctLog.getPublic())), List.of());
    return new String(TrustedRootWriter.write(r), StandardCharsets.UTF_8);
  }

  /**
   * A certificate for a fresh key, valid for ten minutes from a minute ago, with an email SAN, the issuer
   * extension and (when not null) the GitHub workflow repository; one embedded SCT.
   */
  Signer signer(String email, String issuer, String githubRepository) {
    PrivateKeyHandle key = KeyGenerator.generateEcdsaP256();
    try {
      Instant now = Instant.now();
      BigInteger sn = BigInteger.valueOf(serial.incrementAndGet());
      X509Certificate pre = cert(leafBuilder(sn, now, key.publicKey(), email, issuer, githubRepository));
      byte[] sct = sct(pre.getTBSCertificate(), now);
      var b = leafBuilder(sn, now, key.publicKey(), email, issuer, githubRepository);
      ByteBuffer list = ByteBuffer.allocate(4 + sct.length).putShort((short) (2 + sct.length))
          .putShort((short) sct.length).put(sct);
      b.addExtension(new org.bouncycastle.asn1.ASN1ObjectIdentifier(SCT_LIST_OID), false,
          new DEROctetString(list.array()));
      return new Signer(key, cert(b));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * cosign's {@code dev.sigstore.cosign/bundle} annotation for a Rekor v1 entry with {@code body}:
   * {@code {"SignedEntryTimestamp", "Payload": {body, integratedTime, logIndex, logID}}}.
   */
  String rekorBundle(byte[] body) {
    Entry e = entry(body);
    ObjectNode n = JSON.createObjectNode();
    n.put("SignedEntryTimestamp", e.set());
    ObjectNode p = n.putObject("Payload");
    p.put("body", Base64.getEncoder().encodeToString(body));
    p.put("integratedTime", e.integratedTime());
    p.put("logIndex", e.index());
    p.put("logID", logIdHex());
    return n.toString();
  }

  /** A bundle {@code tlogEntries[]} element (SET as inclusion promise, no proof: bundle v0.1). */
  ObjectNode tlogEntry(byte[] body, String kind, String version) {
    Entry e = entry(body);
    ObjectNode n = JSON.createObjectNode();
    n.put("logIndex", Long.toString(e.index()));
    n.putObject("logId").put("keyId", Base64.getEncoder().encodeToString(sha256(rekor.getPublic().getEncoded())));
    n.putObject("kindVersion").put("kind", kind).put("version", version);
    n.put("integratedTime", Long.toString(e.integratedTime()));
    n.putObject("inclusionPromise").put("signedEntryTimestamp", e.set());
    n.put("canonicalizedBody", Base64.getEncoder().encodeToString(body));
    return n;
  }

  /** A hashedrekord 0.0.1 body for a signature over {@code payload} by a certificate. */
  static byte[] hashedRekord(byte[] payload, byte[] signature, String certificatePem) {
    ObjectNode n = JSON.createObjectNode().put("apiVersion", "0.0.1").put("kind", "hashedrekord");
    ObjectNode spec = n.putObject("spec");
    spec.putObject("data").putObject("hash").put("algorithm", "sha256")
        .put("value", HexFormat.of().formatHex(sha256(payload)));
    spec.putObject("signature").put("content", Base64.getEncoder().encodeToString(signature))
        .putObject("publicKey").put("content", b64(certificatePem));
    return n.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** A dsse 0.0.1 body for a one-signature envelope over {@code payload}. */
  static byte[] dsse(byte[] payload, byte[] signature, String certificatePem) {
    ObjectNode n = JSON.createObjectNode().put("apiVersion", "0.0.1").put("kind", "dsse");
    ObjectNode spec = n.putObject("spec");
    spec.putObject("payloadHash").put("algorithm", "sha256").put("value", HexFormat.of().formatHex(sha256(payload)));
    spec.putArray("signatures").addObject().put("signature", Base64.getEncoder().encodeToString(signature))
        .put("verifier", b64(certificatePem));
    return n.toString().getBytes(StandardCharsets.UTF_8);
  }

  private record Entry(long index, long integratedTime, String set) {}

  /** SET: the log's signature over the canonical {@code {"body","integratedTime","logID","logIndex"}}. */
  private Entry entry(byte[] body) {
    long index = logIndex.incrementAndGet();
    long time = Instant.now().getEpochSecond();
    String canonical = "{\"body\":\"" + Base64.getEncoder().encodeToString(body) + "\",\"integratedTime\":" + time
        + ",\"logID\":\"" + logIdHex() + "\",\"logIndex\":" + index + "}";
    return new Entry(index, time, Base64.getEncoder().encodeToString(sign(rekor.getPrivate(),
        canonical.getBytes(StandardCharsets.US_ASCII))));
  }

  private String logIdHex() {
    return HexFormat.of().formatHex(sha256(rekor.getPublic().getEncoded()));
  }

  private JcaX509v3CertificateBuilder leafBuilder(BigInteger sn, Instant now, PublicKey key, String email,
      String issuer, String githubRepository) throws Exception {
    var b = new JcaX509v3CertificateBuilder(new X500Name("O=signet.test,CN=fulcio-test"), sn,
        Date.from(now.minusSeconds(60)), Date.from(now.plus(Duration.ofMinutes(10))),
        new X500Name(new org.bouncycastle.asn1.x500.RDN[0]), key);
    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
    b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_codeSigning));
    b.addExtension(Extension.subjectAlternativeName, true,
        new GeneralNames(new GeneralName(GeneralName.rfc822Name, email)));
    b.addExtension(new org.bouncycastle.asn1.ASN1ObjectIdentifier(ISSUER_OID), false,
        new DERUTF8String(issuer).getEncoded());
    if (githubRepository != null) { // v1 extensions hold raw UTF-8 bytes
      b.addExtension(new org.bouncycastle.asn1.ASN1ObjectIdentifier(GITHUB_REPOSITORY_OID), false,
          githubRepository.getBytes(StandardCharsets.UTF_8));
    }
    return b;
  }

  /** An RFC 6962 v1 SCT over the precertificate TBS (the final TBS without the SCT list) and the issuer key hash. */
  private byte[] sct(byte[] tbs, Instant time) {
    long ts = time.toEpochMilli();
    ByteArrayOutputStream signed = new ByteArrayOutputStream();
    signed.write(0); // v1
    signed.write(0); // certificate_timestamp
    signed.writeBytes(ByteBuffer.allocate(8).putLong(ts).array());
    signed.write(0);
    signed.write(1); // precert_entry
    signed.writeBytes(sha256(ca.getPublic().getEncoded()));
    signed.write(tbs.length >>> 16);
    signed.write(tbs.length >>> 8);
    signed.write(tbs.length);
    signed.writeBytes(tbs);
    signed.write(0);
    signed.write(0); // no extensions
    byte[] sig = sign(ctLog.getPrivate(), signed.toByteArray());
    return ByteBuffer.allocate(1 + 32 + 8 + 2 + 2 + 2 + sig.length).put((byte) 0)
        .put(sha256(ctLog.getPublic().getEncoded())).putLong(ts).putShort((short) 0).put((byte) 4).put((byte) 3)
        .putShort((short) sig.length).put(sig).array();
  }

  private X509Certificate cert(JcaX509v3CertificateBuilder b) throws Exception {
    return new JcaX509CertificateConverter().getCertificate(
        b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(ca.getPrivate())));
  }

  private TransparencyLog log(String url, PublicKey key) {
    return new TransparencyLog(url, sha256(key.getEncoded()), key, "PKIX_ECDSA_P256_SHA_256", ValidityWindow.from(start));
  }

  private static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] sign(PrivateKey key, byte[] data) {
    try {
      Signature s = Signature.getInstance("SHA256withECDSA");
      s.initSign(key);
      s.update(data);
      return s.sign();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyPair ec() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
