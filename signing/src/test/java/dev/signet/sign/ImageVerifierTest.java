package dev.signet.sign;

import static dev.signet.sign.SigningFixtures.annotations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.signet.crypto.Signers;
import dev.signet.crypto.keys.KeyGenerator;
import dev.signet.oci.reference.Repository;
import dev.signet.payload.InTotoStatement;
import dev.signet.registry.client.RetryPolicy;
import dev.signet.testing.registry.DockerRegistryExtension;
import dev.signet.testing.registry.DockerRegistryPeer;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Sign with {@link ImageSigner}, verify with {@link ImageVerifier}, against docker-registry 2.8 (no referrers API). */
@ExtendWith(DockerRegistryExtension.class)
class ImageVerifierTest {
  @TempDir Path tmp;
  private SigningFixtures fx;
  private ImageVerifier verifier;

  @BeforeEach
  void setUp(DockerRegistryPeer registry) {
    fx = new SigningFixtures(registry, tmp);
    verifier = new ImageVerifier(fx.client());
  }

  @Test
  void bundleSignatureVerifiesByTagAndByDigest() throws Exception {
    SigningFixtures.Pushed img = fx.push("verify/bundle", "v1");
    fx.sign(img.tagRef(), SignatureFormat.BUNDLE);

    VerificationReport byTag = verifier.verify(img.tagRef(), fx.policy());
    assertThat(byTag.digest()).isEqualTo(img.digest());
    assertThat(byTag.bundlesVerified()).isTrue();
    assertThat(byTag.signatures()).singleElement().satisfies(s -> {
      assertThat(s.format()).isEqualTo(SignatureFormat.BUNDLE);
      assertThat(s.dockerReference()).isEqualTo(img.tagRef().name()); // cosign: ref.Name(), tag included
      assertThat(s.digest()).isEqualTo(img.digest().toString());
      assertThat(s.type()).isEqualTo(InTotoStatement.COSIGN_SIGN_PREDICATE);
      assertThat(s.optional()).isEmpty();
    });

    VerificationReport byDigest = verifier.verify(img.byDigest(), fx.policy());
    assertThat(byDigest.signatures().get(0).dockerReference()).isEqualTo(img.byDigest().name());
  }

  @Test
  void legacySignatureVerifiesWithThePayloadAsSigned() throws Exception {
    SigningFixtures.Pushed img = fx.push("verify/legacy", "v1");
    SignResult signed = fx.sign(img.tagRef(), SignatureFormat.LEGACY);

    VerificationReport report = verifier.verify(img.tagRef(), fx.policy());
    assertThat(report.bundlesVerified()).isFalse();
    assertThat(report.format()).isEqualTo(SignatureFormat.LEGACY);
    assertThat(report.signatures()).singleElement().satisfies(s -> {
      assertThat(s.dockerReference()).isEqualTo(img.repository().name()); // the payload's, no tag
      assertThat(s.digest()).isEqualTo(img.digest().toString());
      assertThat(s.type()).isEqualTo("cosign container image signature");
      assertThat(s.optional()).isNull();
      assertThat(s.payload()).isEqualTo(signed.payload());
    });
    assertThat(VerificationOutput.header(report, fx.policy())).doesNotContain("transparency log");
  }

  @ParameterizedTest
  @EnumSource(SignatureFormat.class)
  void wrongKeyIsNoMatchingSignatures(SignatureFormat format) throws Exception {
    SigningFixtures.Pushed img = fx.push("verify/wrongkey", "v1");
    fx.sign(img.tagRef(), format);
    VerificationPolicy other = VerificationPolicy.forKey(KeyGenerator.generateEcdsaP256().publicKey())
        .withIgnoreTlog(true);

    VerificationException e = catchThrowableOfType(VerificationException.class,
        () -> verifier.verify(img.tagRef(), other));
    assertThat(e.reason()).isEqualTo(VerificationException.Reason.NO_MATCHING_SIGNATURES);
    assertThat(e.getMessage()).startsWith("no matching signatures: ").contains("invalid signature");
  }

