package dev.signet.verify.x509;

import dev.signet.verify.Check;
import dev.signet.verify.VerificationException;
import dev.signet.verify.internal.Digests;
import dev.signet.verify.root.TransparencyLog;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import dev.signet.crypto.VerifierCache;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.x509.Extension;

/**
 * Verifies the SCTs embedded in a Fulcio leaf (RFC 6962 §3.2, precertificate entries): each SCT's log
 * is looked up by key id among the trusted root's CT logs, its time must lie in that log key's
 * {@code validFor}, and its signature must verify over the precertificate entry rebuilt from the leaf
 * (TBS without the SCT-list extension) and the issuer's key hash. SCTs from the same log count once.
 */
public final class SctVerifier {

  /** The embedded SCT list extension. */
  public static final String SCT_LIST_OID = "1.3.6.1.4.1.11129.2.4.2";

  private SctVerifier() {}

  /**
   * @param issuer the certificate that signed {@code leaf} (the first CA of its verified chain)
   * @param threshold how many distinct logs must have issued a verifying SCT; 0 skips nothing but accepts none
   * @return the number of distinct CT logs with a verified SCT
   * @throws VerificationException ({@link Check#SCT}) when fewer than {@code threshold} verify
   */
  public static int verify(X509Certificate leaf, X509Certificate issuer, List<TransparencyLog> ctlogs, int threshold)
      throws VerificationException {
    return verify(leaf, issuer, ctlogs, threshold, new VerifierCache(0));
  }

