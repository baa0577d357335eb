package dev.signet.verify.internal;

import dev.signet.verify.Check;
import dev.signet.verify.VerificationException;
import dev.signet.verify.root.CertificateAuthority;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.tsp.TimeStampTokenInfo;

/** RFC 3161 timestamps over the signature bytes, signed by a timestamp authority of the trusted root. */
final class Rfc3161 {
  private static final Map<String, String> HASHES = Map.of(
      "2.16.840.1.101.3.4.2.1", "SHA-256", "2.16.840.1.101.3.4.2.2", "SHA-384", "2.16.840.1.101.3.4.2.3", "SHA-512");

  private Rfc3161() {}

  static Instant verify(byte[] der, byte[] signatureBytes, List<CertificateAuthority> tsas)
      throws VerificationException {
    TimeStampToken token = parse(der);
    TimeStampTokenInfo info = token.getTimeStampInfo();
    String oid = info.getMessageImprintAlgOID().getId();
    String alg = HASHES.get(oid);
    if (alg == null) {
      throw new VerificationException(Check.TIMESTAMP, "unsupported message imprint hash " + oid);
    }
    byte[] expected;
    try {
      expected = MessageDigest.getInstance(alg).digest(signatureBytes);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    if (!MessageDigest.isEqual(expected, info.getMessageImprintDigest())) {
      throw new VerificationException(Check.TIMESTAMP,
          "the timestamp's message imprint is not the hash of the signature");
    }
    Instant genTime = info.getGenTime().toInstant();
    String reason = "the trusted root has no timestamp authority valid at " + genTime;
    for (CertificateAuthority tsa : tsas) {
      if (!tsa.validFor().contains(genTime)) {
        continue;
      }
      X509Certificate signer = tsa.chain().get(0);
      try {
        if (!token.isSignatureValid(new JcaSimpleSignerInfoVerifierBuilder().build(signer))) {
          reason = "the timestamp is not signed by " + signer.getSubjectX500Principal();
          continue;
        }
      } catch (Exception e) {
        reason = "the timestamp is not signed by " + signer.getSubjectX500Principal();
        continue;
      }
      String chain = Pkix.problem(signer, List.of(), tsa.chain(), genTime, Pkix.TIME_STAMPING);
      if (chain == null) {
        return genTime;
      }
      reason = chain;
    }
    throw new VerificationException(Check.TIMESTAMP, "RFC 3161 timestamp of " + genTime
        + " does not verify against the trusted root's timestamp authorities: " + reason);
  }

  private static TimeStampToken parse(byte[] der) throws VerificationException {
    try {
      TimeStampToken t = new TimeStampResponse(der).getTimeStampToken();
      if (t != null) {
        return t;
      }
    } catch (Exception e) {
      // not a TimeStampResp: maybe a bare token
    }
    try {
      return new TimeStampToken(new CMSSignedData(ContentInfo.getInstance(der)));
    } catch (Exception e) {
      throw new VerificationException(Check.TIMESTAMP, "the RFC 3161 timestamp is neither a TimeStampResp nor a"
          + " TimeStampToken");
    }
  }
}
