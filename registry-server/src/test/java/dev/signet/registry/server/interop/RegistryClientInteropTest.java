package dev.signet.registry.server.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.oci.Descriptor;
import dev.signet.oci.Digest;
import dev.signet.oci.MediaTypes;
import dev.signet.oci.reference.ImageReference;
import dev.signet.oci.reference.Repository;
import dev.signet.registry.client.HttpRegistryClient;
import dev.signet.registry.client.Manifest;
import dev.signet.registry.client.NotFoundException;
import dev.signet.registry.client.Precondition;
import dev.signet.registry.client.PreconditionFailedException;
import dev.signet.registry.client.ReferrersResult;
import dev.signet.registry.client.ReferrersTagSchema;
import dev.signet.registry.server.testkit.TestManifests;
import dev.signet.registry.server.testkit.TestRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signet's own registry client against the registry: every endpoint it uses, referrers through the API. */
class RegistryClientInteropTest {
  @TempDir Path data;
  TestRegistry registry;
  HttpRegistryClient client;
  Repository repo;

  @BeforeEach
  void start() {
    registry = TestRegistry.start(data);
    client = registry.client();
    repo = registry.repository("team/app");
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  private Digest pushImage(String tag) throws Exception {
    byte[] config = ("{\"tag\":\"" + tag + "\"}").getBytes(StandardCharsets.UTF_8);
    byte[] layer = new byte[300_000];
    new Random(tag.hashCode()).nextBytes(layer);
    client.pushBlob(repo, Digest.sha256(config), config);
    Digest layerDigest = client.pushBlobChunked(repo, new ByteArrayInputStream(layer), 64 * 1024);
    byte[] manifest = TestManifests.image(Digest.sha256(config), config.length, Map.of(layerDigest, (long) layer.length));
    return client.putManifest(repo, tag, manifest, MediaTypes.OCI_MANIFEST);
  }

  @Test
  void blobsAndManifests_roundTrip() throws Exception {
    Digest d = pushImage("v1");
    Manifest m = client.getManifest(ImageReference.parse(repo.name() + ":v1"));
    assertThat(m.digest()).isEqualTo(d);
    assertThat(m.etag()).hasValue("\"" + d + "\"");
    assertThat(client.headManifest(ImageReference.parse(repo.name() + "@" + d)).orElseThrow().size())
        .isEqualTo(m.size());
    Digest layer = Digest.parse(dev.signet.oci.Manifests.parseManifest(m.bytes()).layers().get(0).digest());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(client.getBlob(repo, layer, out)).isEqualTo(300_000);
    assertThat(Digest.sha256(out.toByteArray())).isEqualTo(layer);
    assertThat(client.headBlob(repo, layer)).hasValue(300_000L);
    assertThat(client.listTags(repo)).containsExactly("v1");

    Repository other = registry.repository("team/other");
    assertThat(client.mountBlob(other, repo, layer)).isTrue();
    assertThat(client.headBlob(other, layer)).hasValue(300_000L);

    client.deleteManifest(ImageReference.parse(repo.name() + ":v1"));
    assertThat(client.headManifest(ImageReference.parse(repo.name() + ":v1"))).isEmpty();
    assertThat(client.headManifest(ImageReference.parse(repo.name() + "@" + d))).isPresent();
    client.deleteManifest(ImageReference.parse(repo.name() + "@" + d));
    assertThatThrownBy(() -> client.getManifest(ImageReference.parse(repo.name() + "@" + d)))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void conditionalPuts_areHonoured() throws Exception {
    Digest a = pushImage("a");
    byte[] bytes = client.getManifest(ImageReference.parse(repo.name() + ":a")).bytes();
    client.putManifest(repo, "t", bytes, MediaTypes.OCI_MANIFEST, Precondition.ifNoneMatchAny());
    assertThatThrownBy(() -> client.putManifest(repo, "t", bytes, MediaTypes.OCI_MANIFEST,
        Precondition.ifNoneMatchAny())).isInstanceOf(PreconditionFailedException.class);
    client.putManifest(repo, "t", bytes, MediaTypes.OCI_MANIFEST, Precondition.ifMatch("\"" + a + "\""));
  }

  @Test
  void referrers_comeFromTheApi() throws Exception {
    Digest subject = pushImage("v1");
    assertThat(client.supportsReferrersApi(repo)).isTrue();
    client.pushBlob(repo, TestManifests.EMPTY_DIGEST, TestManifests.EMPTY_JSON);
    byte[] sig = TestManifests.referrer(subject, 10, MediaTypes.SIGSTORE_BUNDLE_V03, Map.of("k", "v"));
    Digest sigDigest = client.putManifest(repo, Digest.sha256(sig).toString(), sig, MediaTypes.OCI_MANIFEST);
    ReferrersResult r = client.referrers(repo, subject, Optional.of(MediaTypes.SIGSTORE_BUNDLE_V03));
    assertThat(r.source()).isEqualTo(ReferrersResult.Source.REFERRERS_API);
    assertThat(r.filteredByRegistry()).isTrue();
    assertThat(r.referrers()).extracting(Descriptor::digest).containsExactly(sigDigest.toString());
    assertThat(r.referrers().get(0).annotations()).containsEntry("k", "v");
    assertThat(client.referrers(repo, subject, Optional.of("application/other")).referrers()).isEmpty();
  }

  @Test
  void referrersTagSchema_worksAgainstTheRegistry() throws Exception {
    Digest subject = pushImage("v1");
    client.pushBlob(repo, TestManifests.EMPTY_DIGEST, TestManifests.EMPTY_JSON);
    ReferrersTagSchema schema = new ReferrersTagSchema(client);
    byte[] one = TestManifests.referrer(subject, 10, "application/one", Map.of());
    byte[] two = TestManifests.referrer(subject, 10, "application/two", Map.of());
    client.putManifest(repo, Digest.sha256(one).toString(), one, MediaTypes.OCI_MANIFEST);
    client.putManifest(repo, Digest.sha256(two).toString(), two, MediaTypes.OCI_MANIFEST);
    assertThat(schema.add(repo, subject, ReferrersTagSchema.descriptorOf(one, MediaTypes.OCI_MANIFEST))).isTrue();
    assertThat(schema.add(repo, subject, ReferrersTagSchema.descriptorOf(two, MediaTypes.OCI_MANIFEST))).isTrue();
    assertThat(schema.add(repo, subject, ReferrersTagSchema.descriptorOf(two, MediaTypes.OCI_MANIFEST))).isFalse();
    assertThat(schema.remove(repo, subject, Digest.sha256(one))).isTrue();
    Manifest index = client.getManifest(ImageReference.parse(repo.name() + ":" + ReferrersTagSchema.tagFor(subject)));
    assertThat(dev.signet.oci.Manifests.parseIndex(index.bytes()).manifests()).extracting(Descriptor::digest)
        .containsExactly(Digest.sha256(two).toString());
  }
}
