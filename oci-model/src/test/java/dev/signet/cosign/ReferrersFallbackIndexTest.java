package dev.signet.cosign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.oci.Descriptor;
import dev.signet.oci.Digest;
import dev.signet.oci.ImageIndex;
import dev.signet.oci.ImageManifest;
import dev.signet.oci.Manifests;
import dev.signet.oci.MediaTypes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReferrersFallbackIndexTest {

  private static Descriptor entry(char c, String artifactType) {
    return new Descriptor(MediaTypes.OCI_MANIFEST, 10, "sha256:" + String.valueOf(c).repeat(64),
        Map.of("k", String.valueOf(c)), null, artifactType);
  }

  @Test
  void emptyIndexBytes() {
    assertThat(new String(Manifests.toJson(ReferrersFallbackIndex.empty()), StandardCharsets.UTF_8))
        .isEqualTo("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[]}");
  }

  @Test
  void mergeSortsByDigestAndKeepsArtifactTypeAndAnnotations() {
    ImageIndex idx = ReferrersFallbackIndex.merge(null, entry('c', "t/c"));
    idx = ReferrersFallbackIndex.merge(idx, entry('a', "t/a"));
    idx = ReferrersFallbackIndex.merge(idx, entry('b', null));
    assertThat(idx.manifests()).extracting(Descriptor::digest)
        .containsExactly("sha256:" + "a".repeat(64), "sha256:" + "b".repeat(64), "sha256:" + "c".repeat(64));
    String json = new String(Manifests.toJson(idx), StandardCharsets.UTF_8);
    assertThat(json).contains("{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"size\":10,\"digest\":\"sha256:"
        + "a".repeat(64) + "\",\"annotations\":{\"k\":\"a\"},\"artifactType\":\"t/a\"}");
  }

  @Test
  void mergeIsIdempotentAndReplacesChangedEntries() {
    ImageIndex idx = ReferrersFallbackIndex.merge(ReferrersFallbackIndex.merge(null, entry('a', "x")), entry('b', "y"));
    assertThat(ReferrersFallbackIndex.merge(idx, entry('a', "x"))).isSameAs(idx);
    ImageIndex changed = ReferrersFallbackIndex.merge(idx, entry('a', "z"));
    assertThat(changed.manifests()).hasSize(2);
    assertThat(changed.manifests().get(0).artifactType()).isEqualTo("z");
  }

  @Test
  void mergeKeepsExistingIndexFields() {
    ImageIndex existing = new ImageIndex(2, MediaTypes.OCI_INDEX, java.util.List.of(entry('b', "y")), Map.of("keep", "1"), null, null);
    ImageIndex merged = ReferrersFallbackIndex.merge(existing, entry('a', "x"));
    assertThat(merged.annotations()).containsEntry("keep", "1");
    assertThat(merged.manifests()).hasSize(2);
  }

  @Test
  void removeDropsOnlyThatDigest() {
    ImageIndex idx = ReferrersFallbackIndex.merge(ReferrersFallbackIndex.merge(null, entry('a', "x")), entry('b', "y"));
    Digest a = new Digest("sha256", "a".repeat(64));
    ImageIndex removed = ReferrersFallbackIndex.remove(idx, a);
    assertThat(ReferrersFallbackIndex.contains(removed, a)).isFalse();
    assertThat(removed.manifests()).hasSize(1);
    assertThat(ReferrersFallbackIndex.remove(removed, a)).isSameAs(removed);
  }

  @Test
  void entryForBundleReferrerCopiesAnnotationsAndArtifactType() {
    Descriptor subject = Descriptor.of(MediaTypes.OCI_MANIFEST, new Digest("sha256", "1".repeat(64)), 5);
    ImageManifest m = BundleReferrerManifest.build(new byte[] {'{', '}'}, "p", subject, Instant.EPOCH);
    byte[] bytes = BundleReferrerManifest.toJson(m);
    Descriptor e = ReferrersFallbackIndex.entryFor(m, bytes);
    assertThat(e.digest()).isEqualTo(Digest.sha256(bytes).toString());
    assertThat(e.size()).isEqualTo(bytes.length);
    assertThat(e.artifactType()).isEqualTo(MediaTypes.SIGSTORE_BUNDLE_V03);
    assertThat(e.annotationsOrEmpty()).containsEntry("dev.sigstore.bundle.predicateType", "p");
    assertThat(e.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
  }
}
