package dev.signet.sigstore.server.tsa;

import java.io.IOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;

/**
 * Issues RFC 3161 timestamps: SHA-256/384/512 message imprints, policy {@value #POLICY_OID} (Sigstore's),
 * the request's nonce echoed, the TSA certificate embedded when the request sets {@code certReq}, a
 * signing-certificate-v2 attribute, a random 159-bit serial number and {@code genTime} from the clock
 * (whole seconds). Requests with another policy, another hash, a digest of the wrong length or any
 * extension are refused. Thread-safe.
 */
public final class TimestampAuthority {
  /** Sigstore's TSA policy, also the default of requests without {@code reqPolicy}. */
  public static final String POLICY_OID = "1.3.6.1.4.1.57264.2";
  private static final Set<ASN1ObjectIdentifier> ALGORITHMS =
      Set.of(TSPAlgorithms.SHA256, TSPAlgorithms.SHA384, TSPAlgorithms.SHA512);
  private static final Set<ASN1ObjectIdentifier> POLICIES = Set.of(new ASN1ObjectIdentifier(POLICY_OID));

  private final TsaIdentity identity;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final TimeStampResponseGenerator generator;

  public TimestampAuthority(TsaIdentity identity, Clock clock) throws TsaException {
    this.identity = Objects.requireNonNull(identity, "identity");
    this.clock = Objects.requireNonNull(clock, "clock");
    try {
      X509Certificate cert = identity.signingCertificate();
      SignerInfoGenerator signer = new JcaSimpleSignerInfoGeneratorBuilder()
          .build(signatureAlgorithm(identity), identity.signingKey(), cert);
      DigestCalculator essDigest = new JcaDigestCalculatorProviderBuilder().build()
          .get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256));
      TimeStampTokenGenerator tokens = new TimeStampTokenGenerator(signer, essDigest, POLICIES.iterator().next());
      List<X509Certificate> embedded = identity.chain().stream()
          .filter(c -> !c.getSubjectX500Principal().equals(c.getIssuerX500Principal())).toList();
      tokens.addCertificates(new JcaCertStore(embedded));
      generator = new TimeStampResponseGenerator(tokens, ALGORITHMS);
    } catch (OperatorCreationException | CertificateEncodingException | TSPException | IllegalArgumentException e) {
      throw TsaException.setup("cannot set up the timestamp authority with " + identity + ": " + e.getMessage(), e);
    }
  }

  private static String signatureAlgorithm(TsaIdentity identity) {
    return switch (identity.signingKey().getAlgorithm()) {
      case "EC" -> "SHA256withECDSA";
      case "RSA" -> "SHA256withRSA";
      case "Ed25519", "EdDSA" -> "Ed25519";
      default -> throw new IllegalArgumentException("unsupported TSA key type " + identity.signingKey().getAlgorithm());
    };
  }

  public TsaIdentity identity() {
    return identity;
  }

  /**
   * A granted DER {@code TimeStampResp} for {@code query}.
   *
   * @throws TsaException ({@link TsaException#clientError()}) when the request is not acceptable
   */
  public byte[] timestamp(TimestampQuery query) throws TsaException {
    TimeStampRequest request = query.request();
    try {
      request.validate(ALGORITHMS, POLICIES, Set.of());
    } catch (TSPException e) {
      throw TsaException.badRequest("timestamp request refused: " + e.getMessage());
    } catch (RuntimeException e) {
      throw TsaException.badRequest("timestamp request refused: " + e);
    }
    try {
      TimeStampResponse response;
      synchronized (generator) {
        response = generator.generateGrantedResponse(request, new BigInteger(159, random), Date.from(clock.instant()));
      }
      if (response.getTimeStampToken() == null) {
        throw TsaException.badRequest("timestamp request refused: " + response.getStatusString());
      }
      return response.getEncoded();
    } catch (TSPException | IOException e) {
      throw TsaException.setup("issuing the timestamp failed: " + e.getMessage(), e);
    }
  }
}
