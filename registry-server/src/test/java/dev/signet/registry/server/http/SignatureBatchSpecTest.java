package dev.signet.registry.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.cosign.SignatureTags;
import dev.signet.oci.Digest;
import dev.signet.oci.MediaTypes;
import dev.signet.registry.server.testkit.TestManifests;
import dev.signet.registry.server.testkit.TestRegistry;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@code POST /v2/<name>/_signet/signatures} over real HTTP, without authentication. */
class SignatureBatchSpecTest extends SpecTestBase {
  private static final String REPO = "team/app";
  private static final String MEDIA_TYPE = "application/vnd.signet.signatures.v1+json";

  @Test
  void versionCheckAdvertisesTheBatchRead() {
    HttpResponse<byte[]> r = registry.send("GET", "/v2/", null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Signet-Batch-Signatures")).hasValue("v1");
    assertThat(registry.send("GET", "/v2/" + REPO + "/tags/list", null).headers()
        .firstValue("Signet-Batch-Signatures")).isEmpty();
  }

  @Test
  void answersReferrersLegacySignatureAndAttestationWithRecomputableDigests() throws Exception {
    Digest image = registry.pushImage(REPO, "v1", "batch");
    long imageSize = manifestBytes(image.toString()).length;
    byte[] small = "small signature layer".getBytes(StandardCharsets.UTF_8);
    byte[] big = randomBytes(100 * 1024, 1); // above the default 64 KiB inline limit
    Digest referrer = pushReferrer(image, imageSize, "application/vnd.dev.sigstore.bundle.v0.3+json", small, big);
    Digest other = pushReferrer(image, imageSize, "application/spdx+json", "sbom".getBytes(StandardCharsets.UTF_8));
    byte[] sigLayer = "{\"critical\":{}}".getBytes(StandardCharsets.UTF_8);
    Digest sig = pushLegacy(SignatureTags.signatureTag(image), sigLayer);
    byte[] attLayer = "{\"payloadType\":\"x\"}".getBytes(StandardCharsets.UTF_8);
    Digest att = pushLegacy(SignatureTags.attestationTag(image), attLayer);

    HttpResponse<byte[]> r = batch("{\"subjects\":[\"v1\",\"" + image + "\"]}");

    assertThat(r.statusCode()).as(TestRegistry.text(r)).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue(MEDIA_TYPE);
    JsonNode subjects = json(r).get("subjects");
    assertThat(fieldNames(subjects)).containsExactly("v1", image.toString());
    assertThat(subjects.get("v1")).isEqualTo(subjects.get(image.toString()));
    JsonNode s = subjects.get("v1");
    assertThat(s.get("digest").asText()).isEqualTo(image.toString());
    assertThat(s.get("mediaType").asText()).isEqualTo(MediaTypes.OCI_MANIFEST);
    assertThat(s.get("size").asLong()).isEqualTo(imageSize);

    // exactly the descriptors of the referrers API, in its order
    JsonNode listed = json(registry.send("GET", "/v2/" + REPO + "/referrers/" + image, null)).get("manifests");
    ArrayNode descriptors = JSON.createArrayNode();
    s.get("referrers").forEach(e -> descriptors.add(e.get("descriptor")));
    assertThat(descriptors).isEqualTo(listed);
    assertThat(descriptors).extracting(d -> d.get("digest").asText())
        .containsExactlyInAnyOrder(referrer.toString(), other.toString());

    for (JsonNode e : s.get("referrers")) {
      byte[] manifest = Base64.getDecoder().decode(e.get("manifest").asText());
      assertThat(Digest.sha256(manifest).toString()).isEqualTo(e.get("descriptor").get("digest").asText());
      assertThat(manifest).isEqualTo(manifestBytes(e.get("descriptor").get("digest").asText()));
      assertBlobsRecomputable(e.get("blobs"));
    }
    JsonNode bundle = referrerEntry(s, referrer);
    assertThat(fieldNames(bundle.get("blobs"))).containsExactly(Digest.sha256(small).toString());

    JsonNode legacy = s.get("legacy");
    assertThat(legacy.get("tag").asText()).isEqualTo(SignatureTags.signatureTag(image));
    assertThat(legacy.get("digest").asText()).isEqualTo(sig.toString());
    assertThat(legacy.get("mediaType").asText()).isEqualTo(MediaTypes.OCI_MANIFEST);
    assertThat(Digest.sha256(Base64.getDecoder().decode(legacy.get("manifest").asText()))).isEqualTo(sig);
    assertThat(Base64.getDecoder().decode(legacy.get("blobs").get(Digest.sha256(sigLayer).toString()).asText()))
        .isEqualTo(sigLayer);
    JsonNode attestations = s.get("attestations");
    assertThat(attestations.get("tag").asText()).isEqualTo(SignatureTags.attestationTag(image));
    assertThat(attestations.get("digest").asText()).isEqualTo(att.toString());
    assertBlobsRecomputable(attestations.get("blobs"));
    assertThat(fieldNames(attestations.get("blobs"))).containsExactly(Digest.sha256(attLayer).toString());
  }

  @Test
  void inlineLimitIsTheClientsChoiceUpToTheServerCap() {
    Digest image = registry.pushImage(REPO, "v1", "limits");
    long imageSize = manifestBytes(image.toString()).length;
    byte[] medium = randomBytes(100 * 1024, 2);
    byte[] huge = randomBytes(1024 * 1024 + 1, 3); // one byte over the 1 MiB cap
    Digest referrer = pushReferrer(image, imageSize, "application/example", medium, huge);

    JsonNode none = subject(batch("{\"subjects\":[\"v1\"],\"inlineLimit\":0}"), "v1");
    assertThat(referrerEntry(none, referrer).get("blobs").size()).isZero();
    assertThat(referrerEntry(none, referrer).has("manifest")).isTrue();

    JsonNode some = subject(batch("{\"subjects\":[\"v1\"],\"inlineLimit\":200000}"), "v1");
    assertThat(fieldNames(referrerEntry(some, referrer).get("blobs"))).containsExactly(Digest.sha256(medium).toString());

    JsonNode capped = subject(batch("{\"subjects\":[\"v1\"],\"inlineLimit\":100000000}"), "v1");
    assertThat(fieldNames(referrerEntry(capped, referrer).get("blobs"))).containsExactly(Digest.sha256(medium).toString());
    assertBlobsRecomputable(referrerEntry(capped, referrer).get("blobs"));
  }

  @Test
  void unknownSubjectsGetAnErrorEntryAndTheOthersAreStillAnswered() {
    Digest image = registry.pushImage(REPO, "v1", "known");
    Digest missing = Digest.sha256("not pushed".getBytes(StandardCharsets.UTF_8));

    HttpResponse<byte[]> r = batch("{\"subjects\":[\"" + missing + "\",\"nope\",\"v1\"]}");

    assertThat(r.statusCode()).as(TestRegistry.text(r)).isEqualTo(200);
    JsonNode subjects = json(r).get("subjects");
    for (String unknown : List.of(missing.toString(), "nope")) {
      assertThat(subjects.get(unknown).has("digest")).isFalse();
      assertThat(subjects.get(unknown).at("/error/code").asText()).isEqualTo("MANIFEST_UNKNOWN");
      assertThat(subjects.get(unknown).at("/error/message").asText()).isNotEmpty();
    }
    assertThat(subjects.get("v1").get("digest").asText()).isEqualTo(image.toString());
    assertThat(subjects.get("v1").get("referrers").size()).isZero();
    assertThat(subjects.get("v1").has("legacy")).isFalse();
    assertThat(subjects.get("v1").has("attestations")).isFalse();
    // another repository's image is unknown here
    assertThat(subject(batch("other/repo", "{\"subjects\":[\"" + image + "\"]}"), image.toString())
        .at("/error/code").asText()).isEqualTo("MANIFEST_UNKNOWN");
  }

  @Test
  void badRequestsAre400WithTheDistributionErrorJson() {
    registry.pushImage(REPO, "v1", "bad");
    assertError(batch("not json"), 400, "UNSUPPORTED");
    assertError(batch("[\"v1\"]"), 400, "UNSUPPORTED");
    assertError(batch("{}"), 400, "UNSUPPORTED");
    assertError(batch("{\"subjects\":[]}"), 400, "UNSUPPORTED");
    assertError(batch("{\"subjects\":[1]}"), 400, "UNSUPPORTED");
    assertError(batch("{\"subjects\":[\"v1\"],\"inlineLimit\":\"big\"}"), 400, "UNSUPPORTED");
    assertError(batch("{\"subjects\":[\"v1\"],\"inlineLimit\":-1}"), 400, "UNSUPPORTED");
    assertError(batch("{\"subjects\":[\"sha256:abc\"]}"), 400, "DIGEST_INVALID");
    assertError(batch("{\"subjects\":[\"-bad tag-\"]}"), 400, "MANIFEST_INVALID");
    StringBuilder many = new StringBuilder("{\"subjects\":[");
    for (int i = 0; i <= 1000; i++) {
      many.append(i == 0 ? "" : ",").append("\"t").append(i).append('"');
    }
    HttpResponse<byte[]> tooMany = batch(many.append("]}").toString());
    assertError(tooMany, 400, "UNSUPPORTED");
    assertThat(json(tooMany).at("/errors/0/message").asText()).contains("1001");
    assertError(batch("{\"subjects\":[\"v1\"]," + "\"pad\":\"" + "x".repeat(1100 * 1024) + "\"}"), 400,
        "UNSUPPORTED");
    assertError(batch("BAD~NAME", "{\"subjects\":[\"v1\"]}"), 400, "NAME_INVALID");
    assertError(registry.send("GET", "/v2/" + REPO + "/_signet/signatures", null), 405, "UNSUPPORTED");
  }

  @Test
  void aThousandSubjectsAreAnsweredInOneRequest() {
    Digest image = registry.pushImage(REPO, "v1", "thousand");
    List<String> subjects = new ArrayList<>();
    subjects.add("v1");
    for (int i = 1; i < 1000; i++) {
      subjects.add(Digest.sha256(("absent " + i).getBytes(StandardCharsets.UTF_8)).toString());
    }
    ObjectNode body = JSON.createObjectNode();
    subjects.forEach(body.putArray("subjects")::add);

    HttpResponse<byte[]> r = batch(body.toString());

    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode answered = json(r).get("subjects");
    assertThat(fieldNames(answered)).containsExactlyElementsOf(subjects);
    assertThat(answered.get("v1").get("digest").asText()).isEqualTo(image.toString());
  }

  private HttpResponse<byte[]> batch(String body) {
    return batch(REPO, body);
  }

  private HttpResponse<byte[]> batch(String repo, String body) {
    return registry.send("POST", "/v2/" + repo + "/_signet/signatures", body.getBytes(StandardCharsets.UTF_8),
        "Content-Type", "application/json");
  }

  private static JsonNode subject(HttpResponse<byte[]> r, String name) {
    assertThat(r.statusCode()).as(TestRegistry.text(r)).isEqualTo(200);
    return json(r).get("subjects").get(name);
  }

  private static JsonNode referrerEntry(JsonNode subject, Digest digest) {
    for (JsonNode e : subject.get("referrers")) {
      if (e.get("descriptor").get("digest").asText().equals(digest.toString())) {
        return e;
      }
    }
    throw new AssertionError(digest + " is not among the referrers of " + subject);
  }

  private static void assertBlobsRecomputable(JsonNode blobs) {
    blobs.fields().forEachRemaining(b ->
        assertThat(Digest.sha256(Base64.getDecoder().decode(b.getValue().asText())).toString()).isEqualTo(b.getKey()));
  }

  private static List<String> fieldNames(JsonNode n) {
    List<String> out = new ArrayList<>();
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      out.add(it.next());
    }
    return out;
  }

