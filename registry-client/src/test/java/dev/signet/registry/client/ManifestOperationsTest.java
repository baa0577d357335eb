package dev.signet.registry.client;

import static dev.signet.registry.client.RegistryFixtures.pushImage;
import static dev.signet.registry.client.RegistryFixtures.pushIndex;
import static dev.signet.registry.client.RegistryFixtures.ref;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.oci.Digest;
import dev.signet.oci.MediaTypes;
import dev.signet.oci.reference.ImageReference;
import dev.signet.oci.reference.Repository;
import dev.signet.testing.oci.LayoutImage;
import dev.signet.testing.registry.DockerRegistryExtension;
import dev.signet.testing.registry.DockerRegistryPeer;
import dev.signet.testing.registry.Skopeo;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Manifest verbs against docker-registry 2.8, with images pushed and read back by skopeo. */
@ExtendWith(DockerRegistryExtension.class)
class ManifestOperationsTest {
  @TempDir Path tmp;
  private final HttpRegistryClient client = RegistryFixtures.client();

  @Test
  void headAndGetByTagAndDigest(DockerRegistryPeer registry) throws Exception {
    Repository repo = RegistryFixtures.uniqueRepo(registry, "manifests");
    LayoutImage image = pushImage(tmp, repo, "v1", "head-get");

    ManifestHead head = client.headManifest(ref(repo + ":v1")).orElseThrow();
    assertThat(head.digest()).isEqualTo(image.digest());
    assertThat(head.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
    assertThat(head.size()).isEqualTo(image.size());
    assertThat(client.headManifest(ImageReference.of(repo, image.digest()))).contains(head);

    Manifest byTag = client.getManifest(ref(repo + ":v1"));
    assertThat(byTag.bytes()).isEqualTo(image.bytes());
    assertThat(byTag.digest()).isEqualTo(image.digest());
    assertThat(byTag.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
    assertThat(byTag.etag()).isPresent();
    assertThat(client.getManifest(ImageReference.of(repo, image.digest())).bytes()).isEqualTo(image.bytes());
  }

  @Test
  void missingManifestIsEmptyOnHeadAndNotFoundOnGet(DockerRegistryPeer registry) throws Exception {
    Repository repo = RegistryFixtures.uniqueRepo(registry, "manifests");
    pushImage(tmp, repo, "v1", "missing");
    assertThat(client.headManifest(ref(repo + ":nope"))).isEmpty();
    assertThatThrownBy(() -> client.getManifest(ref(repo + ":nope")))
        .isInstanceOfSatisfying(NotFoundException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.MANIFEST_UNKNOWN);
          assertThat(e.httpStatus()).isEqualTo(404);
        })
        .hasMessageStartingWith("GET manifest " + repo + ":nope: MANIFEST_UNKNOWN manifest unknown");
    Repository unknownRepo = RegistryFixtures.uniqueRepo(registry, "never-pushed");
    assertThatThrownBy(() -> client.getManifest(ref(unknownRepo + ":v1"))).isInstanceOf(NotFoundException.class);
    assertThat(client.headManifest(ref(unknownRepo + ":v1"))).isEmpty();
  }

  @Test
  void putManifestIsByteExactForSkopeo(DockerRegistryPeer registry) throws Exception {
    Repository repo = RegistryFixtures.uniqueRepo(registry, "manifests");
    LayoutImage image = pushImage(tmp, repo, "v1", "put");
    Digest d = client.putManifest(repo, "copy", image.bytes(), MediaTypes.OCI_MANIFEST);
    assertThat(d).isEqualTo(image.digest());
    assertThat(Skopeo.create().inspectRaw("docker://" + repo + ":copy")).isEqualTo(image.bytes());
    assertThat(Skopeo.create().inspect("docker://" + repo + ":copy")).contains(image.digest().toString());

    Digest byDigest = client.putManifest(repo, image.digest().toString(), image.bytes(), MediaTypes.OCI_MANIFEST);
    assertThat(byDigest).isEqualTo(image.digest());
  }

