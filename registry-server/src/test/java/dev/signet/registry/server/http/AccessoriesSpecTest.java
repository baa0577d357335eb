package dev.signet.registry.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signet.cosign.SignatureTags;
import dev.signet.oci.Digest;
import dev.signet.oci.MediaTypes;
import dev.signet.payload.SimpleSigningPayload;
import dev.signet.registry.server.testkit.TestManifests;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Accessories: subject links, every legacy cosign tag (with history), fallback indexes, cascades. */
class AccessoriesSpecTest extends SpecTestBase {

  private JsonNode accessories(String repo, Digest subject) {
    HttpResponse<byte[]> r = registry.send("GET", "/api/v1/repositories/" + repo + "/artifacts/" + subject
        + "/accessories", null);
    assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
    return json(r);
  }

  private Digest pushLegacy(String repo, Digest subject, SignatureTags.Kind kind, String seed) {
    // a simple-signing payload naming the subject: only such signatures follow their subject when it is deleted
    byte[] payload = SimpleSigningPayload.of(repo, subject, Map.of("seed", seed)).toJson();
    Digest layer = registry.pushBlob(repo, payload);
    registry.pushEmptyConfig(repo);
    byte[] sig = TestManifests.legacySignature(List.of(layer), payload.length);
    HttpResponse<byte[]> r = registry.putManifest(repo, SignatureTags.tag(subject, kind), MediaTypes.OCI_MANIFEST, sig);
    assertThat(r.statusCode()).isEqualTo(201);
    return Digest.sha256(sig);
  }

  @Test
  void legacySignatureTags_keepEveryHistoricalSignatureLinked() {
    Digest subject = registry.pushImage("repo", "v1", "s");
    Digest first = pushLegacy("repo", subject, SignatureTags.Kind.SIGNATURE, "1");
    Digest second = pushLegacy("repo", subject, SignatureTags.Kind.SIGNATURE, "2");
    Digest att = pushLegacy("repo", subject, SignatureTags.Kind.ATTESTATION, "3");
    Digest sbom = pushLegacy("repo", subject, SignatureTags.Kind.SBOM, "4");
    JsonNode list = accessories("repo", subject);
    assertThat(list).hasSize(4);
    assertThat(digests(list))
        .containsExactlyInAnyOrder(first.toString(), second.toString(), att.toString(), sbom.toString());
    JsonNode firstEntry = entry(list, first);
    assertThat(firstEntry.get("type").asText()).isEqualTo("COSIGN_SIGNATURE");
    assertThat(firstEntry.get("via").get(0).asText()).isEqualTo("SIGNATURE_TAG");
    assertThat(firstEntry.get("mediaType").asText()).isEqualTo(MediaTypes.OCI_MANIFEST);
    assertThat(firstEntry.get("size").asLong()).isPositive();
    assertThat(firstEntry.get("created").asText()).isNotEmpty();
    assertThat(entry(list, att).get("via").get(0).asText()).isEqualTo("ATTESTATION_TAG");
    assertThat(entry(list, sbom).get("via").get(0).asText()).isEqualTo("SBOM_TAG");
  }

  @Test
  void referrersAndFallbackIndexes_areAccessoriesToo() {
    Digest subject = registry.pushImage("repo", "v1", "s");
    registry.pushEmptyConfig("repo");
    byte[] bundle = TestManifests.referrer(subject, 10, MediaTypes.SIGSTORE_BUNDLE_V03, Map.of());
    Digest bundleDigest = Digest.sha256(bundle);
    registry.putManifest("repo", bundleDigest.toString(), MediaTypes.OCI_MANIFEST, bundle);
    byte[] fallback = TestManifests.index(Map.of(bundleDigest, (long) bundle.length));
    registry.putManifest("repo", SignatureTags.referrersFallbackTag(subject), MediaTypes.OCI_INDEX, fallback);
    JsonNode list = accessories("repo", subject);
    assertThat(entry(list, bundleDigest).get("type").asText()).isEqualTo("SIGSTORE_BUNDLE");
    assertThat(DiscoverySpecTest.texts(entry(list, bundleDigest).get("via"))).containsExactly("SUBJECT", "FALLBACK_ENTRY");
    assertThat(entry(list, bundleDigest).get("artifactType").asText()).isEqualTo(MediaTypes.SIGSTORE_BUNDLE_V03);
    assertThat(entry(list, Digest.sha256(fallback)).get("type").asText()).isEqualTo("REFERRERS_INDEX");
  }

