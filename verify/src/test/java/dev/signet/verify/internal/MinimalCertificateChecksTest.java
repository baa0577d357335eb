package dev.signet.verify.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.crypto.keys.PublicKeys;
import dev.signet.verify.Check;
import dev.signet.verify.VerificationException;
import dev.signet.verify.root.TransparencyLog;
import dev.signet.verify.root.TrustedRoot;
import dev.signet.verify.root.ValidityWindow;
import dev.signet.verify.testkit.ReferenceMerkle;
import dev.signet.verify.testkit.TestRoots;
import dev.signet.verify.testkit.Vectors;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The built-in stand-ins for the x509 package, on cosign's and sigstore-js's vectors. */
class MinimalCertificateChecksTest {
  private final CertificateChecks checks = CertificateChecks.builtIn();

  @Test
  void embeddedSctOfCosignsVectorVerifiesWithItsCtLogOnly() throws Exception {
    Path dir = Vectors.dir("cosign/sct");
    X509Certificate leaf = pem(dir.resolve("embedded-sct-leaf.pem"));
    X509Certificate issuer = pem(dir.resolve("issuer-root.pem"));
    PublicKey ct = PublicKeys.parse(Vectors.read(dir.resolve("ctlog.pub")), "ctlog.pub");
    TransparencyLog log = new TransparencyLog("https://ctfe.example", ReferenceMerkle.sha256(ct.getEncoded()), ct,
        "PKIX_ECDSA_P256_SHA_256", ValidityWindow.from(Instant.parse("2023-01-01T00:00:00Z")));
    assertThat(checks.verifyScts(leaf, issuer, List.of(log), 1)).isEqualTo(1);
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    PublicKey random = g.generateKeyPair().getPublic();
    TransparencyLog impostor = new TransparencyLog("https://ctfe.example", log.logId(), random,
        "PKIX_ECDSA_P256_SHA_256", log.validFor());
    assertThatThrownBy(() -> checks.verifyScts(leaf, issuer, List.of(impostor), 1))
        .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.check()).isEqualTo(Check.SCT))
        .hasMessageContaining("0 of 1 embedded SCTs verified, 1 required: SCT signature does not verify");
    TransparencyLog later = new TransparencyLog("https://ctfe.example", log.logId(), ct, "PKIX_ECDSA_P256_SHA_256",
        ValidityWindow.from(Instant.parse("2024-01-01T00:00:00Z")));
    assertThatThrownBy(() -> checks.verifyScts(leaf, issuer, List.of(later), 1)).hasMessageContaining("outside the"
        + " validity of CT log");
    assertThatThrownBy(() -> checks.verifyScts(leaf, issuer, List.of(), 1)).hasMessageContaining("is not a CT log of"
        + " the trusted root");
    // the signature covers the issuer key hash: another issuer fails
    assertThatThrownBy(() -> checks.verifyScts(leaf, leaf, List.of(log), 1)).hasMessageContaining("SCT signature");
  }

  @Test
  void fulcio2021LeafChainsToThe2021RootAtItsSigningTimeOnly() throws Exception {
    TrustedRoot pgi = TestRoots.parse(Vectors.read(Vectors.dir("cosign/bundles").resolve("trusted_root_pgi.json")));
    X509Certificate leaf = pem(Vectors.dir("cosign/spec-examples").resolve("fulcio-2021-leaf.pem"));
    var ca = checks.verifyChain(leaf, List.of(), pgi.certificateAuthorities(), Instant.parse("2021-04-01T16:05:00Z"));
    assertThat(ca.validFor().end()).contains(Instant.parse("2022-12-31T23:59:59.999Z"));
    assertThatThrownBy(() -> checks.verifyChain(leaf, List.of(), pgi.certificateAuthorities(),
        Instant.parse("2021-04-01T16:30:00Z")))
        .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.check()).isEqualTo(Check.CERTIFICATE_CHAIN))
        .hasMessageContaining("does not chain to a certificate authority of the trusted root at 2021-04-01T16:30:00Z");
    assertThatThrownBy(() -> checks.verifyChain(leaf, List.of(), pgi.certificateAuthorities(),
        Instant.parse("2021-03-01T00:00:00Z"))).hasMessageContaining("no certificate authority valid at");
  }

  @Test
  void rfc3161TimestampsOfTheMockBundles() throws Exception {
    Path uri = Vectors.dir("sigstore-js/mock-keyless-uri");
    TrustedRoot root = TestRoots.parse(Vectors.read(uri.resolve("trusted_root.json")));
    JsonNode tsa = new ObjectMapper().readTree(Vectors.read(uri.resolve("bundle-blob-rekor-v1-tsa.json")));
    byte[] token = Base64.getDecoder().decode(tsa.at("/verificationMaterial/timestampVerificationData"
        + "/rfc3161Timestamps/0/signedTimestamp").asText());
    byte[] signature = Base64.getDecoder().decode(tsa.at("/messageSignature/signature").asText());
    Instant t = checks.verifyTimestamp(token, signature, root.timestampAuthorities());
    assertThat(t).isBetween(Instant.parse("2026-11-26T13:00:00Z"), Instant.parse("2026-11-26T15:00:00Z"));
    byte[] other = signature.clone();
    other[10] ^= 1;
    assertThatThrownBy(() -> checks.verifyTimestamp(token, other, root.timestampAuthorities()))
        .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.check()).isEqualTo(Check.TIMESTAMP))
        .hasMessage("timestamp: the timestamp's message imprint is not the hash of the signature");
    TrustedRoot email = TestRoots.parse(Vectors.read(Vectors.dir("sigstore-js/mock-keyless-email")
        .resolve("trusted_root.json")));
    assertThatThrownBy(() -> checks.verifyTimestamp(token, signature, email.timestampAuthorities()))
        .hasMessageContaining("does not verify against the trusted root's timestamp authorities");
    assertThatThrownBy(() -> checks.verifyTimestamp("junk".getBytes(StandardCharsets.US_ASCII), signature,
        root.timestampAuthorities())).hasMessageContaining("neither a TimeStampResp nor a TimeStampToken");
    // GeneralizedTime with a two-digit fraction (sigstore-js rejects it as "invalid time") is well-formed DER
    JsonNode v2 = new ObjectMapper().readTree(Vectors.read(uri.resolve("bundle-blob-rekor-v2-tsa.json")));
    Instant two = checks.verifyTimestamp(Base64.getDecoder().decode(v2.at("/verificationMaterial"
            + "/timestampVerificationData/rfc3161Timestamps/0/signedTimestamp").asText()),
        Base64.getDecoder().decode(v2.at("/messageSignature/signature").asText()), root.timestampAuthorities());
    assertThat(two).isEqualTo(Instant.parse("2026-11-26T13:52:28.040Z"));
  }

  @Test
  void schemeLessUriSanIsReadNotRejected() throws Exception {
    JsonNode b = new ObjectMapper().readTree(Vectors.read(Vectors.dir("sigstore-js/mock-keyless-email")
        .resolve("bundle-blob-rekor-v1-notsa.json")));
    X509Certificate leaf = Certificates.parse(Base64.getDecoder().decode(
        b.at("/verificationMaterial/x509CertificateChain/certificates/0/rawBytes").asText()), "leaf");
    assertThat(BasicIdentity.subjectAlternativeName(leaf)).isEqualTo("signer@example.com");
    assertThat(BasicIdentity.issuer(leaf)).isEqualTo("https://oidc.mock.local");
    BasicIdentity.regex("signer@.*", "https://oidc\\.mock\\.local").check(leaf);
    assertThatThrownBy(() -> BasicIdentity.regex("https://.*", ".*").check(leaf))
        .hasMessage("identity: certificate identity error - expected /https://.*/, got signer@example.com");
  }

  private static X509Certificate pem(Path p) throws Exception {
    return Certificates.parsePem(new String(Vectors.read(p), StandardCharsets.US_ASCII), p.getFileName().toString())
        .get(0);
  }
}
