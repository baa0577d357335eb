package dev.signet.registry.client;

import static dev.signet.registry.client.RegistryFixtures.pushImage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.oci.Descriptor;
import dev.signet.oci.Digest;
import dev.signet.oci.ImageManifest;
import dev.signet.oci.Manifests;
import dev.signet.oci.MediaTypes;
import dev.signet.oci.reference.Repository;
import dev.signet.testing.oci.LayoutImage;
import dev.signet.testing.registry.DockerRegistryExtension;
import dev.signet.testing.registry.DockerRegistryPeer;
import dev.signet.testing.registry.Skopeo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Tag listing and the referrers fallback tag schema against docker-registry 2.8 (no referrers API). */
@ExtendWith(DockerRegistryExtension.class)
class TagsAndReferrersTest {
  private static final String BUNDLE = MediaTypes.SIGSTORE_BUNDLE_V03;
  private static final byte[] EMPTY_CONFIG = "{}".getBytes(StandardCharsets.UTF_8);

  @TempDir Path tmp;
  private final HttpRegistryClient client = RegistryFixtures.client();

  @Test
  void listTagsMatchesSkopeo(DockerRegistryPeer registry) throws Exception {
    Repository repo = RegistryFixtures.uniqueRepo(registry, "tags");
    LayoutImage image = pushImage(tmp, repo, "a", "tags");
    client.putManifest(repo, "b", image.bytes(), MediaTypes.OCI_MANIFEST);
    client.putManifest(repo, "c", image.bytes(), MediaTypes.OCI_MANIFEST);

    List<String> tags = client.listTags(repo);
    assertThat(tags).containsExactlyInAnyOrder("a", "b", "c");
    @SuppressWarnings("unchecked")
    List<String> skopeoTags = (List<String>) new ObjectMapper()
        .readValue(Skopeo.create().listTags("docker://" + repo), Map.class).get("Tags");
    assertThat(tags).containsExactlyInAnyOrderElementsOf(skopeoTags);

    Repository unknown = RegistryFixtures.uniqueRepo(registry, "tags");
    assertThatThrownBy(() -> client.listTags(unknown))
        .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NAME_UNKNOWN));
  }

  @Test
  void referrersFallBackToTheTagSchemaOnDistribution2(DockerRegistryPeer registry) throws Exception {
    Repository repo = RegistryFixtures.uniqueRepo(registry, "referrers");
    LayoutImage subject = pushImage(tmp, repo, "v1", "referrers");
    assertThat(client.supportsReferrersApi(repo)).isFalse();

    ReferrersResult none = client.referrers(repo, subject.digest(), Optional.empty());
    assertThat(none.referrers()).isEmpty();
    assertThat(none.source()).isEqualTo(ReferrersResult.Source.FALLBACK_TAG);

    byte[] first = pushReferrer(repo, subject, "first");
    byte[] second = pushReferrer(repo, subject, "second");
    ReferrersTagSchema schema = new ReferrersTagSchema(client);
    Descriptor firstDesc = ReferrersTagSchema.descriptorOf(first, MediaTypes.OCI_MANIFEST);
    assertThat(schema.add(repo, subject.digest(), firstDesc)).isTrue();
    assertThat(schema.add(repo, subject.digest(), firstDesc)).as("already listed").isFalse();
    assertThat(schema.add(repo, subject.digest(), ReferrersTagSchema.descriptorOf(second, MediaTypes.OCI_MANIFEST)))
        .isTrue();

    ReferrersResult all = client.referrers(repo, subject.digest(), Optional.empty());
    assertThat(all.source()).isEqualTo(ReferrersResult.Source.FALLBACK_TAG);
    assertThat(all.filteredByRegistry()).isFalse();
    assertThat(all.referrers()).extracting(Descriptor::digest).as("sorted by digest, like go-containerregistry")
        .containsExactly(java.util.stream.Stream.of(Digest.sha256(first), Digest.sha256(second)).sorted()
            .map(Digest::toString).toArray(String[]::new));
    Descriptor d = all.referrers().stream().filter(x -> x.digest().equals(Digest.sha256(first).toString()))
        .findFirst().orElseThrow();
    assertThat(d.artifactType()).isEqualTo(BUNDLE);
    assertThat(d.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
    assertThat(d.size()).isEqualTo(first.length);
    assertThat(d.annotationsOrEmpty()).containsEntry("dev.signet.test", "first");

    assertThat(client.referrers(repo, subject.digest(), Optional.of(BUNDLE)).referrers()).hasSize(2);
    assertThat(client.referrers(repo, subject.digest(), Optional.of("application/x-other")).referrers()).isEmpty();

    String fallbackTag = "sha256-" + subject.digest().hex();
    assertThat(ReferrersTagSchema.tagFor(subject.digest())).isEqualTo(fallbackTag);
    String raw = new String(Skopeo.create().inspectRaw("docker://" + repo + ":" + fallbackTag), StandardCharsets.UTF_8);
    assertThat(raw).contains(Digest.sha256(first).toString(), "\"artifactType\":\"" + BUNDLE + "\"");
    assertThat(client.getManifest(RegistryFixtures.ref(repo + ":" + fallbackTag)).mediaType())
        .isEqualTo(MediaTypes.OCI_INDEX);

    assertThat(schema.remove(repo, subject.digest(), Digest.sha256(first))).isTrue();
    assertThat(schema.remove(repo, subject.digest(), Digest.sha256(first))).isFalse();
    assertThat(client.referrers(repo, subject.digest(), Optional.empty()).referrers()).extracting(Descriptor::digest)
        .containsExactly(Digest.sha256(second).toString());
  }

  /** Pushes a cosign-style bundle referrer (empty config, one layer, subject) by digest. */
  private byte[] pushReferrer(Repository repo, LayoutImage subject, String note) throws Exception {
    client.pushBlob(repo, Digest.sha256(EMPTY_CONFIG), EMPTY_CONFIG);
    byte[] layer = ("{\"bundle\":\"" + note + "\"}").getBytes(StandardCharsets.UTF_8);
    client.pushBlob(repo, Digest.sha256(layer), layer);
    ImageManifest m = new ImageManifest(2, MediaTypes.OCI_MANIFEST,
        Descriptor.of(MediaTypes.OCI_EMPTY, Digest.sha256(EMPTY_CONFIG), EMPTY_CONFIG.length),
        new ArrayList<>(List.of(Descriptor.of(BUNDLE, Digest.sha256(layer), layer.length))),
        Map.of("dev.signet.test", note),
        Descriptor.of(MediaTypes.OCI_MANIFEST, subject.digest(), subject.size()),
        BUNDLE);
    byte[] bytes = Manifests.toJson(m);
    Digest d = client.putManifest(repo, Digest.sha256(bytes).toString(), bytes, MediaTypes.OCI_MANIFEST);
    assertThat(Skopeo.create().inspectRaw("docker://" + repo + "@" + d)).isEqualTo(bytes);
    return bytes;
  }
}
