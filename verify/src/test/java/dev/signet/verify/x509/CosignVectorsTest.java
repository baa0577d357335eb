package dev.signet.verify.x509;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.crypto.keys.PublicKeys;
import dev.signet.testing.sigstore.TestPki;
import dev.signet.verify.Check;
import dev.signet.verify.VerificationException;
import dev.signet.verify.root.CertificateAuthority;
import dev.signet.verify.root.TransparencyLog;
import dev.signet.verify.root.TrustedRoot;
import dev.signet.verify.root.TrustedRootParser;
import dev.signet.verify.root.ValidityWindow;
import dev.signet.verify.testkit.Vectors;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** cosign's sct/, bundles/ (public-good root, a real Fulcio certificate) and spec-examples/ vectors. */
class CosignVectorsTest {

  private static TrustedRoot pgi() throws Exception {
    return TrustedRootParser.parse(Vectors.bytes("cosign/bundles/trusted_root_pgi.json"));
  }

  private static TransparencyLog ctlog(PublicKey key) {
    return new TransparencyLog("https://ctfe.test", TestPki.sha256(key.getEncoded()), key, "PKIX_ECDSA_P256_SHA_256",
        ValidityWindow.from(Instant.EPOCH));
  }

  @Test
  void embeddedSctLeafVerifiesWithItsCtLogAndIssuer() throws Exception {
    X509Certificate leaf = Vectors.pem("cosign/sct/embedded-sct-leaf.pem");
    X509Certificate root = Vectors.pem("cosign/sct/issuer-root.pem");
    TransparencyLog ct = ctlog(PublicKeys.parse(Vectors.bytes("cosign/sct/ctlog.pub"), "ctlog.pub"));
    assertThat(SctVerifier.verify(leaf, root, List.of(ct), 1)).isEqualTo(1);

    assertThatThrownBy(() -> SctVerifier.verify(leaf, null, List.of(ct), 1))
        .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.check()).isEqualTo(Check.SCT))
        .hasMessageContaining("the issuer certificate is needed");
    TransparencyLog other = ctlog(TestPki.ecKey().getPublic());
    assertThatThrownBy(() -> SctVerifier.verify(leaf, root, List.of(other), 1))
        .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.check()).isEqualTo(Check.SCT))
        .hasMessageContaining("0 of 1 embedded SCTs verified, need 1: no CT log key with id " + ct.logIdHex());
    // the right key id but a different key: the signature cannot verify
    TransparencyLog impostor = new TransparencyLog("https://ctfe.test", ct.logId(), other.key(), "PKIX_ECDSA_P256_SHA_256",
        ValidityWindow.from(Instant.EPOCH));
    assertThatThrownBy(() -> SctVerifier.verify(leaf, root, List.of(impostor), 1))
        .hasMessageContaining("signature of the SCT from CT log https://ctfe.test (" + ct.logIdHex() + ") does not verify");
  }

  @Test
  void embeddedSctLeafChainsToItsRootAsBringYourOwnCa() throws Exception {
    X509Certificate leaf = Vectors.pem("cosign/sct/embedded-sct-leaf.pem");
    List<CertificateAuthority> cas = CertificateAuthorities.fromPem(Vectors.bytes("cosign/sct/issuer-root.pem"), null, "issuer-root.pem");
    Instant t = Instant.parse("2023-02-01T00:05:00Z");
    assertThat(CertificateChainVerifier.verify(leaf, List.of(), cas, t)).isEqualTo(cas.get(0));
    assertThatThrownBy(() -> CertificateChainVerifier.verify(leaf, List.of(), cas, Instant.parse("2023-02-01T00:10:01Z")))
        .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.check()).isEqualTo(Check.CERTIFICATE_CHAIN))
        .hasMessageContaining("expired before 2023-02-01T00:10:01Z");
    FulcioIdentity id = FulcioIdentity.of(leaf);
    String san = "https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/"
        + "extremely-dangerous-oidc-beacon.yml@refs/heads/main";
    assertThat(id.sans().uris()).containsExactly(san);
    assertThat(id.issuer()).isEqualTo("https://token.actions.githubusercontent.com");
    IdentityPolicy.of(IdentityPolicy.Identity.regexp("^https://github\\.com/sigstore-conformance/", "^https://token\\.actions\\.")).check(id);
  }

  @Test
  void publicGoodAttestationCertificate() throws Exception {
    JsonNode b = new ObjectMapper().readTree(Vectors.bytes("cosign/bundles/oci-attestation.sigstore.json"));
    X509Certificate leaf = Vectors.der(Vectors.b64(b.at("/verificationMaterial/certificate/rawBytes").asText()));
    Instant t = Instant.ofEpochSecond(b.at("/verificationMaterial/tlogEntries/0/integratedTime").asLong());
    TrustedRoot pgi = pgi();
    VerifiedChain chain = CertificateChainVerifier.verifyPath(leaf, List.of(), pgi.certificateAuthorities(), t,
        CertificatePurpose.CODE_SIGNING);
    assertThat(chain.authority()).isEqualTo(pgi.certificateAuthorities().get(1));
    assertThat(chain.path()).hasSize(3);
    assertThat(chain.issuer().getSubjectX500Principal().getName()).isEqualTo("CN=sigstore-intermediate,O=sigstore.dev");
    assertThat(SctVerifier.verify(leaf, chain.issuer(), pgi.ctlogs(), 1)).isEqualTo(1);
    // the SCT is the 2022 log's: drop it and none verify
    assertThatThrownBy(() -> SctVerifier.verify(leaf, chain.issuer(), pgi.ctlogs().subList(0, 1), 1))
        .hasMessageContaining("no CT log key with id " + pgi.ctlogs().get(1).logIdHex());

    FulcioIdentity id = FulcioIdentity.of(leaf);
    assertThat(id.sans().emails()).containsExactly("cody@soyland.com");
    assertThat(id.issuer()).isEqualTo("https://github.com/login/oauth");
    IdentityPolicy.of(IdentityPolicy.Identity.exact("cody@soyland.com", "https://github.com/login/oauth")).check(id);
    IdentityPolicy.of(IdentityPolicy.Identity.regexp(".*", ".*")).check(id);
    assertThatThrownBy(() -> IdentityPolicy.of(IdentityPolicy.Identity.exact("alice@example.com", "https://github.com/login/oauth")).check(id))
        .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.check()).isEqualTo(Check.IDENTITY))
        .hasMessage("identity: subject cody@soyland.com is not alice@example.com");

    // the 2022 CA's validFor starts 2022-04-13; the 2021 CA is a different key
    Instant before = Instant.parse("2022-04-13T20:06:14Z");
    CertificateAuthority ca2022 = pgi.certificateAuthorities().get(1);
    assertThat(ca2022.validFor().contains(before)).isFalse();
  }

  @Test
  void fulcio2021LeafChainsToThe2021RootAndHasNoSct() throws Exception {
    X509Certificate leaf = Vectors.pem("cosign/spec-examples/fulcio-2021-leaf.pem");
    TrustedRoot pgi = pgi();
    Instant t = Instant.parse("2021-04-01T16:00:00Z");
    assertThat(CertificateChainVerifier.verify(leaf, List.of(), pgi.certificateAuthorities(), t))
        .isEqualTo(pgi.certificateAuthorities().get(0));
    X509Certificate root2021 = pgi.certificateAuthorities().get(0).root();
    assertThat(SctVerifier.verify(leaf, root2021, pgi.ctlogs(), 0)).isZero();
    assertThatThrownBy(() -> SctVerifier.verify(leaf, root2021, pgi.ctlogs(), 1))
        .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.check()).isEqualTo(Check.SCT))
        .hasMessageContaining("has no embedded SCT list (extension 1.3.6.1.4.1.11129.2.4.2), need 1");
    assertThat(FulcioIdentity.of(leaf).sans().emails()).containsExactly("dlorenc@google.com");
    // the 2022 CA alone: not valid in 2021
    assertThatThrownBy(() -> CertificateChainVerifier.verify(leaf, List.of(), pgi.certificateAuthorities().subList(1, 2), t))
        .hasMessageContaining("no certificate authority in the trusted root is valid at 2021-04-01T16:00:00Z");
  }

  @Test
  void legacyRekorBundleCertificateChainsAtItsIntegratedTime() throws Exception {
    ObjectMapper json = new ObjectMapper();
    JsonNode bundle = json.readTree(Vectors.bytes("cosign/spec-examples/legacy-rekor-bundle.json"));
    JsonNode body = json.readTree(Vectors.b64(bundle.at("/Payload/body").asText()));
    List<X509Certificate> certs = Certificates.fromPem(Vectors.b64(body.at("/spec/signature/publicKey/content").asText()), "body");
    Instant t = Instant.ofEpochSecond(bundle.at("/Payload/integratedTime").asLong());
    TrustedRoot pgi = pgi();
    assertThat(CertificateChainVerifier.verify(certs.get(0), List.of(), pgi.certificateAuthorities(), t))
        .isEqualTo(pgi.certificateAuthorities().get(0));
    assertThat(FulcioIdentity.of(certs.get(0)).sans().emails()).containsExactly("priyawadhwa@google.com");
  }
}
