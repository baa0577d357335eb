package dev.signet.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.bundle.SigstoreBundle;
import dev.signet.verify.internal.BasicIdentity;
import dev.signet.verify.root.TrustedRoot;
import dev.signet.verify.testkit.TestRoots;
import dev.signet.verify.testkit.Vectors;
import dev.signet.verify.tlog.WitnessPolicy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Keyless expectations of the sigstore-js mock MANIFEST rows and cosign's public-good bundle. */
class KeylessVectorsTest {
  private static final String ISSUER = "https://oidc.mock.local";

  static Stream<Arguments> passRows() {
    return Stream.of(
        Arguments.of("mock-keyless-uri", "bundle-blob-rekor-v1-notsa.json", "https://signer.example.com/ci", 0),
        Arguments.of("mock-keyless-uri", "bundle-blob-rekor-v1-tsa.json", "https://signer.example.com/ci", 1),
        Arguments.of("mock-keyless-email", "bundle-blob-rekor-v1-notsa.json", "signer@example.com", 0),
        Arguments.of("mock-keyless-email", "bundle-blob-rekor-v1-tsa.json", "signer@example.com", 1),
        Arguments.of("mock-keyless-email", "bundle-cli-attest.json", "signer@example.com", 1));
  }

  @ParameterizedTest(name = "{0}/{1}")
  @MethodSource("passRows")
  void passRowsVerifyAndFailForAnotherIdentityOrRoot(String folder, String file, String san, int tsa) throws Exception {
    Path dir = Vectors.dir("sigstore-js/" + folder);
    SigstoreVerifier verifier = new SigstoreVerifier(TestRoots.parse(Vectors.read(dir.resolve("trusted_root.json"))));
    SigstoreBundle bundle = SigstoreBundle.parse(Vectors.read(dir.resolve(file)));
    Artifact artifact = Artifact.of(Vectors.read(dir.resolve("artifact.txt")));
    VerificationPolicy policy = VerificationPolicy.forIdentity(BasicIdentity.exact(san, ISSUER));

    VerificationResult r = verifier.verify(bundle, artifact, policy);
    Signer.Certificate signer = (Signer.Certificate) r.signer();
    assertThat(signer.subjectAlternativeName()).isEqualTo(san);
    assertThat(signer.issuer()).isEqualTo(ISSUER);
    assertThat(r.logEntries()).hasSize(1);
    assertThat(r.timestampCount()).isEqualTo(tsa);
    assertThat(r.times()).hasSize(1 + tsa);
    assertThat(r.times().get(0).source()).isEqualTo(VerifiedTime.Source.TLOG_INTEGRATED_TIME);
    assertThat(r.sctCount()).isEqualTo(1);
    verifier.verify(bundle, Artifact.ofDigest(artifact.digestString()), policy);

    assertThatThrownBy(() -> verifier.verify(bundle, artifact, VerificationPolicy.forIdentity(
        BasicIdentity.exact("someone@example.com", ISSUER))))
        .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.check()).isEqualTo(Check.IDENTITY))
        .hasMessage("identity: certificate identity error - expected someone@example.com, got " + san);
    assertThatThrownBy(() -> verifier.verify(bundle, artifact, VerificationPolicy.forIdentity(
        BasicIdentity.exact(san, "https://accounts.example.com"))))
        .hasMessageContaining("certificate OIDC issuer error");
    String otherFolder = folder.endsWith("uri") ? "mock-keyless-email" : "mock-keyless-uri";
    TrustedRoot otherRoot = TestRoots.parse(Vectors.read(Vectors.dir("sigstore-js/" + otherFolder)
        .resolve("trusted_root.json")));
    assertThatThrownBy(() -> new SigstoreVerifier(otherRoot).verify(bundle, artifact, policy))
        .isInstanceOf(VerificationException.class);
    TrustedRoot pgi = TestRoots.parse(Vectors.read(Vectors.dir("cosign/bundles").resolve("trusted_root_pgi.json")));
    assertThatThrownBy(() -> new SigstoreVerifier(pgi).verify(bundle, artifact, policy))
        .isInstanceOf(VerificationException.class);
    assertThatThrownBy(() -> verifier.verify(bundle, Artifact.of("other".getBytes()), policy))
        .isInstanceOfSatisfying(VerificationException.class,
            e -> assertThat(e.check()).isIn(Check.TLOG_ENTRY, Check.ARTIFACT, Check.SIGNATURE));
  }

  @ParameterizedTest
  @MethodSource("folders")
  void mockRekorV2RowsFailOnTheInclusionProof(String folder, String san) throws Exception {
    Path dir = Vectors.dir("sigstore-js/" + folder);
    SigstoreVerifier verifier = new SigstoreVerifier(TestRoots.parse(Vectors.read(dir.resolve("trusted_root.json"))));
    SigstoreBundle bundle = SigstoreBundle.parse(Vectors.read(dir.resolve("bundle-blob-rekor-v2-tsa.json")));
    assertThatThrownBy(() -> verifier.verify(bundle, Artifact.of(Vectors.read(dir.resolve("artifact.txt"))),
        VerificationPolicy.forIdentity(BasicIdentity.exact(san, ISSUER))))
        .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.check()).isEqualTo(Check.INCLUSION_PROOF))
        .hasMessageContaining("invalid index");
  }

  static Stream<Arguments> folders() {
    return Stream.of(Arguments.of("mock-keyless-uri", "https://signer.example.com/ci"),
        Arguments.of("mock-keyless-email", "signer@example.com"));
  }

  @Test
  void mockDsseRowFailsOnBodyConsistency() throws Exception {
    Path dir = Vectors.dir("sigstore-js/mock-keyless-email");
    SigstoreVerifier verifier = new SigstoreVerifier(TestRoots.parse(Vectors.read(dir.resolve("trusted_root.json"))));
    SigstoreBundle bundle = SigstoreBundle.parse(Vectors.read(dir.resolve("bundle-dsse-rekor-v1-tsa.json")));
    assertThatThrownBy(() -> verifier.verify(bundle, Artifact.of(Vectors.read(dir.resolve("artifact.txt"))),
        VerificationPolicy.forIdentity(BasicIdentity.exact("signer@example.com", ISSUER))))
        .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.check()).isEqualTo(Check.TLOG_ENTRY))
        .hasMessageContaining("uncanonicalized proposed entry");
  }

  @Test
  void timestampOnlyRowNeedsTlogThresholdZero() throws Exception {
    Path dir = Vectors.dir("sigstore-js/mock-keyless-email");
    SigstoreVerifier verifier = new SigstoreVerifier(TestRoots.parse(Vectors.read(dir.resolve("trusted_root.json"))));
    SigstoreBundle bundle = SigstoreBundle.parse(Vectors.read(dir.resolve("bundle-blob-none-tsa.json")));
    Artifact artifact = Artifact.of(Vectors.read(dir.resolve("artifact.txt")));
    VerificationPolicy policy = VerificationPolicy.forIdentity(BasicIdentity.exact("signer@example.com", ISSUER));
    assertThatThrownBy(() -> verifier.verify(bundle, artifact, policy))
        .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.check()).isEqualTo(Check.THRESHOLD))
        .hasMessageContaining("expected 1 verified tlog entries, got 0");
    VerificationResult r = verifier.verify(bundle, artifact, policy.withTlogThreshold(0).usingSignedTimestamps());
    assertThat(r.times()).singleElement().satisfies(t ->
        assertThat(t.source()).isEqualTo(VerifiedTime.Source.TIMESTAMP_AUTHORITY));
  }

  @Test
  void signedTimestampsAndCertificateTimeRules() throws Exception {
    Path dir = Vectors.dir("sigstore-js/mock-keyless-uri");
    TrustedRoot root = TestRoots.parse(Vectors.read(dir.resolve("trusted_root.json")));
    SigstoreBundle bundle = SigstoreBundle.parse(Vectors.read(dir.resolve("bundle-blob-rekor-v1-notsa.json")));
    Artifact artifact = Artifact.of(Vectors.read(dir.resolve("artifact.txt")));
    VerificationPolicy policy = VerificationPolicy.forIdentity(BasicIdentity.exact("https://signer.example.com/ci",
        ISSUER));
    SigstoreVerifier verifier = new SigstoreVerifier(root);
    assertThatThrownBy(() -> verifier.verify(bundle, artifact, policy.usingSignedTimestamps()))
        .hasMessageContaining("expected 1 verified RFC 3161 timestamps, got 0");
    // without the log there is no verified time: the wall clock is never used unless asked for
    assertThatThrownBy(() -> verifier.verify(bundle, artifact, policy.ignoringTlog()))
        .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.check()).isEqualTo(Check.THRESHOLD))
        .hasMessageContaining("no verified timestamp");
    Clock during = Clock.fixed(Instant.parse("2026-11-26T13:55:00Z"), ZoneOffset.UTC);
    Clock after = Clock.fixed(Instant.parse("2026-11-26T14:05:00Z"), ZoneOffset.UTC);
    VerificationPolicy fallback = policy.ignoringTlog().withTimestampThreshold(0).withCurrentTimeFallback();
    new SigstoreVerifier(root, WitnessPolicy.none(), during).verify(bundle, artifact, fallback);
    assertThatThrownBy(() -> new SigstoreVerifier(root, WitnessPolicy.none(), after).verify(bundle, artifact, fallback))
        .isInstanceOfSatisfying(VerificationException.class,
            e -> assertThat(e.check()).isEqualTo(Check.CERTIFICATE_CHAIN));
    // the fallback is ignored when a verified time exists (the log's integrated time, inside the window)
    new SigstoreVerifier(root, WitnessPolicy.none(), after).verify(bundle, artifact, policy.withCurrentTimeFallback());
    assertThatThrownBy(() -> verifier.verify(bundle, artifact, policy.withSctThreshold(2)))
        .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.check()).isEqualTo(Check.SCT));
    verifier.verify(bundle, artifact, policy.withSctThreshold(2).ignoringSct());
  }

  @Test
  void publicGoodAttestationVerifiesOffline() throws Exception {
    Path dir = Vectors.dir("cosign/bundles");
    SigstoreVerifier verifier = new SigstoreVerifier(TestRoots.parse(Vectors.read(dir.resolve("trusted_root_pgi.json"))));
    SigstoreBundle bundle = SigstoreBundle.parse(Vectors.read(dir.resolve("oci-attestation.sigstore.json")));
    Artifact image = Artifact.ofDigest("sha256:732112270d7e59418a8c080b134b24cabd67d250d0d0147a97ed95ba5c280aa4");
    VerificationPolicy policy = VerificationPolicy.forIdentity(BasicIdentity.exact("cody@soyland.com",
        "https://github.com/login/oauth"));
    VerificationResult r = verifier.verify(bundle, image, policy);
    assertThat(r.times()).singleElement().satisfies(t -> {
      assertThat(t.time()).isEqualTo(Instant.ofEpochSecond(1740770291L));
      assertThat(t.authority()).isEqualTo("https://rekor.sigstore.dev");
    });
    assertThat(r.logEntries().get(0).logIndex()).isEqualTo(175508996L);
    assertThat(((Signer.Certificate) r.signer()).authority().uri()).isEqualTo("https://fulcio.sigstore.dev");
    verifier.verify(bundle, image, VerificationPolicy.forIdentity(BasicIdentity.regex(".*", ".*"))
        .expectingPredicateType("https://cosign.sigstore.dev/attestation/v1"));
    assertThatThrownBy(() -> verifier.verify(bundle, Artifact.ofDigest("sha256:" + "1".repeat(64)), policy))
        .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.check()).isEqualTo(Check.ARTIFACT))
        .hasMessageContaining("no matching subject digest found");
    assertThatThrownBy(() -> verifier.verify(bundle, image, VerificationPolicy.forIdentity(
        BasicIdentity.exact("someone@else.com", "https://github.com/login/oauth"))))
        .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.check()).isEqualTo(Check.IDENTITY));
  }
}
