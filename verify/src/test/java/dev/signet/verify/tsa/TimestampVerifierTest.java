package dev.signet.verify.tsa;

import static dev.signet.testing.sigstore.TestPki.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.testing.sigstore.TestPki.Issued;
import dev.signet.testing.sigstore.TestPki;
import dev.signet.verify.Check;
import dev.signet.verify.VerificationException;
import dev.signet.verify.root.CertificateAuthority;
import dev.signet.verify.testkit.Trust;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.tsp.TimeStampResponse;
import org.junit.jupiter.api.Test;

/** RFC 3161 tokens from BouncyCastle's TSP generator against generated TSA chains. */
class TimestampVerifierTest {

  private static final byte[] SIGNATURE = "the signature bytes".getBytes(StandardCharsets.UTF_8);
  private static final Instant GEN = T0.plusMillis(1500);

  private final Issued root = TestPki.root("tsa-root");
  private final Issued tsa = TestPki.tsaLeaf(root).build();
  private final CertificateAuthority authority = Trust.authority(Trust.always(), tsa, root);

  private static void rejects(byte[] token, byte[] signature, List<CertificateAuthority> tsas, String... fragments) {
    assertThatThrownBy(() -> TimestampVerifier.verify(token, signature, tsas))
        .isInstanceOfSatisfying(VerificationException.class, e -> {
          assertThat(e.check()).isEqualTo(Check.TIMESTAMP);
          assertThat(e.getMessage()).startsWith("timestamp: ").doesNotContain("\n");
          for (String f : fragments) {
            assertThat(e.getMessage()).contains(f);
          }
        });
  }

  @Test
  void verifiesResponseAndBareTokenWithAndWithoutEmbeddedCertificate() throws Exception {
    for (boolean embed : new boolean[] {false, true}) {
      byte[] resp = TestPki.timestamp(tsa, SIGNATURE, GEN, embed);
      assertThat(TimestampVerifier.verify(resp, SIGNATURE, List.of(authority))).isEqualTo(GEN);
      byte[] token = new TimeStampResponse(resp).getTimeStampToken().getEncoded();
      assertThat(TimestampVerifier.verify(token, SIGNATURE, List.of(authority))).isEqualTo(GEN);
      Rfc3161Timestamp parsed = Rfc3161Timestamp.parse(token);
      assertThat(parsed.nonce()).contains(java.math.BigInteger.valueOf(42));
      assertThat(parsed.policyOid()).isEqualTo("1.3.6.1.4.1.57264.2");
    }
  }

  @Test
  void verifiesWithAnAuthorityThatListsOnlyTheRootWhenTheTokenEmbedsItsCertificate() throws Exception {
    byte[] resp = TestPki.timestamp(tsa, SIGNATURE, GEN, true);
    assertThat(TimestampVerifier.verify(resp, SIGNATURE, List.of(Trust.authority(Trust.always(), root)))).isEqualTo(GEN);
    rejects(TestPki.timestamp(tsa, SIGNATURE, GEN, false), SIGNATURE, List.of(Trust.authority(Trust.always(), root)),
        "no certificate of timestamp authority", "matches the token's signer");
  }

  @Test
  void acceptsSha384Imprint() throws Exception {
    assertThat(TimestampVerifier.verify(TestPki.timestamp(tsa, SIGNATURE, GEN, false, "SHA-384"), SIGNATURE, List.of(authority)))
        .isEqualTo(GEN);
  }

  @Test
  void rejectsImprintMismatch() {
    rejects(TestPki.timestamp(tsa, SIGNATURE, GEN, false), "another signature".getBytes(StandardCharsets.UTF_8), List.of(authority),
        "message imprint SHA-256:", "is not the hash of the signature (SHA-256:");
  }

  @Test
  void rejectsUnsupportedImprintHash() {
    rejects(TestPki.timestamp(tsa, SIGNATURE, GEN, false, "SHA-1"), SIGNATURE, List.of(authority),
        "message imprint uses unsupported hash algorithm 1.3.14.3.2.26");
  }