  @Test
  void unsignedImageHasNoSignatures() throws Exception {
    SigningFixtures.Pushed img = fx.push("verify/unsigned", "v1");
    VerificationException e = catchThrowableOfType(VerificationException.class,
        () -> verifier.verify(img.tagRef(), fx.policy()));
    assertThat(e.reason()).isEqualTo(VerificationException.Reason.NO_SIGNATURES);
    assertThat(e.getMessage()).isEqualTo("no signatures found");
  }

  @Test
  void unknownTagIsImageNotFound() throws Exception {
    SigningFixtures.Pushed img = fx.push("verify/notag", "v1");
    VerificationException e = catchThrowableOfType(VerificationException.class,
        () -> verifier.verify(SigningFixtures.parse(img.repository().name() + ":missing"), fx.policy()));
    assertThat(e.reason()).isEqualTo(VerificationException.Reason.IMAGE_NOT_FOUND);
  }

  @ParameterizedTest
  @EnumSource(SignatureFormat.class)
  void requiredAnnotationsMustBePresentWithEqualValues(SignatureFormat format) throws Exception {
    SigningFixtures.Pushed img = fx.push("verify/annotations", "v1");
    fx.sign(img.tagRef(), SignOptions.defaults().withFormat(format).withAnnotations(annotations("env", "prod")));

    VerificationPolicy wantProd = fx.policy().withAnnotations(annotations("env", "prod"));
    VerificationReport ok = verifier.verify(img.tagRef(), wantProd);
    assertThat(ok.signatures().get(0).optional()).isEqualTo(Map.of("env", "prod"));
    assertThat(VerificationOutput.header(ok, wantProd)).contains("  - The specified annotations were verified.\n");

    for (Map<String, String> wanted : java.util.List.of(annotations("env", "dev"), annotations("team", "x"))) {
      VerificationException e = catchThrowableOfType(VerificationException.class,
          () -> verifier.verify(img.tagRef(), fx.policy().withAnnotations(wanted)));
      assertThat(e.reason()).isEqualTo(VerificationException.Reason.NO_MATCHING_SIGNATURES);
      assertThat(e.getMessage()).contains("missing or incorrect annotation");
    }
    // --check-claims=false skips the annotation check, as in cosign
    verifier.verify(img.tagRef(), fx.policy().withAnnotations(annotations("env", "dev")).withCheckClaims(false));
  }

  @ParameterizedTest
  @EnumSource(SignatureFormat.class)
  void withoutInsecureIgnoreTlogTheFailureSaysWhatToDo(SignatureFormat format) throws Exception {
    SigningFixtures.Pushed img = fx.push("verify/tlog", "v1");
    fx.sign(img.tagRef(), format);
    VerificationException e = catchThrowableOfType(VerificationException.class,
        () -> verifier.verify(img.tagRef(), VerificationPolicy.forKey(fx.publicKey())));
    assertThat(e.reason()).isEqualTo(VerificationException.Reason.NO_MATCHING_SIGNATURES);
    assertThat(e.getMessage()).contains("no transparency-log entry").contains("--insecure-ignore-tlog=true")
        .contains("never contacts public-good services");
  }

  @ParameterizedTest
  @EnumSource(SignatureFormat.class)
  void targetRepositoryOverrideRoundTrips(SignatureFormat format) throws Exception {
    SigningFixtures.Pushed img = fx.push("verify/override-src", "v1");
    Repository target = fx.repository(SigningFixtures.uniquePath("verify/override-dst"));
    fx.sign(img.tagRef(), SignOptions.defaults().withFormat(format).withTargetRepository(Optional.of(target)));

    VerificationReport report = verifier.verify(img.tagRef(), fx.policy().withTargetRepository(Optional.of(target)));
    assertThat(report.signatureRepository()).isEqualTo(target);
    assertThat(report.signatures()).hasSize(1);
    assertThat(catchThrowableOfType(VerificationException.class, () -> verifier.verify(img.tagRef(), fx.policy()))
        .reason()).isEqualTo(VerificationException.Reason.NO_SIGNATURES);
  }

