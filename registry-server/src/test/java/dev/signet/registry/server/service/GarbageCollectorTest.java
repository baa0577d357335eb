package dev.signet.registry.server.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.cosign.SignatureTags;
import dev.signet.oci.Digest;
import dev.signet.oci.MediaTypes;
import dev.signet.registry.server.storage.ManifestKey;
import dev.signet.registry.server.testkit.MutableClock;
import dev.signet.registry.server.testkit.TestManifests;
import dev.signet.registry.server.testkit.TestRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GarbageCollectorTest {
  private static final Duration GRACE = Duration.ofHours(1);

  @TempDir Path data;
  MutableClock clock = new MutableClock(Instant.now());
  TestRegistry registry;
  Registry services;

  @BeforeEach
  void start() {
    registry = TestRegistry.start(data, clock);
    services = registry.server().registry();
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  private Digest pushReferrer(Digest subject, String artifactType) {
    registry.pushEmptyConfig("repo");
    byte[] m = TestManifests.referrer(subject, 10, artifactType, Map.of());
    registry.putManifest("repo", Digest.sha256(m).toString(), MediaTypes.OCI_MANIFEST, m);
    return Digest.sha256(m);
  }

  private Digest pushLegacySig(Digest subject, String seed) {
    Digest layer = registry.pushBlob("repo", ("sig " + seed).getBytes());
    byte[] m = TestManifests.legacySignature(List.of(layer), ("sig " + seed).length());
    registry.putManifest("repo", SignatureTags.signatureTag(subject), MediaTypes.OCI_MANIFEST, m);
    return Digest.sha256(m);
  }

  private boolean served(Digest d) {
    return registry.send("HEAD", "/v2/repo/manifests/" + d, null).statusCode() == 200;
  }

  @Test
  void keepsAccessoriesOfLiveSubjects_removesOrphansAfterTheGrace() {
    Digest subject = registry.pushImage("repo", "v1", "live");
    Digest bundle = pushReferrer(subject, MediaTypes.SIGSTORE_BUNDLE_V03);
    Digest oldSig = pushLegacySig(subject, "1");
    Digest newSig = pushLegacySig(subject, "2");
    Digest sbom = pushReferrer(subject, "application/spdx+json");
    Digest sbomSig = pushReferrer(sbom, MediaTypes.SIGSTORE_BUNDLE_V03);
    Digest orphanImage = registry.pushImage("repo", "temp", "orphan");
    registry.send("DELETE", "/v2/repo/manifests/temp", null);
    Digest orphanReferrer = pushReferrer(Digest.sha256("never pushed".getBytes()), "application/example");
    Digest strayBlob = registry.pushBlob("repo", "stray".getBytes());
    registry.send("POST", "/v2/repo/blobs/uploads/", new byte[0]);

    GcReport early = services.gc().run(GRACE, false);
    assertThat(early.manifests()).isEmpty();
    assertThat(early.blobs()).isEmpty();

    clock.advance(Duration.ofHours(2));
    GcReport dry = services.gc().run(GRACE, true);
    assertThat(dry.manifests()).extracting(ManifestKey::digest).containsExactlyInAnyOrder(orphanImage, orphanReferrer);
    assertThat(dry.blobs()).extracting(b -> b.digest()).contains(strayBlob);
    assertThat(served(orphanImage)).isTrue();

    GcReport report = services.gc().run(GRACE, false);
    assertThat(report.manifests()).extracting(ManifestKey::digest)
        .containsExactlyInAnyOrder(orphanImage, orphanReferrer);
    assertThat(report.blobs()).extracting(b -> b.digest()).containsExactlyInAnyOrderElementsOf(
        dry.blobs().stream().map(b -> b.digest()).toList());
    assertThat(report.blobs()).hasSize(3);
    assertThat(report.uploads()).hasSize(1);
    for (Digest kept : List.of(subject, bundle, oldSig, newSig, sbom, sbomSig)) {
      assertThat(served(kept)).as(kept.toString()).isTrue();
    }
    assertThat(served(orphanImage)).isFalse();
    assertThat(registry.send("HEAD", "/v2/repo/blobs/" + strayBlob, null).statusCode()).isEqualTo(404);
    assertThat(services.fsck().run().problems()).isEmpty();

    registry.send("DELETE", "/v2/repo/manifests/v1", null);
    registry.send("DELETE", "/v2/repo/manifests/" + SignatureTags.signatureTag(subject), null);
    clock.advance(Duration.ofHours(2));
    GcReport untagged = services.gc().run(GRACE, false);
    assertThat(untagged.manifests()).extracting(ManifestKey::digest)
        .containsExactlyInAnyOrder(subject, bundle, oldSig, newSig, sbom, sbomSig);
    assertThat(services.fsck().run().problems()).isEmpty();
  }

  @Test
  void recentContentIsProtected() {
    clock.advance(Duration.ofHours(5));
    Digest blob = registry.pushBlob("repo", "fresh".getBytes());
    Digest manifest = registry.pushImage("repo", "t", "x");
    registry.send("DELETE", "/v2/repo/manifests/t", null);
    GcReport r = services.gc().run(GRACE, false);
    assertThat(r.manifests()).isEmpty();
    assertThat(r.blobs()).isEmpty();
    assertThat(registry.send("HEAD", "/v2/repo/blobs/" + blob, null).statusCode()).isEqualTo(200);
    assertThat(served(manifest)).isTrue();
  }

  @Test
  void aBlobAClientWasToldExistsSurvivesTheGrace() {
    Digest blob = registry.pushBlob("repo", "looked at".getBytes());
    clock.advance(Duration.ofHours(2));
    assertThat(registry.send("HEAD", "/v2/repo/blobs/" + blob, null).statusCode()).isEqualTo(200);
    assertThat(services.gc().run(GRACE, false).blobs()).isEmpty();
    clock.advance(Duration.ofHours(2));
    assertThat(services.gc().run(GRACE, false).blobs()).extracting(b -> b.digest()).containsExactly(blob);
  }
}
