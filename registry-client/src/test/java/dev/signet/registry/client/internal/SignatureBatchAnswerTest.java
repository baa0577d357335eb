package dev.signet.registry.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.oci.Digest;
import dev.signet.oci.reference.Repository;
import dev.signet.registry.client.ErrorCode;
import dev.signet.registry.client.SignatureBatch;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reading one subject of the batch answer (batch-contract.md): content is accepted only when every
 * manifest and blob hashes to its digest; anything else makes that one subject unusable.
 */
class SignatureBatchAnswerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] BUNDLE = "{\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\"}"
      .getBytes(StandardCharsets.UTF_8);
  private static final byte[] SUBJECT = "{\"schemaVersion\":2}".getBytes(StandardCharsets.UTF_8);
  private static final Digest SUBJECT_DIGEST = Digest.sha256(SUBJECT);

  private static byte[] referrerManifest() {
    return ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"layers\":[{"
        + "\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\",\"digest\":\"" + Digest.sha256(BUNDLE)
        + "\",\"size\":" + BUNDLE.length + "}]}").getBytes(StandardCharsets.UTF_8);
  }

  private static String b64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }

  private static JsonNode answer(byte[] manifest, String manifestDigest, byte[] blob, String legacyManifest)
      throws Exception {
    String legacy = legacyManifest == null ? "" : ",\"legacy\":{\"tag\":\"sha256-" + SUBJECT_DIGEST.hex()
        + ".sig\",\"digest\":\"" + Digest.sha256(legacyManifest.getBytes(StandardCharsets.UTF_8))
        + "\",\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"manifest\":\""
        + b64(legacyManifest.getBytes(StandardCharsets.UTF_8)) + "\"}";
    return JSON.readTree("{\"digest\":\"" + SUBJECT_DIGEST + "\",\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
        + "\"size\":" + SUBJECT.length + ",\"referrers\":[{\"descriptor\":{\"mediaType\":"
        + "\"application/vnd.oci.image.manifest.v1+json\",\"size\":" + manifest.length + ",\"digest\":\"" + manifestDigest
        + "\",\"artifactType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\"},\"manifest\":\"" + b64(manifest)
        + "\",\"blobs\":{\"" + Digest.sha256(BUNDLE) + "\":\"" + b64(blob) + "\"}}]" + legacy + "}");
  }

  @Test
  void acceptsContentThatMatchesItsDigests() throws Exception {
    byte[] m = referrerManifest();
    SignatureBatch.Subject s = SignatureBatchEndpoint.subject(SUBJECT_DIGEST.toString(),
        answer(m, Digest.sha256(m).toString(), BUNDLE, "{\"schemaVersion\":2,\"layers\":[]}"));
    assertThat(s.usable()).isTrue();
    assertThat(s.digest()).contains(SUBJECT_DIGEST);
    assertThat(s.size()).isEqualTo(SUBJECT.length);
    assertThat(s.referrers()).hasSize(1);
    SignatureBatch.Referrer r = s.referrers().get(0);
    assertThat(r.descriptor().artifactType()).isEqualTo("application/vnd.dev.sigstore.bundle.v0.3+json");
    assertThat(r.manifest()).isEqualTo(m);
    assertThat(r.blobs().get(Digest.sha256(BUNDLE))).isEqualTo(BUNDLE);
    assertThat(s.legacy()).get().extracting(SignatureBatch.Attached::tag).isEqualTo("sha256-" + SUBJECT_DIGEST.hex() + ".sig");
    assertThat(s.attestations()).isEmpty();
  }

  @Test
  void aManifestThatDoesNotMatchItsDescriptorMakesTheSubjectUnusable() throws Exception {
    byte[] m = referrerManifest();
    byte[] other = "{\"schemaVersion\":2,\"tampered\":true}".getBytes(StandardCharsets.UTF_8);
    SignatureBatch.Subject s = SignatureBatchEndpoint.subject(SUBJECT_DIGEST.toString(),
        answer(other, Digest.sha256(m).toString(), BUNDLE, null));
    assertThat(s.usable()).isFalse();
    assertThat(s.error()).isEmpty();
    assertThat(s.problem()).get().asString().contains("referrer manifest " + Digest.sha256(m))
        .contains("does not match its digest");
    assertThat(s.referrers()).isEmpty();
  }

  @Test
  void aBlobThatDoesNotMatchItsDigestMakesTheSubjectUnusable() throws Exception {
    byte[] m = referrerManifest();
    byte[] flipped = BUNDLE.clone();
    flipped[3] ^= 1;
    SignatureBatch.Subject s = SignatureBatchEndpoint.subject(SUBJECT_DIGEST.toString(),
        answer(m, Digest.sha256(m).toString(), flipped, null));
    assertThat(s.problem()).get().asString().contains("blob " + Digest.sha256(BUNDLE)).contains("does not match");
  }

  @Test
  void anAnswerForAnotherDigestThanAskedIsRefused() throws Exception {
    byte[] m = referrerManifest();
    Digest asked = Digest.sha256("something else".getBytes(StandardCharsets.UTF_8));
    SignatureBatch.Subject s = SignatureBatchEndpoint.subject(asked.toString(),
        answer(m, Digest.sha256(m).toString(), BUNDLE, null));
    assertThat(s.problem()).get().asString().contains("answered for " + SUBJECT_DIGEST + " when asked about " + asked);
  }

  @Test
  void aTagIsAnsweredWithTheDigestItResolvedTo() throws Exception {
    byte[] m = referrerManifest();
    SignatureBatch.Subject s = SignatureBatchEndpoint.subject("v1.2", answer(m, Digest.sha256(m).toString(), BUNDLE, null));
    assertThat(s.usable()).isTrue();
    assertThat(s.digest()).contains(SUBJECT_DIGEST);
  }

  @Test
  void errorEntriesCarryTheRegistryError() throws Exception {
    SignatureBatch.Subject s = SignatureBatchEndpoint.subject("v9",
        JSON.readTree("{\"error\":{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"no such tag\"}}"));
    assertThat(s.usable()).isFalse();
    assertThat(s.problem()).isEmpty();
    assertThat(s.error()).get().satisfies(e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.MANIFEST_UNKNOWN);
      assertThat(e.message()).isEqualTo("no such tag");
    });
  }

  @Test
  void theRequestFollowsTheContract() throws Exception {
    SignatureBatchEndpoint e = new SignatureBatchEndpoint(Repository.parse("127.0.0.1:5000/team/app"),
        List.of(SUBJECT_DIGEST.toString(), "v1.2"), 65536);
    HttpCall call = e.request(java.net.URI.create("http://127.0.0.1:5000"));
    assertThat(call.method()).isEqualTo("POST");
    assertThat(call.uri().toString()).isEqualTo("http://127.0.0.1:5000/v2/team/app/_signet/signatures");
    assertThat(call.headers()).containsEntry("Content-Type", "application/json");
    JsonNode body = JSON.readTree(call.body());
    assertThat(body.path("subjects").get(0).asText()).isEqualTo(SUBJECT_DIGEST.toString());
    assertThat(body.path("subjects").get(1).asText()).isEqualTo("v1.2");
    assertThat(body.path("inlineLimit").asLong()).isEqualTo(65536);
    assertThat(e.scope().key()).isEqualTo("repository:team/app:pull");
  }

  @Test
  void refusesEmptyAndOversizedBatches() throws Exception {
    Repository repo = Repository.parse("127.0.0.1:5000/team/app");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SignatureBatchEndpoint(repo, List.of(), 0))
        .isInstanceOf(IllegalArgumentException.class);
    List<String> many = java.util.Collections.nCopies(1001, SUBJECT_DIGEST.toString());
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SignatureBatchEndpoint(repo, many, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1001");
  }
}
