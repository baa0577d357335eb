package dev.signet.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.signet.cosign.BundleReferrerManifest;
import dev.signet.cosign.LegacySignatureImage;
import dev.signet.cosign.SignatureAnnotations;
import dev.signet.cosign.SignatureTags;
import dev.signet.oci.Descriptor;
import dev.signet.oci.Digest;
import dev.signet.oci.ImageManifest;
import dev.signet.oci.Manifests;
import dev.signet.oci.MediaTypes;
import dev.signet.registry.client.RegistryClient;
import dev.signet.sign.internal.ReferrerWriter;
import dev.signet.sign.internal.SignatureFinder;
import dev.signet.testing.registry.DockerRegistryExtension;
import dev.signet.testing.registry.DockerRegistryPeer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * How signatures are found: what is fetched, what is skipped, and that registry failures are errors,
 * never "unsigned". Faults are injected into a real client talking to docker-registry.
 */
@ExtendWith(DockerRegistryExtension.class)
class SignatureFinderTest {
  @TempDir Path tmp;
  private SigningFixtures fx;

  @BeforeEach
  void setUp(DockerRegistryPeer registry) {
    fx = new SigningFixtures(registry, tmp);
  }

  private SigningFixtures.FaultyClient faulty(Predicate<String> failWhen) {
    return new SigningFixtures.FaultyClient(fx.client(), failWhen);
  }

  @Test
  void referrersListingFailureIsAnErrorWithoutFallingBackToLegacy() throws Exception {
    SigningFixtures.Pushed img = fx.push("finder/throttled", "v1");
    fx.sign(img.tagRef(), SignatureFormat.LEGACY); // the fallback would find this: it must not be asked
    SigningFixtures.FaultyClient client = faulty(call -> call.startsWith("referrers "));

    assertThatThrownBy(() -> new ImageVerifier(client).verify(img.tagRef(), fx.policy()))
        .isInstanceOf(SigningException.class)
        .isNotInstanceOf(VerificationException.class)
        .hasMessageContaining("list referrers of").hasMessageContaining("503");
    assertThat(client.calls()).noneMatch(c -> c.contains(".sig"));
  }

  @Test
  void failuresFetchingSignaturesAreErrorsNotVerdicts() throws Exception {
    SigningFixtures.Pushed legacy = fx.push("finder/legacy-faults", "v1");
    fx.sign(legacy.tagRef(), SignatureFormat.LEGACY);
    SigningFixtures.Pushed bundle = fx.push("finder/bundle-faults", "v1");
    fx.sign(bundle.tagRef(), SignatureFormat.BUNDLE);

    List<Predicate<String>> faults = List.of(
        call -> call.startsWith("getManifest") && call.endsWith(".sig"),
        call -> call.startsWith("getBlob"));
    for (Predicate<String> fault : faults) {
      for (SigningFixtures.Pushed img : List.of(legacy, bundle)) {
        if (img == bundle && fault == faults.get(0)) {
          continue; // the bundle path never reads .sig
        }
        assertThatThrownBy(() -> new ImageVerifier(faulty(fault)).verify(img.byDigest(), fx.policy()))
            .isInstanceOf(SigningException.class)
            .isNotInstanceOf(VerificationException.class);
      }
    }
    SigningFixtures.FaultyClient manifests = faulty(call -> call.startsWith("getManifest") && call.contains("@sha256:"));
    assertThatThrownBy(() -> new ImageVerifier(manifests).verify(bundle.byDigest(), fx.policy()))
        .isInstanceOf(SigningException.class)
        .isNotInstanceOf(VerificationException.class);
  }

  @Test
  void onlySignatureReferrersAreFetchedAndTheBundlePathSkipsLegacy() throws Exception {
    SigningFixtures.Pushed img = fx.push("finder/filter", "v1");
    fx.sign(img.tagRef(), SignatureFormat.BUNDLE);
    Digest sbom = writeReferrer(img, "application/vnd.example.sbom+json", MediaTypes.OCI_EMPTY,
        "{\"sbom\":true}".getBytes(StandardCharsets.UTF_8), "application/vnd.example.sbom+json", null);
    SigningFixtures.FaultyClient client = faulty(call -> false);

    VerificationReport report = new ImageVerifier(client).verify(img.byDigest(), fx.policy());
    assertThat(report.format()).isEqualTo(SignatureFormat.BUNDLE);
    assertThat(client.calls()).noneMatch(c -> c.contains(sbom.toString()));
    assertThat(client.calls()).noneMatch(c -> c.contains(".sig"));
    assertThat(client.calls()).noneMatch(c -> c.startsWith("headManifest")); // a digest is used as given
    assertThat(client.calls()).filteredOn(c -> c.startsWith("getManifest")).hasSize(1);
  }