  /** As {@link #verify(X509Certificate, X509Certificate, List, int)}, reusing the CT logs' verifiers. */
  public static int verify(X509Certificate leaf, X509Certificate issuer, List<TransparencyLog> ctlogs, int threshold,
      VerifierCache verifiers) throws VerificationException {
    Supplier<String> leafName = () -> "leaf " + Certificates.describe(leaf); // only on failure
    byte[] ext = leaf.getExtensionValue(SCT_LIST_OID);
    if (ext == null) {
      if (threshold <= 0) {
        return 0;
      }
      throw fail(leafName.get() + " has no embedded SCT list (extension " + SCT_LIST_OID + "), need " + threshold);
    }
    if (issuer == null) {
      throw fail(leafName.get() + ": the issuer certificate is needed to verify its SCTs");
    }
    List<SignedCertificateTimestamp> scts;
    try {
      scts = SignedCertificateTimestamp.parseList(
          ASN1OctetString.getInstance(ASN1OctetString.getInstance(ext).getOctets()).getOctets());
    } catch (IllegalArgumentException e) {
      throw fail(leafName.get() + ": malformed SCT list: " + e.getMessage());
    }
    byte[] tbs = precertTbs(leaf);
    byte[] issuerKeyHash = Digests.sha256(issuer.getPublicKey().getEncoded());
    Set<String> verifiedLogs = new LinkedHashSet<>();
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < scts.size(); i++) {
      SignedCertificateTimestamp sct = scts.get(i);
      String problem = check(sct, tbs, issuerKeyHash, ctlogs, verifiers);
      if (problem == null) {
        verifiedLogs.add(sct.logIdHex());
      } else {
        problems.add((scts.size() > 1 ? "SCT " + (i + 1) + ": " : "") + problem);
      }
    }
    if (verifiedLogs.size() < threshold) {
      throw fail(leafName.get() + ": " + verifiedLogs.size() + " of " + scts.size() + " embedded SCTs verified, need "
          + threshold + (problems.isEmpty() ? "" : ": " + String.join("; ", problems)));
    }
    return verifiedLogs.size();
  }

  /** Null when {@code sct} verifies with one of the logs, else why not. */
  private static String check(SignedCertificateTimestamp sct, byte[] tbs, byte[] issuerKeyHash, List<TransparencyLog> ctlogs,
      VerifierCache verifiers) {
    List<TransparencyLog> logs = ctlogs.stream().filter(l -> l.hasLogId(sct.logId())).toList();
    if (logs.isEmpty()) {
      return "no CT log key with id " + sct.logIdHex();
    }
    String algorithm = jcaAlgorithm(sct);
    if (algorithm == null) {
      return "SCT from log " + sct.logIdHex() + " uses unsupported hash/signature algorithm "
          + sct.hashAlgorithm() + "/" + sct.signatureAlgorithm();
    }
    byte[] signed = signedData(sct, tbs, issuerKeyHash);
    String problem = null;
    for (TransparencyLog log : logs) {
      if (!log.validFor().contains(sct.timestamp())) {
        problem = "SCT time " + sct.timestamp() + " is outside the validity " + log.validFor() + " of CT log "
            + log.baseUrl() + " (" + sct.logIdHex() + ")";
        continue;
      }
      if (FastSignatures.verifies(algorithm, log.key(), signed, sct.signature(), verifiers)) {
        return null;
      }
      problem = "signature of the SCT from CT log " + log.baseUrl() + " (" + sct.logIdHex() + ") does not verify";
    }
    return problem;
  }

  private static String jcaAlgorithm(SignedCertificateTimestamp sct) {
    String hash = switch (sct.hashAlgorithm()) {
      case 4 -> "SHA256";
      case 5 -> "SHA384";
      case 6 -> "SHA512";
      default -> null;
    };
    if (sct.signatureAlgorithm() == 7) {
      return "Ed25519";
    }
    if (hash == null) {
      return null;
    }
    return switch (sct.signatureAlgorithm()) {
      case 1 -> hash + "withRSA";
      case 3 -> hash + "withECDSA";
      default -> null;
    };
  }


  /** RFC 6962 {@code digitally-signed struct} for a precert_entry. */
  static byte[] signedData(SignedCertificateTimestamp sct, byte[] tbs, byte[] issuerKeyHash) {
    byte[] ext = sct.extensions();
    ByteBuffer b = ByteBuffer.allocate(1 + 1 + 8 + 2 + 32 + 3 + tbs.length + 2 + ext.length);
    b.put((byte) 0); // version v1
    b.put((byte) 0); // signature_type certificate_timestamp
    b.putLong(sct.timestampMillis());
    b.putShort((short) 1); // entry_type precert_entry
    b.put(issuerKeyHash);
    b.put((byte) (tbs.length >>> 16)).put((byte) (tbs.length >>> 8)).put((byte) tbs.length);
    b.put(tbs);
    b.putShort((short) ext.length);
    b.put(ext);
    return b.array();
  }

  /** The leaf's TBSCertificate without the SCT-list extension, DER: the precertificate's TBS. */
  static byte[] precertTbs(X509Certificate leaf) throws VerificationException {
    try {
      ASN1Sequence tbs = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(leaf.getTBSCertificate()));
      ASN1EncodableVector out = new ASN1EncodableVector();
      for (ASN1Encodable e : tbs) {
        if (e instanceof ASN1TaggedObject t && t.getTagNo() == 3) {
          ASN1EncodableVector exts = new ASN1EncodableVector();
          for (ASN1Encodable x : ASN1Sequence.getInstance(t.getExplicitBaseObject())) {
            if (!Extension.getInstance(x).getExtnId().getId().equals(SCT_LIST_OID)) {
              exts.add(x);
            }
          }
          out.add(new DERTaggedObject(true, 3, new DERSequence(exts)));
        } else {
          out.add(e);
        }
      }
      return new DERSequence(out).getEncoded(ASN1Encoding.DER);
    } catch (CertificateEncodingException | IOException | RuntimeException e) {
      throw fail("leaf " + Certificates.describe(leaf) + ": cannot rebuild the precertificate TBS: " + e.getMessage());
    }
  }

  private static VerificationException fail(String message) {
    return new VerificationException(Check.SCT, message);
  }
}
