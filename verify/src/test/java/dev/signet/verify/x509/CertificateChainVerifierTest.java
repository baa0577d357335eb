package dev.signet.verify.x509;

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
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;

/** Path validation on a generated PKI: the accepted shapes and one rejection per rule. */
class CertificateChainVerifierTest {

  private static final Instant AT = T0.plusSeconds(60);
  private final Issued root = TestPki.root("root");
  private final Issued intermediate = TestPki.intermediate(root, "intermediate");
  private final CertificateAuthority ca = Trust.authority(Trust.always(), intermediate, root);

  private static void rejects(X509Certificate leaf, List<X509Certificate> intermediates, List<CertificateAuthority> cas,
      Instant at, String... fragments) {
    assertThatThrownBy(() -> CertificateChainVerifier.verify(leaf, intermediates, cas, at))
        .isInstanceOfSatisfying(VerificationException.class, e -> {
          assertThat(e.check()).isEqualTo(Check.CERTIFICATE_CHAIN);
          assertThat(e.getMessage()).startsWith("certificate chain: ").doesNotContain("\n");
          for (String f : fragments) {
            assertThat(e.getMessage()).contains(f);
          }
        });
  }

  @Test
  void leafThroughTheAuthoritysIntermediateToItsRoot() throws Exception {
    Issued leaf = TestPki.fulcioLeaf(intermediate, "alice@signet.test").build();
    VerifiedChain chain = CertificateChainVerifier.verifyPath(leaf.cert(), List.of(), List.of(ca), AT, CertificatePurpose.CODE_SIGNING);
    assertThat(chain.path()).containsExactly(leaf.cert(), intermediate.cert(), root.cert());
    assertThat(chain.authority()).isEqualTo(ca);
  }

  @Test
  void intermediateFromTheBundleCompletesThePath() throws Exception {
    Issued leaf = TestPki.fulcioLeaf(intermediate, "alice@signet.test").build();
    CertificateAuthority rootOnly = Trust.authority(Trust.always(), root);
    assertThat(CertificateChainVerifier.verify(leaf.cert(), List.of(intermediate.cert()), List.of(rootOnly), AT)).isEqualTo(rootOnly);
    rejects(leaf.cert(), List.of(), List.of(rootOnly), AT, "not signed by any CA in the trusted root valid at " + AT,
        "issuer O=signet.test,CN=intermediate is not in the chain");
  }

  @Test
  void secondAuthorityIsTriedWhenTheFirstFails() throws Exception {
    Issued otherRoot = TestPki.root("other");
    Issued leaf = TestPki.fulcioLeaf(intermediate, "alice@signet.test").build();
    CertificateAuthority other = Trust.authority(Trust.always(), otherRoot);
    assertThat(CertificateChainVerifier.verify(leaf.cert(), List.of(), List.of(other, ca), AT)).isEqualTo(ca);
  }

  @Test
  void validForEndIsInclusive() throws Exception {
    Issued leaf = TestPki.fulcioLeaf(intermediate, "alice@signet.test").build();
    CertificateAuthority closing = Trust.authority(Trust.window(T0, AT), intermediate, root);
    assertThat(CertificateChainVerifier.verify(leaf.cert(), List.of(), List.of(closing), AT)).isEqualTo(closing);
  }