  @Test
  void aNewFallbackIndexReplacesWhatThePreviousOneAttached() {
    Digest subject = registry.pushImage("repo", "v1", "s");
    Digest legacy = pushLegacy("repo", Digest.sha256("unrelated".getBytes()), SignatureTags.Kind.SIGNATURE, "x");
    byte[] legacyBytes = registry.send("GET", "/v2/repo/manifests/" + legacy, null).body();
    registry.pushEmptyConfig("repo");
    byte[] bundle = TestManifests.referrer(subject, 10, MediaTypes.SIGSTORE_BUNDLE_V03, Map.of());
    Digest bundleDigest = Digest.sha256(bundle);
    registry.putManifest("repo", bundleDigest.toString(), MediaTypes.OCI_MANIFEST, bundle);
    String tag = SignatureTags.referrersFallbackTag(subject);
    byte[] first = TestManifests.index(Map.of(bundleDigest, (long) bundle.length, legacy, (long) legacyBytes.length));
    registry.putManifest("repo", tag, MediaTypes.OCI_INDEX, first);
    assertThat(digests(accessories("repo", subject))).containsExactlyInAnyOrder(bundleDigest.toString(),
        legacy.toString(), Digest.sha256(first).toString());

    byte[] second = TestManifests.index(Map.of(bundleDigest, (long) bundle.length));
    registry.putManifest("repo", tag, MediaTypes.OCI_INDEX, second);
    assertThat(digests(accessories("repo", subject))).containsExactlyInAnyOrder(bundleDigest.toString(),
        Digest.sha256(second).toString());
  }

  @Test
  void deletingASubject_deletesItsAccessoriesRecursively() {
    Digest subject = registry.pushImage("repo", "v1", "s");
    Digest sig = pushLegacy("repo", subject, SignatureTags.Kind.SIGNATURE, "1");
    Digest older = pushLegacy("repo", subject, SignatureTags.Kind.SIGNATURE, "0");
    registry.pushEmptyConfig("repo");
    byte[] sbom = TestManifests.referrer(subject, 10, "application/spdx+json", Map.of());
    Digest sbomDigest = Digest.sha256(sbom);
    registry.putManifest("repo", sbomDigest.toString(), MediaTypes.OCI_MANIFEST, sbom);
    byte[] sbomSig = TestManifests.referrer(sbomDigest, sbom.length, MediaTypes.SIGSTORE_BUNDLE_V03, Map.of());
    registry.putManifest("repo", Digest.sha256(sbomSig).toString(), MediaTypes.OCI_MANIFEST, sbomSig);
    Digest unrelated = registry.pushImage("repo", "other", "o");

    assertThat(registry.send("DELETE", "/v2/repo/manifests/" + subject, null).statusCode()).isEqualTo(202);
    for (Digest gone : List.of(subject, sig, older, sbomDigest, Digest.sha256(sbomSig))) {
      assertThat(registry.send("GET", "/v2/repo/manifests/" + gone, null).statusCode()).as(gone.toString())
          .isEqualTo(404);
    }
    assertThat(registry.send("GET", "/v2/repo/manifests/" + SignatureTags.signatureTag(subject), null).statusCode())
        .isEqualTo(404);
    assertThat(accessories("repo", subject)).isEmpty();
    assertThat(json(registry.send("GET", "/v2/repo/referrers/" + subject, null)).get("manifests")).isEmpty();
    assertThat(registry.send("GET", "/v2/repo/manifests/" + unrelated, null).statusCode()).isEqualTo(200);
  }

  @Test
  void deletingAnAccessoryByDigest_detachesOnlyIt() {
    Digest subject = registry.pushImage("repo", "v1", "s");
    Digest first = pushLegacy("repo", subject, SignatureTags.Kind.SIGNATURE, "1");
    Digest second = pushLegacy("repo", subject, SignatureTags.Kind.SIGNATURE, "2");
    assertThat(registry.send("DELETE", "/v2/repo/manifests/" + first, null).statusCode()).isEqualTo(202);
    assertThat(digests(accessories("repo", subject))).containsExactly(second.toString());
    assertThat(registry.send("GET", "/v2/repo/manifests/v1", null).statusCode()).isEqualTo(200);
  }

  @Test
  void deletingTheLegacyTag_detachesItsSignatures_likeCosignClean() {
    Digest subject = registry.pushImage("repo", "v1", "s");
    Digest sig = pushLegacy("repo", subject, SignatureTags.Kind.SIGNATURE, "1");
    Digest att = pushLegacy("repo", subject, SignatureTags.Kind.ATTESTATION, "2");
    assertThat(registry.send("DELETE", "/v2/repo/manifests/" + SignatureTags.signatureTag(subject), null)
        .statusCode()).isEqualTo(202);
    assertThat(digests(accessories("repo", subject))).containsExactly(att.toString());
    assertThat(registry.send("GET", "/v2/repo/manifests/" + sig, null).statusCode()).isEqualTo(200);
  }

  private static List<String> digests(JsonNode list) {
    return list.findValues("digest").stream().map(JsonNode::asText).toList();
  }

  private static JsonNode entry(JsonNode list, Digest d) {
    for (JsonNode n : list) {
      if (n.get("digest").asText().equals(d.toString())) {
        return n;
      }
    }
    throw new AssertionError(d + " not in " + list);
  }
}
