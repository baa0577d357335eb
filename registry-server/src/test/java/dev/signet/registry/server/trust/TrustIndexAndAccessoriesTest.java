package dev.signet.registry.server.trust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.cosign.SignatureTags;
import dev.signet.oci.Digest;
import dev.signet.oci.MediaTypes;
import dev.signet.registry.server.testkit.TestManifests;
import dev.signet.registry.server.testkit.TestRegistry;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The index child rule, and what is never blocked: accessories, referrers, fallback indexes, blobs. */
class TrustIndexAndAccessoriesTest extends TrustTestBase {

  @Test
  void childrenOfASignedIndexInheritItsSignatureUnlessThePolicySaysOwn() {
    policy("prod", TrustMode.ENFORCE, 1, ALICE);
    Digest amd64 = registry.pushImage("prod/app", "amd64", "amd64");
    Digest arm64 = registry.pushImage("prod/app", "arm64", "arm64");
    Digest index = pushIndex("prod/app", "v1", amd64, arm64);
    assertThat(assertRefused("prod/app", "v1")).contains("index " + index);

    sign.bundle("prod/app", index, ALICE, Map.of());

    assertServed("prod/app", "v1", index.toString(), amd64.toString(), arm64.toString());
    assertThat(audited).anySatisfy(d -> assertThat(d.reason()).isEqualTo("listed in signed index " + index));

    policy("prod", TrustMode.ENFORCE, 1, Map.of(), IndexRule.OWN, ALICE);
    assertServed("prod/app", "v1");
    assertThat(assertRefused("prod/app", amd64.toString())).doesNotContain("nor is any index listing it");
    sign.legacy("prod/app", amd64, ALICE, Map.of()); // cosign sign --recursive
    assertServed("prod/app", amd64.toString());
  }

  @Test
  void anUnsignedIndexDoesNotVouchForItsChildren() {
    policy("prod", TrustMode.ENFORCE, 1, ALICE);
    Digest child = registry.pushImage("prod/app", "child", "child");
    pushIndex("prod/app", "v1", child);
    Digest signedOther = pushIndex("prod/app", "v2", registry.pushImage("prod/app", "x", "x"));
    sign.legacy("prod/app", signedOther, ALICE, Map.of());

    assertThat(assertRefused("prod/app", child.toString())).contains("nor is any index listing it");
  }

  @Test
  void signaturesReferrersFallbackIndexesAndBlobsStayReadable() {
    policy("prod", TrustMode.ENFORCE, 1, ALICE);
    Digest image = registry.pushImage("prod/app", "v1", "accessories");
    Digest sig = sign.legacy("prod/app", image, MALLORY, Map.of());
    Digest ref = sign.bundle("prod/app", image, MALLORY, Map.of());
    Digest att = sign.attestation("prod/app", image, MALLORY);
    Digest sbom = pushSbom(image);
    byte[] fallback = TestManifests.index(Map.of(ref, 600L));
    assertThat(registry.putManifest("prod/app", SignatureTags.referrersFallbackTag(image), MediaTypes.OCI_INDEX,
        fallback).statusCode()).isEqualTo(201);
    assertRefused("prod/app", "v1");

    assertServed("prod/app", SignatureTags.signatureTag(image), sig.toString(), ref.toString(),
        SignatureTags.attestationTag(image), att.toString(), SignatureTags.sbomTag(image), sbom.toString(),
        SignatureTags.referrersFallbackTag(image));
    HttpResponse<byte[]> referrers = registry.send("GET", "/v2/prod/app/referrers/" + image, null);
    assertThat(referrers.statusCode()).isEqualTo(200);
    assertThat(TestRegistry.text(referrers)).contains(ref.toString());
    byte[] layer = "layer accessories".getBytes(StandardCharsets.UTF_8);
    HttpResponse<byte[]> blob = registry.send("GET", "/v2/prod/app/blobs/" + Digest.sha256(layer), null);
    assertThat(blob.statusCode()).isEqualTo(200);
    assertThat(blob.body()).isEqualTo(layer);
  }

  @Test
  void aRunnableImagePosingAsAReferrerIsStillJudged() {
    policy("prod", TrustMode.ENFORCE, 1, ALICE);
    Digest target = registry.pushImage("prod/app", "v1", "target");
    byte[] config = "{\"seed\":\"posing\"}".getBytes(StandardCharsets.UTF_8);
    byte[] layer = "layer posing".getBytes(StandardCharsets.UTF_8);
    Digest c = registry.pushBlob("prod/app", config);
    Digest l = registry.pushBlob("prod/app", layer);
    String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"artifactType\":\""
        + MediaTypes.SIGSTORE_BUNDLE_V03 + "\",\"config\":" + TestManifests.descriptor(MediaTypes.OCI_CONFIG, c,
            config.length) + ",\"layers\":[" + TestManifests.descriptor(MediaTypes.OCI_LAYER_GZIP, l, layer.length)
        + "],\"subject\":" + TestManifests.descriptor(MediaTypes.OCI_MANIFEST, target, 1) + "}";
    byte[] bytes = manifest.getBytes(StandardCharsets.UTF_8);
    assertThat(registry.putManifest("prod/app", "sha256-" + target.hex() + ".sig", MediaTypes.OCI_MANIFEST, bytes)
        .statusCode()).isEqualTo(201);

    assertRefused("prod/app", Digest.sha256(bytes).toString(), "sha256-" + target.hex() + ".sig");
  }

  private Digest pushIndex(String repo, String tag, Digest... children) {
    Map<Digest, Long> sizes = new LinkedHashMap<>();
    for (Digest d : children) {
      try {
        sizes.put(d, registry.server().registry().manifests().get(repo, d.toString()).size());
      } catch (dev.signet.registry.server.service.RegistryException e) {
        throw new IllegalStateException(e);
      }
    }
    byte[] index = TestManifests.index(sizes);
    assertThat(registry.putManifest(repo, tag, MediaTypes.OCI_INDEX, index).statusCode()).isEqualTo(201);
    return Digest.sha256(index);
  }

  /** A cosign {@code .sbom} image: image config, one SPDX layer. */
  private Digest pushSbom(Digest subject) {
    byte[] spdx = "{\"spdxVersion\":\"SPDX-2.3\"}".getBytes(StandardCharsets.UTF_8);
    Digest s = registry.pushBlob("prod/app", spdx);
    byte[] config = "{\"architecture\":\"\",\"os\":\"\"}".getBytes(StandardCharsets.UTF_8);
    Digest c = registry.pushBlob("prod/app", config);
    byte[] m = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":"
        + TestManifests.descriptor(MediaTypes.OCI_CONFIG, c, config.length) + ",\"layers\":["
        + TestManifests.descriptor("text/spdx+json", s, spdx.length) + "]}").getBytes(StandardCharsets.UTF_8);
    assertThat(registry.putManifest("prod/app", SignatureTags.sbomTag(subject), MediaTypes.OCI_MANIFEST, m)
        .statusCode()).isEqualTo(201);
    return Digest.sha256(m);
  }
}
