package dev.signet.verify.internal;

import dev.signet.crypto.Verifiers;
import dev.signet.verify.Check;
import dev.signet.verify.VerificationException;
import dev.signet.verify.root.TransparencyLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;

/** RFC 6962 §3.2 embedded SCTs: each signs the precertificate TBS (without the SCT list) and the issuer key hash. */
final class Scts {
  private static final ASN1ObjectIdentifier SCT_LIST = new ASN1ObjectIdentifier("1.3.6.1.4.1.11129.2.4.2");

  private Scts() {}

  static int verify(X509Certificate leaf, X509Certificate issuer, List<TransparencyLog> ctlogs, int threshold)
      throws VerificationException {
    byte[] ext = leaf.getExtensionValue(SCT_LIST.getId());
    if (ext == null) {
      if (threshold <= 0) {
        return 0;
      }
      throw new VerificationException(Check.SCT, "the leaf certificate has no embedded SCTs");
    }
    List<byte[]> scts;
    byte[] tbs;
    try {
      byte[] list = ASN1OctetString.getInstance(ASN1OctetString.getInstance(ext).getOctets()).getOctets();
      scts = split(list);
      tbs = tbsWithoutScts(leaf);
    } catch (RuntimeException | IOException | CertificateEncodingException e) {
      throw new VerificationException(Check.SCT, "the leaf's SCT list extension does not parse");
    }
    byte[] issuerKeyHash = sha256(issuer.getPublicKey().getEncoded());
    int verified = 0;
    String reason = "no SCT is from a CT log of the trusted root";
    for (byte[] sct : scts) {
      String problem = check(sct, tbs, issuerKeyHash, ctlogs);
      if (problem == null) {
        verified++;
      } else {
        reason = problem;
      }
    }
    if (verified < threshold) {
      throw new VerificationException(Check.SCT, verified + " of " + scts.size() + " embedded SCTs verified, "
          + threshold + " required: " + reason);
    }
    return verified;
  }

  private static String check(byte[] sct, byte[] tbs, byte[] issuerKeyHash, List<TransparencyLog> ctlogs) {
    ByteBuffer b = ByteBuffer.wrap(sct);
    try {
      int version = b.get() & 0xff;
      byte[] logId = new byte[32];
      b.get(logId);
      long timestamp = b.getLong();
      byte[] extensions = new byte[b.getShort() & 0xffff];
      b.get(extensions);
      b.get(); // hash algorithm
      b.get(); // signature algorithm
      byte[] signature = new byte[b.getShort() & 0xffff];
      b.get(signature);
      if (version != 0) {
        return "SCT version " + version + " is not v1";
      }
      TransparencyLog log = ctlogs.stream().filter(l -> l.hasLogId(logId)).findFirst().orElse(null);
      if (log == null) {
        return "SCT log id " + java.util.HexFormat.of().formatHex(logId) + " is not a CT log of the trusted root";
      }
      Instant t = Instant.ofEpochMilli(timestamp);
      if (!log.validFor().contains(t)) {
        return "SCT time " + t + " is outside the validity of CT log " + log.baseUrl();
      }
      ByteArrayOutputStream signed = new ByteArrayOutputStream();
      signed.write(0); // version v1
      signed.write(0); // certificate_timestamp
      signed.writeBytes(ByteBuffer.allocate(8).putLong(timestamp).array());
      signed.write(0);
      signed.write(1); // precert_entry
      signed.writeBytes(issuerKeyHash);
      signed.write(tbs.length >>> 16);
      signed.write(tbs.length >>> 8);
      signed.write(tbs.length);
      signed.writeBytes(tbs);
      signed.write(extensions.length >>> 8);
      signed.write(extensions.length);
      signed.writeBytes(extensions);
      Verifiers.from(log.key()).verify(signed.toByteArray(), signature);
      return null;
    } catch (java.nio.BufferUnderflowException e) {
      return "an SCT is truncated";
    } catch (Exception e) {
      return "SCT signature does not verify with its CT log's key";
    }
  }

  private static List<byte[]> split(byte[] list) {
    ByteBuffer b = ByteBuffer.wrap(list);
    int total = b.getShort() & 0xffff;
    if (total != b.remaining()) {
      throw new IllegalArgumentException("SCT list length");
    }
    List<byte[]> out = new ArrayList<>();
    while (b.hasRemaining()) {
      byte[] sct = new byte[b.getShort() & 0xffff];
      b.get(sct);
      out.add(sct);
    }
    return out;
  }

  private static byte[] tbsWithoutScts(X509Certificate leaf) throws CertificateEncodingException, IOException {
    ASN1Sequence tbs = ASN1Sequence.getInstance(leaf.getTBSCertificate());
    ASN1EncodableVector out = new ASN1EncodableVector();
    for (int i = 0; i < tbs.size(); i++) {
      if (tbs.getObjectAt(i) instanceof ASN1TaggedObject t && t.getTagNo() == 3) {
        Extensions exts = Extensions.getInstance(t.getExplicitBaseObject());
        List<Extension> kept = new ArrayList<>();
        for (ASN1ObjectIdentifier oid : exts.getExtensionOIDs()) {
          if (!oid.equals(SCT_LIST)) {
            kept.add(exts.getExtension(oid));
          }
        }
        out.add(new DERTaggedObject(true, 3, new Extensions(kept.toArray(new Extension[0]))));
      } else {
        out.add(tbs.getObjectAt(i));
      }
    }
    return new DERSequence(out).getEncoded(ASN1Encoding.DER);
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
