package dev.signet.sigstore.server.tsa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.verify.VerificationException;
import dev.signet.verify.root.CertificateAuthority;
import dev.signet.verify.root.ValidityWindow;
import dev.signet.verify.tsa.Rfc3161Timestamp;
import dev.signet.verify.tsa.TimestampVerifier;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.junit.jupiter.api.Test;

/** Tokens issued by {@link TimestampAuthority}, judged by the verify module's independent verifier. */
class TimestampAuthorityTest {
  private static final Instant NOW = Instant.parse("2026-12-08T01:02:03.456Z");
  private static final byte[] SIGNATURE = "a signature to timestamp".getBytes(StandardCharsets.UTF_8);
  private static final TsaIdentity IDENTITY = identity();

  private static TsaIdentity identity() {
    try {
      return TsaCertificates.create("signet.test", NOW.minusSeconds(86400));
    } catch (TsaException e) {
      throw new IllegalStateException(e);
    }
  }

  private static TimestampAuthority tsa(Instant now) throws TsaException {
    return new TimestampAuthority(IDENTITY, Clock.fixed(now, ZoneOffset.UTC));
  }

  private static List<CertificateAuthority> trusted() {
    return List.of(new CertificateAuthority("https://tsa.signet.test/api/v1/timestamp", "O=signet.test",
        IDENTITY.chain(), ValidityWindow.from(NOW.minusSeconds(86400))));
  }

