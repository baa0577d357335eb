package dev.signet.cosign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.oci.Descriptor;
import dev.signet.oci.Digest;
import dev.signet.oci.ImageManifest;
import dev.signet.oci.Manifests;
import dev.signet.oci.MediaTypes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BundleReferrerManifestTest {

  private static final byte[] BUNDLE = "{\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\"}"
      .getBytes(StandardCharsets.UTF_8);
  private static final Digest IMAGE = new Digest("sha256", "ab".repeat(32));
  private static final Descriptor SUBJECT = new Descriptor(MediaTypes.OCI_MANIFEST, 1234, IMAGE.toString(),
      Map.of("dropped", "yes"), null, "dropped/too");

  @Test
  void emptyConfigDigestIsSha256OfBraces() {
    assertThat(Digest.sha256(BundleReferrerManifest.emptyConfig())).isEqualTo(BundleReferrerManifest.EMPTY_CONFIG_DIGEST);
    assertThat(BundleReferrerManifest.emptyConfig()).hasSize(2);
  }

  @Test
  void manifestBytesMatchCosignShapeExactly() {
    ImageManifest m = BundleReferrerManifest.build(BUNDLE, "https://sigstore.dev/cosign/sign/v1", SUBJECT,
        Instant.parse("2025-01-02T03:04:05.987654Z"));
    String expected = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
        + "\"config\":{\"mediaType\":\"application/vnd.oci.empty.v1+json\",\"size\":2,"
        + "\"digest\":\"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\","
        + "\"artifactType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\"},"
        + "\"layers\":[{\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\",\"size\":" + BUNDLE.length
        + ",\"digest\":\"" + Digest.sha256(BUNDLE) + "\"}],"
        + "\"annotations\":{\"dev.sigstore.bundle.content\":\"dsse-envelope\","
        + "\"dev.sigstore.bundle.predicateType\":\"https://sigstore.dev/cosign/sign/v1\","
        + "\"org.opencontainers.image.created\":\"2025-01-02T03:04:05Z\"},"
        + "\"subject\":{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"size\":1234,\"digest\":\"" + IMAGE + "\"},"
        + "\"artifactType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\"}";
    assertThat(new String(BundleReferrerManifest.toJson(m), StandardCharsets.UTF_8)).isEqualTo(expected);
  }

  @Test
  void parsedBackItIsRecognisedAsBundleReferrer() throws Exception {
    ImageManifest built = BundleReferrerManifest.build(BUNDLE, "p", SUBJECT, Instant.EPOCH);
    ImageManifest m = Manifests.parseManifest(BundleReferrerManifest.toJson(built));
    assertThat(m).isEqualTo(built);
    assertThat(BundleReferrerManifest.isBundleReferrer(m)).isTrue();
    assertThat(BundleReferrerManifest.bundleLayer(m).orElseThrow().digest()).isEqualTo(Digest.sha256(BUNDLE).toString());
    assertThat(BundleReferrerManifest.predicateType(m)).contains("p");
    assertThat(m.annotationsOrEmpty()).containsEntry("org.opencontainers.image.created", "1970-01-01T00:00:00Z");
    assertThat(AccessoryType.classify(m)).isEqualTo(AccessoryType.SIGSTORE_BUNDLE);
  }

  @Test
  void otherLayerShapesAreNotBundleReferrers() {
    Descriptor bundleLayer = Descriptor.of("application/vnd.dev.sigstore.bundle+json;version=0.2", IMAGE, 1);
    Descriptor other = Descriptor.of("application/jose+json", IMAGE, 1);
    assertThat(BundleReferrerManifest.isBundleReferrer(manifest(List.of(bundleLayer)))).isTrue();
    assertThat(BundleReferrerManifest.isBundleReferrer(manifest(List.of(other)))).isFalse();
    assertThat(BundleReferrerManifest.isBundleReferrer(manifest(List.of(bundleLayer, bundleLayer)))).isFalse();
    assertThat(BundleReferrerManifest.isBundleReferrer(manifest(List.of()))).isFalse();
  }

  @Test
  void messageSignatureBundleOmitsPredicateTypeWhenNull() {
    ImageManifest m = BundleReferrerManifest.build(BUNDLE, BundleReferrerManifest.MESSAGE_SIGNATURE_CONTENT, null, SUBJECT, Instant.EPOCH);
    assertThat(m.annotations()).containsOnlyKeys("dev.sigstore.bundle.content", "org.opencontainers.image.created");
  }

  private static ImageManifest manifest(List<Descriptor> layers) {
    return new ImageManifest(2, MediaTypes.OCI_MANIFEST, Descriptor.of(MediaTypes.OCI_EMPTY, IMAGE, 2), layers, null, null, null);
  }
}
