package dev.signet.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.signet.cosign.LegacySignatureImage;
import dev.signet.cosign.SignatureTags;
import dev.signet.oci.Digest;
import dev.signet.registry.client.RegistryClient;
import dev.signet.sign.internal.ReferrerWriter;
import dev.signet.testing.registry.DockerRegistryExtension;
import dev.signet.testing.registry.DockerRegistryPeer;
import dev.signet.testing.sigstore.FakeSigstore;
import dev.signet.testing.sigstore.KeylessSignature;
import dev.signet.verify.root.TrustedRoot;
import dev.signet.verify.root.TrustedRootParser;
import dev.signet.verify.x509.IdentityPolicy;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keyless image verification through {@link ImageVerifier} and the engine, with signatures from
 * {@link FakeSigstore} (Fulcio-style leaf with SCT, Rekor v1 entry with SET and proof) in both storage
 * formats, against docker-registry 2.8.
 */
@ExtendWith(DockerRegistryExtension.class)
class KeylessImageVerifierTest {
  private static final String SUBJECT = "https://ci.example.com/release";

  @TempDir Path tmp;
  private SigningFixtures fx;
  private FakeSigstore sigstore;
  private ImageVerifier verifier;

  @BeforeEach
  void setUp(DockerRegistryPeer registry) throws Exception {
    fx = new SigningFixtures(registry, tmp);
    sigstore = FakeSigstore.create(Instant.now().minusSeconds(120));
    TrustedRoot root = TrustedRootParser.parse(sigstore.trustedRootJson());
    verifier = new ImageVerifier(fx.client(), root);
  }

  private static VerificationPolicy identity(String subject) {
    return VerificationPolicy.forIdentity(IdentityPolicy.of(
        IdentityPolicy.Identity.exact(subject, FakeSigstore.DEFAULT_ISSUER)));
  }

  @Test
  void keylessBundleAndLegacySignaturesVerifyWithTheirLogEntries() throws Exception {
    SigningFixtures.Pushed bundled = fx.push("keyless/bundle", "v1");
    writeBundle(bundled, sigstore.signImageDsse(bundled.digest(), Map.of(), SUBJECT, FakeSigstore.DEFAULT_ISSUER));
    SigningFixtures.Pushed legacy = fx.push("keyless/legacy", "v1");
    writeLegacy(legacy, sigstore.signImage(legacy.repository().name(), legacy.digest(), Map.of(), SUBJECT,
        FakeSigstore.DEFAULT_ISSUER));

    for (SigningFixtures.Pushed img : List.of(bundled, legacy)) {
      VerificationReport r = verifier.verify(img.tagRef(), identity(SUBJECT));
      assertThat(r.tlogVerified()).isTrue();
      assertThat(VerificationOutput.header(r, identity(SUBJECT)))
          .contains("  - Existence of the claims in the transparency log was verified offline\n")
          .endsWith("  - The code-signing certificate was verified using trusted certificate authority certificates\n");
      assertThat(r.signatures()).singleElement().satisfies(s -> {
        assertThat(s.certificate().subject()).isEqualTo(SUBJECT);
        assertThat(s.optional()).containsEntry("Subject", SUBJECT);
      });
      VerificationException e = catchThrowableOfType(VerificationException.class,
          () -> verifier.verify(img.tagRef(), identity("https://ci.example.com/other")));
      assertThat(e.reason()).isEqualTo(VerificationException.Reason.NO_MATCHING_SIGNATURES);
      assertThat(e.getMessage()).contains("identity: subject " + SUBJECT + " is not https://ci.example.com/other");
    }
    assertThat(verifier.verify(legacy.tagRef(), identity(SUBJECT).withLegacyOnly(true)).format())
        .isEqualTo(SignatureFormat.LEGACY);
    VerificationException onlyBundles = catchThrowableOfType(VerificationException.class,
        () -> verifier.verify(bundled.tagRef(), identity(SUBJECT).withLegacyOnly(true)));
    assertThat(onlyBundles.reason()).isEqualTo(VerificationException.Reason.NO_SIGNATURES);
  }

