package dev.signet.cosign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.oci.Descriptor;
import dev.signet.oci.Digest;
import dev.signet.oci.ManifestFormatException;
import dev.signet.oci.MediaTypes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LegacySignatureImageTest {

  static final String S1_PAYLOAD =
      "{\"critical\":{\"identity\":{\"docker-reference\":\"registry-testing.svc.lan/busybox\"},"
          + "\"image\":{\"docker-manifest-digest\":\"sha256:f3cfc9d0dbf931d3db4685ec659b7ac68e2a578219da4aae65427886e649b06b\"},"
          + "\"type\":\"cosign container image signature\"},\"optional\":null}";
  static final String S1_SIG =
      "MEUCIQD6q/COgzOyW0YH1Dk+CCYSt4uAhm3FDHUwvPI55zwnlwIgE0ZK58ZOWpZw8YVmBapJhBqCfdPekIknimuO0xH8Jh8=";
  static final String S1_CONFIG =
      "{\"architecture\":\"\",\"created\":\"0001-01-01T00:00:00Z\",\"history\":[{\"created\":\"0001-01-01T00:00:00Z\"}],"
          + "\"os\":\"\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:3af4414d20c9e1cb76ccc72aae8b242166dabe6af531a4a790db8e2f0e5ee7c9\"]},"
          + "\"config\":{}}";
  static final String S1_MANIFEST =
      "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":"
          + "\"application/vnd.oci.image.config.v1+json\",\"size\":233,\"digest\":"
          + "\"sha256:6be03ee91610ddcd1b1c5b664bb2ef319a85b4ca9ebee1d64d87729c5fd83a91\"},\"layers\":[{\"mediaType\":"
          + "\"application/vnd.dev.cosign.simplesigning.v1+json\",\"size\":248,\"digest\":"
          + "\"sha256:3af4414d20c9e1cb76ccc72aae8b242166dabe6af531a4a790db8e2f0e5ee7c9\",\"annotations\":"
          + "{\"dev.cosignproject.cosign/signature\":\"" + S1_SIG + "\"}}]}";

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static LegacySignatureImage s1() throws Exception {
    return LegacySignatureImage.empty()
        .append(LegacySignatureImage.simpleSigningLayer(utf8(S1_PAYLOAD), SignatureAnnotations.ofSignature(S1_SIG)));
  }

  @Test
  void s1GoldenConfigAndManifestAreByteExact() throws Exception {
    LegacySignatureImage img = s1();
    byte[] config = img.configBytes();
    assertThat(new String(config, StandardCharsets.UTF_8)).isEqualTo(S1_CONFIG);
    assertThat(config).hasSize(233);
    assertThat(Digest.sha256(config).toString())
        .isEqualTo("sha256:6be03ee91610ddcd1b1c5b664bb2ef319a85b4ca9ebee1d64d87729c5fd83a91");
    byte[] manifest = img.manifestBytes();
    assertThat(new String(manifest, StandardCharsets.UTF_8)).isEqualTo(S1_MANIFEST);
    assertThat(manifest).hasSize(558);
    assertThat(img.manifestDigest().toString())
        .isEqualTo("sha256:c7f8955840dfbe0cf5d487fdee28a0be765cc55dfd7e072179cc765c6ce24165");
  }

  @Test
  void configGrowsBy109BytesPerLayer() throws Exception {
    LegacySignatureImage img = s1()
        .append(LegacySignatureImage.simpleSigningLayer(utf8("b"), SignatureAnnotations.ofSignature("c2ln")));
    assertThat(img.configBytes()).hasSize(342);
    img = img.append(LegacySignatureImage.simpleSigningLayer(utf8("c"), SignatureAnnotations.ofSignature("c2ln")));
    assertThat(img.configBytes()).hasSize(451);
    String config = new String(img.configBytes(), StandardCharsets.UTF_8);
    assertThat(config).contains("\"diff_ids\":[\"sha256:3af4414d", "\"," + "\"" + Digest.sha256(utf8("b")),
        "\"" + Digest.sha256(utf8("c")) + "\"]}");
  }

  @Test
  void dockerMediaTypesChangeOnlyManifestAndConfigTypes() throws Exception {
    LegacySignatureImage img = LegacySignatureImage.empty(true)
        .append(LegacySignatureImage.simpleSigningLayer(utf8(S1_PAYLOAD), SignatureAnnotations.ofSignature(S1_SIG)));
    assertThat(img.configBytes()).isEqualTo(s1().configBytes());
    assertThat(img.manifest().mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
    assertThat(img.manifest().config().mediaType()).isEqualTo(MediaTypes.DOCKER_CONFIG);
    assertThat(img.manifest().layers().get(0).mediaType()).isEqualTo(MediaTypes.COSIGN_SIMPLESIGNING);
    assertThat(new String(img.manifestBytes(), StandardCharsets.UTF_8)).isEqualTo(S1_MANIFEST
        .replace(MediaTypes.OCI_MANIFEST, MediaTypes.DOCKER_MANIFEST).replace(MediaTypes.OCI_CONFIG, MediaTypes.DOCKER_CONFIG));
  }

  @Test
  void parseThenAppendKeepsMediaTypesAndReproducesDigests() throws Exception {
    LegacySignatureImage parsed = LegacySignatureImage.parse(utf8(S1_MANIFEST));
    assertThat(parsed.layers()).hasSize(1);
    assertThat(parsed.layers().get(0).annotationsOrEmpty()).containsEntry(SignatureAnnotations.SIGNATURE, S1_SIG);
    assertThat(parsed.manifestBytes()).isEqualTo(utf8(S1_MANIFEST));
    Descriptor extra = LegacySignatureImage.simpleSigningLayer(utf8("x"), SignatureAnnotations.ofSignature("eA=="));
    assertThat(parsed.append(extra).manifestBytes()).isEqualTo(s1().append(extra).manifestBytes());

    LegacySignatureImage docker = LegacySignatureImage.parse(LegacySignatureImage.empty(true).append(extra).manifestBytes());
    assertThat(docker.manifestMediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
    assertThat(docker.configMediaType()).isEqualTo(MediaTypes.DOCKER_CONFIG);
  }

  @Test
  void recordedCreationTimeUsesGoTimeFormat() throws Exception {
    String config = new String(s1().withCreated(Instant.parse("2024-05-06T07:08:09.120Z")).configBytes(), StandardCharsets.UTF_8);
    assertThat(config).startsWith("{\"architecture\":\"\",\"created\":\"2024-05-06T07:08:09.12Z\",\"history\":[{\"created\":\"0001-01-01T00:00:00Z\"}]");
    assertThat(SignatureConfig.goTime(Instant.parse("2024-05-06T07:08:09Z"))).isEqualTo("2024-05-06T07:08:09Z");
  }

  @Test
  void emptyImageConfigMatchesGgcrEmptyImage() {
    assertThat(new String(LegacySignatureImage.empty().configBytes(), StandardCharsets.UTF_8))
        .isEqualTo("{\"architecture\":\"\",\"created\":\"0001-01-01T00:00:00Z\",\"os\":\"\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":null},\"config\":{}}");
  }

  @Test
  void annotationsFollowCosignRules() {
    assertThat(new SignatureAnnotations(null, null, null, null, null, "p").toMap())
        .containsExactly(java.util.Map.entry("dev.cosignproject.cosign/signature", ""), java.util.Map.entry("predicateType", "p"));
    assertThat(SignatureAnnotations.ofSignature("s").withCertificate("CERT", null).toMap())
        .containsEntry("dev.sigstore.cosign/certificate", "CERT")
        .containsEntry("dev.sigstore.cosign/chain", "")
        .doesNotContainKey("dev.sigstore.cosign/bundle");
    SignatureAnnotations full = SignatureAnnotations.ofSignature("s").withCertificate("C", "CH")
        .withRekorBundle("{}").withRfc3161Timestamp("{\"SignedRFC3161Timestamp\":\"x\"}");
    assertThat(full.toMap()).containsOnlyKeys("dev.cosignproject.cosign/signature", "dev.sigstore.cosign/certificate",
        "dev.sigstore.cosign/chain", "dev.sigstore.cosign/bundle", "dev.sigstore.cosign/rfc3161timestamp");
    assertThat(SignatureAnnotations.fromMap(full.toMap())).isEqualTo(full);
  }

  @Test
  void duplicateNeedsSameDigestTypeAnnotationsAndAcceptedSignature() throws Exception {
    LegacySignatureImage img = s1();
    Descriptor again = LegacySignatureImage.simpleSigningLayer(utf8(S1_PAYLOAD), SignatureAnnotations.ofSignature("other"));
    AtomicInteger asked = new AtomicInteger();
    assertThat(img.findDuplicate(again, d -> asked.incrementAndGet() > 0)).isPresent();
    assertThat(asked).hasValue(1);
    assertThat(img.appendUnlessDuplicate(again, d -> true)).isSameAs(img);
    assertThat(img.appendUnlessDuplicate(again, d -> false).layers()).hasSize(2);

    Descriptor withCert = LegacySignatureImage.simpleSigningLayer(utf8(S1_PAYLOAD),
        SignatureAnnotations.ofSignature("x").withCertificate("C", null));
    assertThat(img.findDuplicate(withCert, d -> true)).isEmpty();
    Descriptor otherPayload = LegacySignatureImage.simpleSigningLayer(utf8("p"), SignatureAnnotations.ofSignature(S1_SIG));
    assertThat(img.findDuplicate(otherPayload, d -> true)).isEmpty();
    Descriptor otherType = LegacySignatureImage.attestationLayer(utf8(S1_PAYLOAD), SignatureAnnotations.ofSignature(S1_SIG));
    assertThat(img.findDuplicate(otherType, d -> true)).isEmpty();
  }

  @Test
  void existingLayerWithEmptySignatureIsNeverADuplicate() throws Exception {
    Descriptor att = LegacySignatureImage.attestationLayer(utf8("{}"), new SignatureAnnotations(null, null, null, null, null, "p"));
    LegacySignatureImage img = LegacySignatureImage.empty().append(att);
    assertThat(img.findDuplicate(att, d -> true)).isEmpty();
  }

  @Test
  void existingLayerWithExtraAnnotationsStillMatches() throws Exception {
    Descriptor rich = LegacySignatureImage.simpleSigningLayer(utf8("p"),
        SignatureAnnotations.ofSignature("s").withRekorBundle("{}"));
    Descriptor plain = LegacySignatureImage.simpleSigningLayer(utf8("p"), SignatureAnnotations.ofSignature("t"));
    assertThat(LegacySignatureImage.empty().append(rich).findDuplicate(plain, d -> true)).contains(rich);
  }

  @Test
  void enforcesThousandLayerLimit() throws Exception {
    LegacySignatureImage img = LegacySignatureImage.empty();
    List<Descriptor> many = new ArrayList<>();
    for (int i = 0; i < LegacySignatureImage.MAX_LAYERS; i++) {
      Descriptor d = LegacySignatureImage.simpleSigningLayer(utf8("p" + i), SignatureAnnotations.ofSignature("s"));
      many.add(d);
      img = img.append(d);
    }
    LegacySignatureImage full = img;
    Descriptor one = many.get(0);
    assertThatThrownBy(() -> full.append(one)).isInstanceOf(LayerLimitException.class).hasMessageContaining("1000");
    byte[] tooMany = full.manifestBytes();
    assertThat(LegacySignatureImage.parse(tooMany).layers()).hasSize(1000);
    String over = new String(tooMany, StandardCharsets.UTF_8).replace("]}", ",{\"mediaType\":\"x\",\"size\":1,\"digest\":\""
        + Digest.sha256(utf8("z")) + "\"}]}");
    assertThatThrownBy(() -> LegacySignatureImage.parse(utf8(over))).isInstanceOf(LayerLimitException.class);
  }

  @Test
  void parseRejectsBadLayerDigests() {
    String bad = "{\"schemaVersion\":2,\"layers\":[{\"mediaType\":\"x\",\"size\":1,\"digest\":\"sha256:zz\"}]}";
    assertThatThrownBy(() -> LegacySignatureImage.parse(utf8(bad))).isInstanceOf(ManifestFormatException.class);
  }
}