  @Test
  void experimentalOci11SignatureReferrersAreReadAndDeduplicatedWithTheSigTag() throws Exception {
    SigningFixtures.Pushed img = fx.push("finder/oci11", "v1");
    SignResult signed = fx.sign(img.tagRef(),
        SignOptions.defaults().withFormat(SignatureFormat.LEGACY).withUpload(false));
    Descriptor layer = LegacySignatureImage.simpleSigningLayer(signed.payload(),
        SignatureAnnotations.ofSignature(Base64.getEncoder().encodeToString(signed.signature())));
    writeReferrer(img, MediaTypes.COSIGN_ARTIFACT_SIG, MediaTypes.COSIGN_ARTIFACT_SIG, signed.payload(),
        MediaTypes.COSIGN_SIMPLESIGNING, layer);

    VerificationReport viaReferrer = new ImageVerifier(fx.client()).verify(img.tagRef(), fx.policy());
    assertThat(viaReferrer.format()).isEqualTo(SignatureFormat.LEGACY);
    assertThat(viaReferrer.signatures()).singleElement()
        .satisfies(s -> assertThat(s.payload()).isEqualTo(signed.payload()));

    // cosign#3659: the experimental manifest repeats the .sig layers; each signature counts once
    LegacySignatureImage sig = LegacySignatureImage.empty().append(layer);
    fx.client().pushBlob(img.repository(), Digest.sha256(sig.configBytes()), sig.configBytes());
    fx.client().putManifest(img.repository(), SignatureTags.signatureTag(img.digest()), sig.manifestBytes(),
        sig.manifestMediaType());
    assertThat(new ImageVerifier(fx.client()).verify(img.tagRef(), fx.policy()).signatures()).hasSize(1);
  }

  @Test
  void oversizedPayloadsAreRejectedWithoutBeingFetched() throws Exception {
    SigningFixtures.Pushed img = fx.push("finder/oversize", "v1");
    fx.sign(img.tagRef(), SignatureFormat.LEGACY);
    SigningFixtures.FaultyClient client = faulty(call -> false);

    VerificationException e = catchThrowableOfType(VerificationException.class,
        () -> new ImageVerifier(client).verify(img.tagRef(), fx.policy().withMaxPayloadBytes(16)));
    assertThat(e.reason()).isEqualTo(VerificationException.Reason.NO_MATCHING_SIGNATURES);
    assertThat(e.getMessage()).contains("exceeds the limit of 16 bytes (COSIGN_MAX_ATTACHMENT_SIZE)");
    assertThat(client.calls()).noneMatch(c -> c.startsWith("getBlob"));
  }

  @Test
  void referrersAreSplitByArtifactType() throws Exception {
    SigningFixtures.Pushed img = fx.push("finder/split", "v1");
    fx.sign(img.tagRef(), SignatureFormat.BUNDLE);
    writeReferrer(img, "application/vnd.example.other", MediaTypes.OCI_EMPTY, "{}".getBytes(StandardCharsets.UTF_8),
        "application/vnd.example.other", null);

    SignatureFinder.Referrers r = new SignatureFinder(fx.client(), 1 << 20).referrers(img.repository(), img.digest());
    assertThat(r.bundles()).singleElement()
        .satisfies(d -> assertThat(d.artifactType()).isEqualTo(BundleReferrerManifest.ARTIFACT_TYPE));
    assertThat(r.experimentalSignatures()).isEmpty();
  }

  /**
   * Writes a referrer manifest of {@code img} with one layer ({@code layer}, or a plain one built from
   * {@code blob}), the given config media type and artifact type; returns its digest.
   */
  private Digest writeReferrer(SigningFixtures.Pushed img, String artifactType, String configType, byte[] blob,
      String layerType, Descriptor layer) throws Exception {
    RegistryClient client = fx.client();
    byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
    client.pushBlob(img.repository(), Digest.sha256(config), config);
    client.pushBlob(img.repository(), Digest.sha256(blob), blob);
    Descriptor l = layer != null ? layer : Descriptor.of(layerType, Digest.sha256(blob), blob.length);
    ImageManifest m = new ImageManifest(2, MediaTypes.OCI_MANIFEST,
        Descriptor.of(configType, Digest.sha256(config), config.length), List.of(l), null, img.descriptor(),
        artifactType);
    byte[] bytes = Manifests.toJson(m);
    return new ReferrerWriter(client, SigningFixtures.noPause())
        .write(img.repository(), img.digest(), bytes, MediaTypes.OCI_MANIFEST);
  }
}
