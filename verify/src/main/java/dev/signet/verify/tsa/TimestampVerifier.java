package dev.signet.verify.tsa;

import dev.signet.crypto.VerifierCache;
import dev.signet.verify.Check;
import dev.signet.verify.VerificationException;
import dev.signet.verify.internal.Digests;
import dev.signet.verify.root.CertificateAuthority;
import dev.signet.verify.x509.CaSignatureCache;
import dev.signet.verify.x509.CertificateChainVerifier;
import dev.signet.verify.x509.CertificatePurpose;
import dev.signet.verify.x509.Certificates;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.SignerId;
import org.bouncycastle.cms.DefaultCMSSignatureAlgorithmNameGenerator;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * Verifies an RFC 3161 timestamp over a signature, as Sigstore bundles carry it: the message imprint
 * is the hash of the raw signature bytes; the TSA's signing certificate (embedded in the token or the
 * first certificate of a trusted-root {@code timestampAuthorities[]} chain) must chain to that
 * authority, carry the timeStamping EKU and be valid at {@code genTime}, which the authority's
 * {@code validFor} must contain; the CMS signature and the signing-certificate attribute must verify.
 */
public final class TimestampVerifier {

  private static final Map<String, String> DIGESTS = Map.of(
      "2.16.840.1.101.3.4.2.1", "SHA-256",
      "2.16.840.1.101.3.4.2.2", "SHA-384",
      "2.16.840.1.101.3.4.2.3", "SHA-512");

  private TimestampVerifier() {}

  /**
   * @param rfc3161Token DER TimeStampResp or TimeStampToken
   * @param signatureBytes the signature the timestamp is over
   * @return the verified {@code genTime}
   * @throws VerificationException ({@link Check#TIMESTAMP}) naming the failed check
   */
  public static Instant verify(byte[] rfc3161Token, byte[] signatureBytes, List<CertificateAuthority> tsas)
      throws VerificationException {
    return verify(rfc3161Token, signatureBytes, tsas, new VerifierCache(0), new CaSignatureCache(0));
  }

  /**
   * As {@link #verify(byte[], byte[], List)}, keeping the TSA keys' verifiers in {@code verifiers} and
   * the TSA chain's signatures (the TSA certificate recurs across tokens) in {@code chainSignatures}.
   */
  public static Instant verify(byte[] rfc3161Token, byte[] signatureBytes, List<CertificateAuthority> tsas,
      VerifierCache verifiers, CaSignatureCache chainSignatures) throws VerificationException {
    Rfc3161Timestamp ts = Rfc3161Timestamp.parse(rfc3161Token);
    checkImprint(ts, signatureBytes);
    Instant t = ts.genTime();
    if (tsas.isEmpty()) {
      throw fail("token from " + t + ": the trusted root has no timestamp authority");
    }
    List<CertificateAuthority> valid = tsas.stream().filter(a -> a.validFor().contains(t)).toList();
    if (valid.isEmpty()) {
      throw fail("genTime " + t + " is outside the validFor of every timestamp authority in the trusted root "
          + tsas.stream().map(a -> a.validFor().toString()).distinct().toList());
    }
    TimeStampToken token = ts.token();
    List<X509Certificate> embedded = embeddedCertificates(token);
    Set<String> problems = new LinkedHashSet<>();
    for (CertificateAuthority tsa : valid) {
      List<X509Certificate> pool = new ArrayList<>(embedded);
      tsa.chain().stream().filter(c -> !pool.contains(c)).forEach(pool::add);
      List<X509Certificate> signers = pool.stream().filter(c -> matches(token.getSID(), c)).toList();
      if (signers.isEmpty()) {
        problems.add("no certificate of timestamp authority " + name(tsa) + " or the token matches the token's signer");
        continue;
      }
      for (X509Certificate signer : signers) {
        try {
          CertificateChainVerifier.verifyPath(signer, pool, List.of(tsa), t, CertificatePurpose.TIME_STAMPING,
              verifiers, chainSignatures);
        } catch (VerificationException e) {
          problems.add(withoutLabel(e));
          continue;
        }
        String problem = signatureProblem(token, signer, verifiers);
        if (problem == null) {
          return t;
        }
        problems.add(problem);
      }
    }
    throw fail(String.join("; ", problems));
  }

  private static void checkImprint(Rfc3161Timestamp ts, byte[] signatureBytes) throws VerificationException {
    String alg = DIGESTS.get(ts.imprintAlgorithmOid());
    if (alg == null) {
      throw fail("message imprint uses unsupported hash algorithm " + ts.imprintAlgorithmOid()
          + " (supported: SHA-256, SHA-384, SHA-512)");
    }
    byte[] expected = Digests.digest(alg, signatureBytes);
    if (!MessageDigest.isEqual(expected, ts.imprintDigest())) {
      HexFormat hex = HexFormat.of();
      throw fail("message imprint " + alg + ":" + hex.formatHex(ts.imprintDigest())
          + " is not the hash of the signature (" + alg + ":" + hex.formatHex(expected) + ")");
    }
  }

  private static String signatureProblem(TimeStampToken token, X509Certificate signer, VerifierCache verifiers) {
    try {
      token.validate(new SignerInformationVerifier(new DefaultCMSSignatureAlgorithmNameGenerator(),
          new DefaultSignatureAlgorithmIdentifierFinder(), new FastContentVerifierProvider(signer, verifiers),
          new JcaDigestCalculatorProviderBuilder().build()));
      return null;
    } catch (TSPException e) {
      return "token signature by TSA certificate " + Certificates.describe(signer) + " does not verify: " + e.getMessage();
    } catch (OperatorCreationException | RuntimeException e) {
      return "cannot verify with TSA certificate " + Certificates.describe(signer) + ": " + e.getMessage();
    }
  }

  private static boolean matches(SignerId sid, X509Certificate c) {
    try {
      return sid.match(new X509CertificateHolder(c.getEncoded()));
    } catch (java.io.IOException | java.security.cert.CertificateEncodingException e) {
      return false;
    }
  }

  private static List<X509Certificate> embeddedCertificates(TimeStampToken token) throws VerificationException {
    List<X509Certificate> out = new ArrayList<>();
    for (X509CertificateHolder h : token.getCertificates().getMatches(null)) {
      try {
        out.add(Certificates.fromDer(h.getEncoded(), "certificate embedded in the token"));
      } catch (java.io.IOException | VerificationException e) {
        throw fail("a certificate embedded in the token does not parse: " + e.getMessage());
      }
    }
    return out;
  }

  private static String name(CertificateAuthority tsa) {
    return tsa.uri().isEmpty() ? tsa.subject() : tsa.uri();
  }

  private static String withoutLabel(VerificationException e) {
    String prefix = e.check().label() + ": ";
    String m = e.getMessage();
    return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
  }

  private static VerificationException fail(String message) {
    return new VerificationException(Check.TIMESTAMP, message);
  }
}