  @Test
  void putIndexAndReadItBack(DockerRegistryPeer registry) throws Exception {
    Repository repo = RegistryFixtures.uniqueRepo(registry, "manifests");
    LayoutImage index = pushIndex(tmp, repo, "multi", "index");
    Manifest got = client.getManifest(ref(repo + ":multi"));
    assertThat(got.isIndex()).isTrue();
    assertThat(got.digest()).isEqualTo(index.digest());
    client.putManifest(repo, "multi2", index.bytes(), MediaTypes.OCI_INDEX);
    assertThat(Skopeo.create().inspectRaw("docker://" + repo + ":multi2")).isEqualTo(index.bytes());
  }

  @Test
  void conditionalPutWithEtagIsAcceptedByARegistryThatIgnoresIt(DockerRegistryPeer registry) throws Exception {
    Repository repo = RegistryFixtures.uniqueRepo(registry, "manifests");
    LayoutImage image = pushImage(tmp, repo, "v1", "conditional");
    Manifest current = client.getManifest(ref(repo + ":v1"));
    client.putManifest(repo, "v1", image.bytes(), MediaTypes.OCI_MANIFEST,
        Precondition.ifMatch(current.etag().orElseThrow()));
    client.putManifest(repo, "fresh", image.bytes(), MediaTypes.OCI_MANIFEST, Precondition.ifNoneMatchAny());
    assertThat(client.headManifest(ref(repo + ":fresh"))).isPresent();
  }

  @Test
  void putWithMissingBlobsReportsTheRegistryError(DockerRegistryPeer registry) throws Exception {
    Repository source = RegistryFixtures.uniqueRepo(registry, "manifests");
    LayoutImage image = pushImage(tmp, source, "v1", "no-blobs");
    Repository empty = RegistryFixtures.uniqueRepo(registry, "manifests");
    assertThatThrownBy(() -> client.putManifest(empty, "v1", image.bytes(), MediaTypes.OCI_MANIFEST))
        .isInstanceOfSatisfying(RegistryException.class, e -> {
          assertThat(e).isNotInstanceOf(RegistryTransportException.class);
          assertThat(e.errorCode()).hasValue(ErrorCode.MANIFEST_BLOB_UNKNOWN);
        })
        .hasMessageStartingWith("PUT manifest " + empty + ":v1: MANIFEST_BLOB_UNKNOWN");
  }

  @Test
  void deleteByDigestRemovesTheManifest(DockerRegistryPeer registry) throws Exception {
    Repository repo = RegistryFixtures.uniqueRepo(registry, "manifests");
    LayoutImage image = pushImage(tmp, repo, "v1", "delete");
    ImageReference byDigest = ImageReference.of(repo, image.digest());
    client.deleteManifest(byDigest);
    assertThat(client.headManifest(byDigest)).isEmpty();
    assertThat(client.headManifest(ref(repo + ":v1"))).isEmpty();
    assertThatThrownBy(() -> client.deleteManifest(byDigest))
        .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MANIFEST_UNKNOWN));
  }

  @Test
  void tagDeleteIsUnsupportedOnDistribution2(DockerRegistryPeer registry) throws Exception {
    Repository repo = RegistryFixtures.uniqueRepo(registry, "manifests");
    pushImage(tmp, repo, "v1", "tag-delete");
    assertThatThrownBy(() -> client.deleteManifest(ref(repo + ":v1")))
        .isInstanceOf(UnsupportedByRegistryException.class)
        .hasMessageContaining("delete by digest");
    assertThat(client.headManifest(ref(repo + ":v1"))).isPresent();
  }

  @Test
  void headByDigestReportsThatDigest(DockerRegistryPeer registry) throws Exception {
    Repository repo = RegistryFixtures.uniqueRepo(registry, "manifests");
    LayoutImage image = pushImage(tmp, repo, "v1", "head-digest");
    Optional<ManifestHead> head = client.headManifest(ImageReference.of(repo, image.digest()));
    assertThat(head).map(ManifestHead::digest).contains(image.digest());
  }
}
