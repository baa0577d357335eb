package dev.signet.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.bundle.SigstoreBundle;
import dev.signet.oci.Digest;
import dev.signet.oci.MediaTypes;
import dev.signet.payload.InTotoStatement;
import dev.signet.testing.oracle.OracleRequest;
import dev.signet.testing.oracle.OracleResult;
import dev.signet.testing.oracle.SigstoreVerifyOracle;
import dev.signet.testing.sigstore.FakeSigstore;
import dev.signet.testing.sigstore.KeylessSignature;
import dev.signet.verify.root.TrustedRoot;
import dev.signet.verify.root.TrustedRootParser;
import dev.signet.verify.x509.IdentityPolicy.Identity;
import dev.signet.verify.x509.IdentityPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The keyless generator of the testing module ({@link FakeSigstore}) makes signatures that the engine
 * and @sigstore/verify accept for the issued identity and both reject for another identity or another
 * deployment's trusted root.
 */
class FakeSigstoreTest {
  private static final Instant T = Instant.parse("2026-03-01T12:00:00Z");
  private static final Digest IMAGE = new Digest("sha256", "ab".repeat(32));
  private static final String ALICE = "alice@signet.test";
  private static final String WORKFLOW = "https://github.com/org/repo/.github/workflows/release.yml@refs/heads/main";
  private static final String ACTIONS = "https://token.actions.githubusercontent.com";

  private static VerificationPolicy identity(String subject, String issuer) {
    return VerificationPolicy.forIdentity(IdentityPolicy.of(Identity.exact(subject, issuer)));
  }