  @Test
  void aLegacySignatureByTheIdentitySufficesNextToABundleByAnother() throws Exception {
    SigningFixtures.Pushed img = fx.push("keyless/both", "v1");
    writeBundle(img, sigstore.signImageDsse(img.digest(), Map.of(), "https://someone.else/ci",
        FakeSigstore.DEFAULT_ISSUER));
    writeLegacy(img, sigstore.signImage(img.repository().name(), img.digest(), Map.of(), SUBJECT,
        FakeSigstore.DEFAULT_ISSUER));

    VerificationReport r = verifier.verify(img.tagRef(), identity(SUBJECT));
    assertThat(r.format()).isEqualTo(SignatureFormat.LEGACY);
    assertThat(r.rejected()).singleElement().asString().startsWith("bundle sha256:").contains("identity: ");
  }

  @Test
  void keylessSignaturesNeedTheDeploymentsRoot() throws Exception {
    SigningFixtures.Pushed img = fx.push("keyless/otherroot", "v1");
    writeBundle(img, sigstore.signImageDsse(img.digest(), Map.of(), SUBJECT, FakeSigstore.DEFAULT_ISSUER));
    TrustedRoot other = TrustedRootParser.parse(FakeSigstore.create(Instant.now()).trustedRootJson());
    VerificationException e = catchThrowableOfType(VerificationException.class,
        () -> new ImageVerifier(fx.client(), other).verify(img.tagRef(), identity(SUBJECT)));
    assertThat(e.reason()).isEqualTo(VerificationException.Reason.NO_MATCHING_SIGNATURES);
    // Ignoring the log does not make the header claim it.
    VerificationReport r = verifier.verify(img.tagRef(), identity(SUBJECT).withIgnoreTlog(true));
    assertThat(r.tlogVerified()).isFalse();
    assertThat(VerificationOutput.header(r, identity(SUBJECT).withIgnoreTlog(true))).doesNotContain("transparency log");
  }

  @Test
  void manyImagesShareOneEngineRun() throws Exception {
    List<SigningFixtures.Pushed> images = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      SigningFixtures.Pushed img = fx.push("keyless/bulk" + i, "v1");
      writeBundle(img, sigstore.signImageDsse(img.digest(), Map.of(), SUBJECT, FakeSigstore.DEFAULT_ISSUER));
      images.add(img);
    }
    List<ImageVerifier.Outcome> outcomes = verifier.verifyAll(images.stream().map(SigningFixtures.Pushed::tagRef)
        .toList(), identity(SUBJECT), 3);
    assertThat(outcomes).hasSize(6).allSatisfy(o -> assertThat(o.verified()).as(o.toString()).isTrue());
  }

  private void writeBundle(SigningFixtures.Pushed img, KeylessSignature s) throws Exception {
    new ReferrerWriter(fx.client(), SigningFixtures.noPause())
        .writeBundle(img.repository(), img.descriptor(), s.bundleJson(), ImageSigner.SIGN_PREDICATE_TYPE, Instant.now());
  }

  private void writeLegacy(SigningFixtures.Pushed img, KeylessSignature s) throws Exception {
    RegistryClient client = fx.client();
    client.pushBlob(img.repository(), Digest.sha256(s.payload()), s.payload());
    LegacySignatureImage sig = LegacySignatureImage.empty()
        .append(LegacySignatureImage.simpleSigningLayer(s.payload(), dev.signet.cosign.SignatureAnnotations.fromMap(
            s.legacyAnnotations())));
    byte[] config = sig.configBytes();
    client.pushBlob(img.repository(), Digest.sha256(config), config);
    client.putManifest(img.repository(), SignatureTags.signatureTag(img.digest()), sig.manifestBytes(),
        sig.manifestMediaType());
  }
}