  private byte[] manifestBytes(String ref) {
    HttpResponse<byte[]> r = registry.send("GET", "/v2/" + REPO + "/manifests/" + ref, null, "Accept",
        MediaTypes.manifestAccept());
    assertThat(r.statusCode()).isEqualTo(200);
    return r.body();
  }

  /** A referrer whose layers are the given blobs (pushed first). */
  private Digest pushReferrer(Digest subject, long subjectSize, String artifactType, byte[]... layers) {
    registry.pushEmptyConfig(REPO);
    StringBuilder ls = new StringBuilder();
    for (byte[] l : layers) {
      Digest d = registry.pushBlob(REPO, l);
      ls.append(ls.isEmpty() ? "" : ",").append(TestManifests.descriptor("application/octet-stream", d, l.length));
    }
    byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"artifactType\":\""
        + artifactType + "\",\"config\":" + TestManifests.descriptor(MediaTypes.OCI_EMPTY, TestManifests.EMPTY_DIGEST, 2)
        + ",\"layers\":[" + ls + "],\"subject\":" + TestManifests.descriptor(MediaTypes.OCI_MANIFEST, subject, subjectSize)
        + ",\"annotations\":{\"org.example\":\"" + artifactType + "\"}}").getBytes(StandardCharsets.UTF_8);
    Digest d = Digest.sha256(manifest);
    HttpResponse<byte[]> r = registry.putManifest(REPO, d.toString(), MediaTypes.OCI_MANIFEST, manifest);
    assertThat(r.statusCode()).as(TestRegistry.text(r)).isEqualTo(201);
    return d;
  }

  private Digest pushLegacy(String tag, byte[] layer) {
    registry.pushEmptyConfig(REPO);
    Digest l = registry.pushBlob(REPO, layer);
    byte[] manifest = TestManifests.legacySignature(List.of(l), layer.length);
    HttpResponse<byte[]> r = registry.putManifest(REPO, tag, MediaTypes.OCI_MANIFEST, manifest);
    assertThat(r.statusCode()).as(TestRegistry.text(r)).isEqualTo(201);
    return Digest.sha256(manifest);
  }

  private static byte[] randomBytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }
}