  @Test
  void engineAcceptsEveryFormWithTimestampsAndRejectsOtherIdentitiesAndRoots() throws Exception {
    FakeSigstore sigstore = FakeSigstore.withTimestampAuthority(T);
    TrustedRoot root = TrustedRootParser.parse(sigstore.trustedRootJson());
    SigstoreVerifier verifier = new SigstoreVerifier(root);
    byte[] blob = "release.tar.gz".getBytes(StandardCharsets.UTF_8);

    KeylessSignature s = sigstore.signBlob(blob, ALICE);
    VerificationResult r = verifier.verify(SigstoreBundle.parse(s.bundleJson()), Artifact.of(blob),
        identity(ALICE, FakeSigstore.DEFAULT_ISSUER).usingSignedTimestamps());
    assertThat(r.sctCount()).isEqualTo(1);
    assertThat(r.timestampCount()).isEqualTo(1);
    assertThat(r.times()).extracting(VerifiedTime::time).containsExactly(T.plusSeconds(1), T.plusSeconds(2));
    Signer.Certificate signer = (Signer.Certificate) r.signer();
    assertThat(signer.identity().subjectAlternativeNames()).containsExactly(ALICE);
    assertThat(signer.authority().uri()).isEqualTo(FakeSigstore.FULCIO_URL);
    LegacySignature legacy = LegacySignature.fromAnnotations(s.payload(), s.legacyAnnotations());
    assertThat(verifier.verify(legacy, Artifact.of(blob), identity(ALICE, FakeSigstore.DEFAULT_ISSUER))
        .timestampCount()).isEqualTo(1);

    KeylessSignature image = sigstore.signImage("registry.test/app", IMAGE, Map.of("env", "prod"), WORKFLOW, ACTIONS);
    LegacySignature sig = LegacySignature.fromAnnotations(image.payload(), image.legacyAnnotations());
    verifier.verify(sig, Artifact.ofDigest(IMAGE.toString()), identity(WORKFLOW, ACTIONS)
        .withAnnotations(Map.of("env", "prod")));
    assertThatThrownBy(() -> verifier.verify(sig, Artifact.ofDigest("sha256:" + "cd".repeat(32)),
        identity(WORKFLOW, ACTIONS))).isInstanceOfSatisfying(VerificationException.class,
            e -> assertThat(e.check()).isEqualTo(Check.ARTIFACT));

    KeylessSignature dsse = sigstore.signImageDsse(IMAGE, Map.of(), ALICE, FakeSigstore.DEFAULT_ISSUER);
    SigstoreBundle bundle = SigstoreBundle.parse(dsse.bundleJson());
    assertThat(verifier.verify(bundle, Artifact.ofDigest(IMAGE.toString()), identity(ALICE,
        FakeSigstore.DEFAULT_ISSUER).expectingPredicateType(InTotoStatement.COSIGN_SIGN_PREDICATE)).payload())
        .isEqualTo(dsse.payload());
    assertThatThrownBy(() -> verifier.verify(bundle, Artifact.ofDigest(IMAGE.toString()),
        identity("mallory@signet.test", FakeSigstore.DEFAULT_ISSUER)))
        .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.check()).isEqualTo(Check.IDENTITY));
    TrustedRoot other = TrustedRootParser.parse(FakeSigstore.withTimestampAuthority(T).trustedRootJson());
    assertThatThrownBy(() -> new SigstoreVerifier(other).verify(bundle, Artifact.ofDigest(IMAGE.toString()),
        identity(ALICE, FakeSigstore.DEFAULT_ISSUER))).isInstanceOf(VerificationException.class);
  }

  @Test
  void keylessLegacyAttestationLayersVerifyAsCandidatesAndOnlyForTheirSubject() throws Exception {
    FakeSigstore sigstore = FakeSigstore.withTimestampAuthority(T);
    SigstoreVerifier verifier = new SigstoreVerifier(TrustedRootParser.parse(sigstore.trustedRootJson()));
    KeylessSignature dsse = sigstore.signImageDsse(IMAGE, Map.of(), ALICE, FakeSigstore.DEFAULT_ISSUER);
    LegacyAttestation att = LegacyAttestation.fromAnnotations(dsse.legacyEnvelopeJson(MediaTypes.IN_TOTO),
        dsse.legacyAnnotations());
    // an IdentityPolicy is itself the engine's certificate identity check
    VerificationPolicy policy = VerificationPolicy.forIdentity((CertificateIdentityCheck) IdentityPolicy.of(
        Identity.exact(ALICE, FakeSigstore.DEFAULT_ISSUER))).usingSignedTimestamps();

    VerificationResult r = verifier.verify(new Candidate.LegacyAttestation("layer 0", att),
        Artifact.ofDigest(IMAGE.toString()), policy);
    assertThat(r.payloadType()).contains(MediaTypes.IN_TOTO);
    assertThat(r.payload()).isEqualTo(dsse.payload());
    assertThat(r.timestampCount()).isEqualTo(1);
    assertThat(r.logEntries()).hasSize(1);
    assertThat(((Signer.Certificate) r.signer()).identity().subjectAlternativeNames()).containsExactly(ALICE);
    assertThatThrownBy(() -> verifier.verify(att, Artifact.ofDigest("sha256:" + "cd".repeat(32)), policy))
        .hasMessage("artifact: legacy attestation: no matching subject digest found for sha256:" + "cd".repeat(32));
    assertThatThrownBy(() -> verifier.verify(att, Artifact.ofDigest(IMAGE.toString()),
        identity("mallory@signet.test", FakeSigstore.DEFAULT_ISSUER)))
        .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.check()).isEqualTo(Check.IDENTITY));
    // the same layer read the old way (a .sig layer with an empty signature) verifies alike
    LegacySignature asSig = LegacySignature.fromAnnotations(dsse.legacyEnvelopeJson(MediaTypes.IN_TOTO),
        dsse.legacyAnnotations());
    assertThat(verifier.verify(asSig, Artifact.ofDigest(IMAGE.toString()), policy).payload())
        .isEqualTo(dsse.payload());
    assertThatThrownBy(() -> verifier.verify(LegacyAttestation.of("not json".getBytes(StandardCharsets.UTF_8)),
        Artifact.ofDigest(IMAGE.toString()), policy))
        .hasMessageStartingWith("format: legacy attestation: the layer is not a DSSE envelope");
  }

  @Test
  void ignoringTimestampsLetsARootWithoutTimestampAuthoritiesVerifyATimestampedSignature() throws Exception {
    FakeSigstore sigstore = FakeSigstore.withTimestampAuthority(T);
    TrustedRoot full = TrustedRootParser.parse(sigstore.trustedRootJson());
    TrustedRoot noTsa = new TrustedRoot(full.mediaType(), full.tlogs(), full.certificateAuthorities(), full.ctlogs(),
        List.of());
    byte[] blob = "timestamped".getBytes(StandardCharsets.UTF_8);
    KeylessSignature s = sigstore.signBlob(blob, ALICE);
    LegacySignature legacy = LegacySignature.fromAnnotations(s.payload(), s.legacyAnnotations());
    assertThat(legacy.rfc3161Token()).isPresent();
    VerificationPolicy policy = identity(ALICE, FakeSigstore.DEFAULT_ISSUER);
    SigstoreVerifier verifier = new SigstoreVerifier(noTsa);

    assertThatThrownBy(() -> verifier.verify(legacy, Artifact.of(blob), policy))
        .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.check()).isEqualTo(Check.TIMESTAMP))
        .hasMessageContaining("the trusted root has no timestamp authority");
    VerificationResult r = verifier.verify(legacy, Artifact.of(blob), policy.ignoringTimestamps());
    assertThat(r.timestampCount()).isZero();
    assertThat(r.times()).extracting(VerifiedTime::source).containsExactly(VerifiedTime.Source.TLOG_INTEGRATED_TIME);
    // without the log entry nothing is left to check the certificate at
    assertThatThrownBy(() -> verifier.verify(legacy, Artifact.of(blob), policy.ignoringTimestamps().ignoringTlog()))
        .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.check()).isEqualTo(Check.THRESHOLD));
    assertThatThrownBy(() -> policy.ignoringTimestamps().usingSignedTimestamps())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot ignore RFC 3161 timestamps");
    assertThat(policy.usingSignedTimestamps().ignoringTimestamps().signedTimestampThreshold()).isZero();
  }

  @Test
  void sigstoreVerifyAgreesOnBundlesWithAndWithoutTimestamps(@TempDir Path dir) throws Exception {
    SigstoreVerifyOracle oracle = SigstoreVerifyOracle.locate().assumeAvailable();
    FakeSigstore plain = FakeSigstore.create(T);
    FakeSigstore timestamped = FakeSigstore.withTimestampAuthority(T);
    byte[] blob = "oracle blob".getBytes(StandardCharsets.UTF_8);
    Digest blobDigest = Digest.sha256(blob);
    record Case(String name, KeylessSignature s, Path root, String subject, String issuer, Digest digest,
        boolean expected) {}
    Path plainRoot = Files.write(dir.resolve("plain-root.json"), plain.trustedRootJson());
    Path tsRoot = Files.write(dir.resolve("ts-root.json"), timestamped.trustedRootJson());
    KeylessSignature blobSig = plain.signBlob(blob, ALICE);
    KeylessSignature imageSig = timestamped.signImageDsse(IMAGE, Map.of(), WORKFLOW, ACTIONS);
    KeylessSignature tsBlob = timestamped.signBlob(blob, WORKFLOW, ACTIONS);
    List<Case> cases = List.of(
        new Case("blob", blobSig, plainRoot, ALICE, FakeSigstore.DEFAULT_ISSUER, blobDigest, true),
        new Case("blob, other subject", blobSig, plainRoot, "bob@signet.test", FakeSigstore.DEFAULT_ISSUER,
            blobDigest, false),
        new Case("blob, other root", blobSig, tsRoot, ALICE, FakeSigstore.DEFAULT_ISSUER, blobDigest, false),
        new Case("dsse image", imageSig, tsRoot, WORKFLOW, ACTIONS, IMAGE, true),
        new Case("dsse image, other issuer", imageSig, tsRoot, WORKFLOW, FakeSigstore.DEFAULT_ISSUER, IMAGE, false),
        new Case("dsse image, other digest", imageSig, tsRoot, WORKFLOW, ACTIONS, blobDigest, false),
        new Case("timestamped blob", tsBlob, tsRoot, WORKFLOW, ACTIONS, blobDigest, true));
    List<OracleRequest> requests = new java.util.ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      Case c = cases.get(i);
      Path bundle = Files.write(dir.resolve("bundle-" + i + ".json"), c.s().bundleJson());
      requests.add(OracleRequest.keyless(bundle, c.root(), c.subject(), c.issuer(), c.digest()));
    }
    List<OracleResult> results = oracle.verifyAll(requests);
    for (int i = 0; i < cases.size(); i++) {
      Case c = cases.get(i);
      boolean engine;
      try {
        new SigstoreVerifier(TrustedRootParser.parse(Files.readAllBytes(c.root()))).verify(
            SigstoreBundle.parse(c.s().bundleJson()), Artifact.ofDigest(c.digest().toString()),
            identity(c.subject(), c.issuer()));
        engine = true;
      } catch (VerificationException e) {
        engine = false;
      }
      assertThat(results.get(i).ok()).as("@sigstore/verify on %s: %s", c.name(), results.get(i)).isEqualTo(c.expected());
      assertThat(engine).as("engine on " + c.name()).isEqualTo(c.expected());
    }
  }
}