  @Test
  void aLegacySignatureSatisfiesThePolicyWhenNoBundleDoes() throws Exception {
    SigningFixtures.Pushed img = fx.push("verify/precedence", "v1");
    fx.sign(img.tagRef(), SignatureFormat.LEGACY);
    fx.sign(img.tagRef(), SignOptions.defaults(), Signers.from(KeyGenerator.generateEcdsaP256()));

    // cosign would stop at the bundle (another key) and fail; Signet also checks the legacy signature.
    VerificationReport report = verifier.verify(img.tagRef(), fx.policy());
    assertThat(report.bundlesVerified()).isFalse();
    assertThat(report.signatures()).hasSize(1);
    assertThat(report.rejected()).singleElement().asString().startsWith("bundle sha256:");

    // With a key that made neither, both are reported.
    VerificationException e = catchThrowableOfType(VerificationException.class, () -> verifier.verify(img.tagRef(),
        VerificationPolicy.forKey(KeyGenerator.generateEcdsaP256().publicKey()).withIgnoreTlog(true)));
    assertThat(e.reason()).isEqualTo(VerificationException.Reason.NO_MATCHING_SIGNATURES);
    assertThat(e.getMessage()).contains("bundle sha256:").contains(".sig");
  }

  @Test
  void aVerifiedBundleMeansLegacySignaturesAreNotRead() throws Exception {
    SigningFixtures.Pushed img = fx.push("verify/bundle-first", "v1");
    fx.sign(img.tagRef(), SignatureFormat.LEGACY);
    fx.sign(img.tagRef(), SignatureFormat.BUNDLE);
    VerificationReport report = verifier.verify(img.tagRef(), fx.policy());
    assertThat(report.bundlesVerified()).isTrue();
    assertThat(report.signatures()).hasSize(1);
    assertThat(report.rejected()).isEmpty();
  }

  @Test
  void oneGoodSignatureAmongOthersSuffices() throws Exception {
    SigningFixtures.Pushed img = fx.push("verify/several", "v1");
    fx.sign(img.tagRef(), SignOptions.defaults().withFormat(SignatureFormat.LEGACY),
        Signers.from(KeyGenerator.generateEcdsaP256()));
    fx.sign(img.tagRef(), SignatureFormat.LEGACY);

    VerificationReport report = verifier.verify(img.tagRef(), fx.policy());
    assertThat(report.signatures()).hasSize(1);
    assertThat(report.rejected()).singleElement().asString().contains("invalid signature");
  }

  @Test
  void unreachableRegistryIsAnErrorNotAVerdict() {
    ImageVerifier offline = new ImageVerifier(SigningFixtures.newClient(RetryPolicy.none()));
    String repo = "127.0.0.1:" + SigningFixtures.closedPort() + "/verify/closed";
    for (String ref : new String[] {repo + ":v1", repo + "@sha256:" + "ab".repeat(32)}) {
      assertThatThrownBy(() -> offline.verify(SigningFixtures.parse(ref), fx.policy()))
          .isInstanceOf(SigningException.class)
          .isNotInstanceOf(VerificationException.class);
    }
  }

  @Test
  void stoppedRegistryIsAnErrorNotAVerdict(@TempDir Path own) throws Exception {
    SigningFixtures.Pushed img;
    try (DockerRegistryPeer registry = DockerRegistryPeer.start()) {
      SigningFixtures local = new SigningFixtures(registry, own);
      img = local.push("verify/stopped", "v1");
      local.sign(img.tagRef(), SignatureFormat.BUNDLE);
      assertThat(new ImageVerifier(local.client()).verify(img.byDigest(), local.policy()).signatures()).hasSize(1);
    }
    ImageVerifier after = new ImageVerifier(SigningFixtures.newClient(RetryPolicy.none()));
    assertThatThrownBy(() -> after.verify(img.byDigest(), fx.policy()))
        .isInstanceOf(SigningException.class)
        .isNotInstanceOf(VerificationException.class);
  }
}