  static byte[] sha256(byte[] data) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(data);
  }

  private static TimestampQuery der(boolean certReq, BigInteger nonce) throws Exception {
    TimeStampRequestGenerator g = new TimeStampRequestGenerator();
    g.setCertReq(certReq);
    return TimestampQuery.fromDer(g.generate(TSPAlgorithms.SHA256, sha256(SIGNATURE), nonce).getEncoded());
  }

  @Test
  void tokenWithEmbeddedCertificateVerifiesAndEchoesTheNonce() throws Exception {
    byte[] resp = tsa(NOW).timestamp(der(true, BigInteger.valueOf(987654321)));

    assertThat(TimestampVerifier.verify(resp, SIGNATURE, trusted())).isEqualTo(Instant.parse("2026-12-08T01:02:03Z"));
    Rfc3161Timestamp ts = Rfc3161Timestamp.parse(resp);
    assertThat(ts.nonce()).contains(BigInteger.valueOf(987654321));
    assertThat(ts.policyOid()).isEqualTo("1.3.6.1.4.1.57264.2");
    assertThat(new TimeStampResponse(resp).getTimeStampToken().getCertificates().getMatches(null)).hasSize(1);
  }

  @Test
  void certReqFalseLeavesTheCertificateOutAndTheTrustedChainStillVerifies() throws Exception {
    byte[] resp = tsa(NOW).timestamp(der(false, BigInteger.TEN));

    assertThat(new TimeStampResponse(resp).getTimeStampToken().getCertificates().getMatches(null)).isEmpty();
    assertThat(TimestampVerifier.verify(resp, SIGNATURE, trusted())).isEqualTo(Instant.parse("2026-12-08T01:02:03Z"));
  }

  @Test
  void jsonFormAsSigstoreJsSendsIt() throws Exception {
    String json = "{\"artifactHash\":\"" + Base64.getEncoder().encodeToString(sha256(SIGNATURE))
        + "\",\"hashAlgorithm\":\"sha256\",\"nonce\":42,\"certificates\":true}";
    byte[] resp = tsa(NOW).timestamp(TimestampQuery.fromJson(json.getBytes(StandardCharsets.UTF_8)));

    assertThat(TimestampVerifier.verify(resp, SIGNATURE, trusted())).isNotNull();
    assertThat(Rfc3161Timestamp.parse(resp).nonce()).contains(BigInteger.valueOf(42));
  }

  @Test
  void serialNumbersDiffer() throws Exception {
    TimestampAuthority tsa = tsa(NOW);
    BigInteger a = Rfc3161Timestamp.parse(tsa.timestamp(der(true, BigInteger.ONE))).serialNumber();
    BigInteger b = Rfc3161Timestamp.parse(tsa.timestamp(der(true, BigInteger.ONE))).serialNumber();
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void tokenOverOtherBytesIsRefused() throws Exception {
    byte[] resp = tsa(NOW).timestamp(der(true, BigInteger.ONE));
    assertThatThrownBy(() -> TimestampVerifier.verify(resp, "other".getBytes(StandardCharsets.UTF_8), trusted()))
        .isInstanceOf(VerificationException.class).hasMessageContaining("message imprint");
  }

  @Test
  void tamperedTokenIsRefused() throws Exception {
    byte[] resp = tsa(NOW).timestamp(der(true, BigInteger.ONE));
    // The genTime digits sit in the signed TSTInfo: change one second digit.
    String text = new String(resp, StandardCharsets.ISO_8859_1);
    int at = text.indexOf("20261208010203Z");
    assertThat(at).isPositive();
    byte[] evil = resp.clone();
    evil[at + 13] = '4';
    assertThatThrownBy(() -> TimestampVerifier.verify(evil, SIGNATURE, trusted()))
        .isInstanceOf(VerificationException.class).hasMessageContaining("does not verify");
  }

  @Test
  void tokenFromAnotherTsaIsRefused() throws Exception {
    TsaIdentity other = TsaCertificates.create("signet.test", NOW.minusSeconds(86400));
    byte[] resp = new TimestampAuthority(other, Clock.fixed(NOW, ZoneOffset.UTC)).timestamp(der(true, BigInteger.ONE));
    assertThatThrownBy(() -> TimestampVerifier.verify(resp, SIGNATURE, trusted()))
        .isInstanceOf(VerificationException.class);
  }

  @Test
  void refusesWeakHashOtherPolicyWrongLengthAndExtensions() throws Exception {
    TimestampAuthority tsa = tsa(NOW);
    TimeStampRequestGenerator g = new TimeStampRequestGenerator();
    TimestampQuery sha1 = TimestampQuery.fromDer(g.generate(TSPAlgorithms.SHA1, new byte[20]).getEncoded());
    assertThatThrownBy(() -> tsa.timestamp(sha1)).isInstanceOfSatisfying(TsaException.class,
        e -> assertThat(e.clientError()).isTrue()).hasMessageContaining("refused");

    TimeStampRequestGenerator p = new TimeStampRequestGenerator();
    p.setReqPolicy(new ASN1ObjectIdentifier("1.2.3.4"));
    TimestampQuery policy = TimestampQuery.fromDer(p.generate(TSPAlgorithms.SHA256, new byte[32]).getEncoded());
    assertThatThrownBy(() -> tsa.timestamp(policy)).hasMessageContaining("policy");

    TimestampQuery shortDigest = TimestampQuery.fromDer(g.generate(TSPAlgorithms.SHA256, new byte[31]).getEncoded());
    assertThatThrownBy(() -> tsa.timestamp(shortDigest)).hasMessageContaining("digest");

    TimeStampRequestGenerator x = new TimeStampRequestGenerator();
    x.addExtension(new ASN1ObjectIdentifier("1.2.3.5"), false, org.bouncycastle.asn1.DERNull.INSTANCE);
    TimestampQuery ext = TimestampQuery.fromDer(x.generate(TSPAlgorithms.SHA256, new byte[32]).getEncoded());
    assertThatThrownBy(() -> tsa.timestamp(ext)).isInstanceOf(TsaException.class);
  }

  @Test
  void malformedQueriesAreClientErrors() {
    for (byte[] body : List.of(new byte[0], "garbage".getBytes(StandardCharsets.UTF_8), new byte[] {0x30, 0x03, 1})) {
      assertThatThrownBy(() -> TimestampQuery.fromDer(body)).isInstanceOfSatisfying(TsaException.class,
          e -> assertThat(e.clientError()).isTrue()).hasMessageStartingWith("timestamp request: ");
    }
    for (String json : List.of("[]", "{", "{\"artifactHash\":\"!!\"}", "{\"hashAlgorithm\":\"md5\"}",
        "{\"artifactHash\":\"AA==\",\"nonce\":-1}", "{\"artifactHash\":\"AA==\",\"tsaPolicyOID\":\"x\"}")) {
      assertThatThrownBy(() -> TimestampQuery.fromJson(json.getBytes(StandardCharsets.UTF_8)))
          .as(json).isInstanceOfSatisfying(TsaException.class, e -> assertThat(e.clientError()).isTrue());
    }
  }
}