  @Test
  void bringYourOwnCaFromPem() throws Exception {
    Issued leaf = TestPki.fulcioLeaf(intermediate, "alice@signet.test").build();
    List<CertificateAuthority> cas = CertificateAuthorities.fromPem(pem(root.cert()), pem(intermediate.cert()), "roots.pem");
    assertThat(cas).singleElement().satisfies(c -> assertThat(c.chain()).containsExactly(intermediate.cert(), root.cert()));
    assertThat(CertificateChainVerifier.verify(leaf.cert(), List.of(), cas, AT)).isEqualTo(cas.get(0));
    CertificateAuthority chain = CertificateAuthorities.fromChainPem(
        (new String(pem(intermediate.cert()), StandardCharsets.US_ASCII) + new String(pem(root.cert()), StandardCharsets.US_ASCII))
            .getBytes(StandardCharsets.US_ASCII), "chain.pem");
    assertThat(CertificateChainVerifier.verify(leaf.cert(), List.of(), List.of(chain), AT)).isEqualTo(chain);
    assertThatThrownBy(() -> CertificateAuthorities.fromPem("no pem here".getBytes(StandardCharsets.US_ASCII), null, "x.pem"))
        .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.check()).isEqualTo(Check.TRUST_ROOT))
        .hasMessage("trusted root: CA roots x.pem: no CERTIFICATE PEM block found");
    assertThatThrownBy(() -> CertificateAuthorities.fromPem(
        "-----BEGIN CERTIFICATE-----\nMAMCAQE=\n-----END CERTIFICATE-----\n".getBytes(StandardCharsets.US_ASCII), null, "bad.pem"))
        .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.check()).isEqualTo(Check.TRUST_ROOT))
        .hasMessageContaining("CA roots bad.pem: PEM certificate 1 does not parse");
  }

  @Test
  void rejectsLeafExpiredAtTheTime() {
    Issued leaf = TestPki.fulcioLeaf(intermediate, "alice@signet.test").build();
    Instant late = T0.plusSeconds(601);
    rejects(leaf.cert(), List.of(), List.of(ca), late, "leaf SAN alice@signet.test, serial", "expired before " + late);
  }

  @Test
  void rejectsLeafNotYetValid() {
    Issued leaf = TestPki.fulcioLeaf(intermediate, "alice@signet.test").build();
    rejects(leaf.cert(), List.of(), List.of(ca), T0.minusSeconds(1), "is not yet valid at " + T0.minusSeconds(1));
  }

  @Test
  void rejectsLeafWithoutEku() {
    Issued leaf = TestPki.cert().issuer(intermediate).keyUsage(KeyUsage.digitalSignature).sanEmail("a@signet.test")
        .validity(T0, T0.plusSeconds(600)).build();
    rejects(leaf.cert(), List.of(), List.of(ca), AT, "lacks the codeSigning extended key usage (1.3.6.1.5.5.7.3.3)");
  }

  @Test
  void rejectsLeafWithWrongEku() {
    Issued leaf = TestPki.fulcioLeaf(intermediate, "a@signet.test").eku(KeyPurposeId.id_kp_serverAuth).build();
    rejects(leaf.cert(), List.of(), List.of(ca), AT, "lacks the codeSigning extended key usage", "has [1.3.6.1.5.5.7.3.1]");
  }

  @Test
  void rejectsCaWithoutBasicConstraints() {
    Issued noBc = TestPki.cert().subject("CN=no-bc").issuer(root).keyUsage(KeyUsage.keyCertSign).build();
    Issued leaf = TestPki.fulcioLeaf(noBc, "a@signet.test").build();
    rejects(leaf.cert(), List.of(), List.of(Trust.authority(Trust.always(), noBc, root)), AT,
        "CA CN=no-bc", "is not a CA (basicConstraints CA:TRUE missing)");
  }

  @Test
  void rejectsIssuerWithCaFalse() {
    Issued notCa = TestPki.cert().subject("CN=not-ca").issuer(root).endEntityBasicConstraints().keyUsage(KeyUsage.keyCertSign).build();
    Issued leaf = TestPki.fulcioLeaf(notCa, "a@signet.test").build();
    rejects(leaf.cert(), List.of(notCa.cert()), List.of(Trust.authority(Trust.always(), root)), AT,
        "CA CN=not-ca", "is not a CA");
  }

  @Test
  void rejectsCaWithoutKeyCertSign() {
    Issued noSign = TestPki.cert().subject("CN=no-sign").issuer(root).ca(0).keyUsage(KeyUsage.digitalSignature).build();
    Issued leaf = TestPki.fulcioLeaf(noSign, "a@signet.test").build();
    rejects(leaf.cert(), List.of(), List.of(Trust.authority(Trust.always(), noSign, root)), AT, "key usage lacks keyCertSign");
  }

  @Test
  void rejectsIntermediateExpiredAtTheTime() {
    Issued old = TestPki.cert().subject("CN=old").issuer(root).ca(0).keyUsage(KeyUsage.keyCertSign)
        .validity(T0.minusSeconds(7200), T0.plusSeconds(30)).build();
    Issued leaf = TestPki.fulcioLeaf(old, "a@signet.test").build();
    rejects(leaf.cert(), List.of(), List.of(Trust.authority(Trust.always(), old, root)), AT, "CA CN=old", "expired before " + AT);
  }

  @Test
  void rejectsRootExpiredAtTheTime() {
    Issued shortRoot = TestPki.cert().subject("CN=short-root").ca(null).keyUsage(KeyUsage.keyCertSign)
        .validity(T0.minusSeconds(7200), T0.plusSeconds(30)).build();
    Issued leaf = TestPki.fulcioLeaf(shortRoot, "a@signet.test").build();
    rejects(leaf.cert(), List.of(), List.of(Trust.authority(Trust.always(), shortRoot)), AT, "CA CN=short-root", "expired before");
  }

  @Test
  void rejectsLeafSignedByAnotherKeyUnderTheSameName() {
    Issued impostor = TestPki.cert().subject("CN=intermediate,O=signet.test").issuer(root).ca(0).keyUsage(KeyUsage.keyCertSign).build();
    Issued leaf = TestPki.fulcioLeaf(impostor, "a@signet.test").build();
    rejects(leaf.cert(), List.of(), List.of(ca), AT,
        "not signed by any CA in the trusted root valid at " + AT,
        "leaf SAN a@signet.test", "signature does not verify with the key of O=signet.test,CN=intermediate");
  }

  @Test
  void rejectsLeafOfAnUnknownIssuer() {
    Issued leaf = TestPki.fulcioLeaf(TestPki.root("stranger"), "a@signet.test").build();
    rejects(leaf.cert(), List.of(), List.of(ca), AT, "issuer O=signet.test,CN=stranger is not in the chain");
  }

  @Test
  void rejectsWhenTheAuthoritysValidForExcludesTheTime() {
    Issued leaf = TestPki.fulcioLeaf(intermediate, "a@signet.test").build();
    CertificateAuthority later = Trust.authority(Trust.window(AT.plusSeconds(1), null), intermediate, root);
    CertificateAuthority ended = Trust.authority(Trust.window(T0.minusSeconds(10), AT.minusMillis(1)), intermediate, root);
    rejects(leaf.cert(), List.of(), List.of(later, ended), AT, "no certificate authority in the trusted root is valid at " + AT,
        "2 authorities");
  }

  @Test
  void rejectsPathLengthViolation() {
    Issued tightRoot = TestPki.cert().subject("CN=tight").ca(0).keyUsage(KeyUsage.keyCertSign)
        .validity(T0.minusSeconds(86400), T0.plusSeconds(86400)).build();
    Issued mid = TestPki.intermediate(tightRoot, "mid");
    Issued leaf = TestPki.fulcioLeaf(mid, "a@signet.test").build();
    rejects(leaf.cert(), List.of(), List.of(Trust.authority(Trust.always(), mid, tightRoot)), AT,
        "CA CN=tight", "path length constraint 0 but 1 CA certificates below it");
  }

  @Test
  void rejectsCaWhoseEkuExcludesCodeSigning() {
    Issued tlsCa = TestPki.cert().subject("CN=tls-ca").issuer(root).ca(0).keyUsage(KeyUsage.keyCertSign)
        .eku(KeyPurposeId.id_kp_serverAuth).build();
    Issued leaf = TestPki.fulcioLeaf(tlsCa, "a@signet.test").build();
    rejects(leaf.cert(), List.of(), List.of(Trust.authority(Trust.always(), tlsCa, root)), AT,
        "CA CN=tls-ca", "restricts extended key usage to [1.3.6.1.5.5.7.3.1] which excludes codeSigning");
    Issued signingCa = TestPki.cert().subject("CN=signing-ca").issuer(root).ca(0).keyUsage(KeyUsage.keyCertSign)
        .eku(KeyPurposeId.id_kp_codeSigning).build();
    Issued ok = TestPki.fulcioLeaf(signingCa, "a@signet.test").build();
    CertificateAuthority good = Trust.authority(Trust.always(), signingCa, root);
    try {
      assertThat(CertificateChainVerifier.verify(ok.cert(), List.of(), List.of(good), AT)).isEqualTo(good);
    } catch (VerificationException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void rejectsWithoutAnyAuthority() {
    Issued leaf = TestPki.fulcioLeaf(intermediate, "a@signet.test").build();
    rejects(leaf.cert(), List.of(), List.of(), AT, "no certificate authority in the trusted root is valid at", "(0 authorities)");
  }

  private static byte[] pem(X509Certificate c) throws Exception {
    return ("-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(c.getEncoded()) + "\n-----END CERTIFICATE-----\n").getBytes(StandardCharsets.US_ASCII);
  }
}