  @Test
  void rejectsTsaCertificateWithoutTimeStampingEku() throws Exception {
    // BouncyCastle's generator insists on the EKU, so the token is signed with a proper certificate and
    // the trusted root holds its twin (same issuer, serial and key) without the EKU.
    Issued signer = TestPki.tsaLeaf(root).serial(java.math.BigInteger.valueOf(777_001)).build();
    Issued twin = TestPki.cert().subject("CN=tsa signing,O=signet.test").issuer(root).key(signer.key())
        .serial(java.math.BigInteger.valueOf(777_001)).endEntityBasicConstraints().keyUsage(KeyUsage.digitalSignature)
        .validity(T0.minusSeconds(86400), T0.plusSeconds(86400L * 365)).build();
    rejects(TestPki.timestamp(signer, SIGNATURE, GEN, false), SIGNATURE, List.of(Trust.authority(Trust.always(), twin, root)),
        "TSA certificate O=signet.test,CN=tsa signing", "lacks the timeStamping extended key usage (1.3.6.1.5.5.7.3.8)");
  }

  @Test
  void rejectsWhenTheAuthoritysValidForExcludesGenTime() {
    CertificateAuthority retired = Trust.authority(Trust.window(T0.minusSeconds(3600), T0), tsa, root);
    rejects(TestPki.timestamp(tsa, SIGNATURE, GEN, false), SIGNATURE, List.of(retired),
        "genTime " + GEN + " is outside the validFor of every timestamp authority");
  }

  @Test
  void rejectsTsaCertificateExpiredAtGenTime() {
    Issued old = TestPki.tsaLeaf(root).validity(T0.minusSeconds(86400), T0).build();
    rejects(TestPki.timestamp(old, SIGNATURE, GEN, false), SIGNATURE, List.of(Trust.authority(Trust.always(), old, root)),
        "TSA certificate O=signet.test,CN=tsa signing", "expired before " + GEN);
  }

  @Test
  void rejectsTokenFromAnotherTsa() {
    Issued otherRoot = TestPki.root("other-tsa-root");
    Issued other = TestPki.tsaLeaf(otherRoot).build();
    rejects(TestPki.timestamp(other, SIGNATURE, GEN, true), SIGNATURE, List.of(authority),
        "TSA certificate O=signet.test,CN=tsa signing", "not signed by any CA in the trusted root valid at " + GEN);
  }

  @Test
  void warmCachesStillRejectATamperedTokenSignatureAndAnExpiredTsaCertificate() throws Exception {
    var verifiers = new dev.signet.crypto.VerifierCache(8);
    var chain = new dev.signet.verify.x509.CaSignatureCache(8);
    byte[] good = TestPki.timestamp(tsa, SIGNATURE, GEN, false);
    for (int i = 0; i < 10; i++) { // past the verifier's warm-up: its precomputed table is in use
      assertThat(TimestampVerifier.verify(good, SIGNATURE, List.of(authority), verifiers, chain)).isEqualTo(GEN);
    }
    assertThat(chain.size()).isEqualTo(1); // the TSA certificate by the root (the anchor is not re-verified)
    byte[] bad = good.clone();
    bad[bad.length - 1] ^= 1;
    assertThatThrownBy(() -> TimestampVerifier.verify(bad, SIGNATURE, List.of(authority), verifiers, chain))
        .isInstanceOf(VerificationException.class).hasMessageContaining("does not verify");
    byte[] late = TestPki.timestamp(tsa, SIGNATURE, T0.plusSeconds(400L * 24 * 3600 * 100), false);
    assertThatThrownBy(() -> TimestampVerifier.verify(late, SIGNATURE, List.of(authority), verifiers, chain))
        .isInstanceOf(VerificationException.class);
  }

  @Test
  void rejectsTamperedTokenSignature() {
    byte[] resp = TestPki.timestamp(tsa, SIGNATURE, GEN, false);
    resp[resp.length - 1] ^= 1;
    rejects(resp, SIGNATURE, List.of(authority), "token signature by TSA certificate O=signet.test,CN=tsa signing", "does not verify");
  }

  @Test
  void rejectsGarbageAndRejectedResponses() {
    rejects(new byte[] {1, 2, 3}, SIGNATURE, List.of(authority), "not a DER RFC 3161 TimeStampResp or TimeStampToken");
    rejects(TestPki.rejectedTimestamp(tsa), SIGNATURE, List.of(authority), "RFC 3161 response has status 2", "not granted");
  }

  @Test
  void rejectsWithoutTimestampAuthorities() {
    rejects(TestPki.timestamp(tsa, SIGNATURE, GEN, true), SIGNATURE, List.of(), "the trusted root has no timestamp authority");
  }
}
