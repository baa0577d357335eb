package dev.signet.registry.server.security;

import static dev.signet.registry.server.security.SecuredRegistry.ADMIN;
import static dev.signet.registry.server.security.SecuredRegistry.DELETER;
import static dev.signet.registry.server.security.SecuredRegistry.PUSHER;
import static dev.signet.registry.server.security.SecuredRegistry.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.cosign.SignatureTags;
import dev.signet.oci.Digest;
import dev.signet.oci.MediaTypes;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, finding 3: a push-only account must not be able to make the deletion of its own image (by a
 * deleter, or by retention) cascade into someone else's manifest, immutable ones included.
 */
class CascadeDeleteTest {
  @TempDir Path data;
  SecuredRegistry r;
  Digest v1;
  byte[] v1Bytes;
  Digest other;

  @BeforeEach
  void start() {
    r = SecuredRegistry.start(data);
    r.admin("PUT", "/projects/prod/lifecycle", Map.of("immutableTags", java.util.List.of("v*")));
    v1 = r.image("v1", "precious");
    v1Bytes = r.get(ADMIN, "v1").body();
    other = r.image("scratch", "attacker's own");
  }

  @AfterEach
  void stop() {
    r.close();
  }

  private void assertV1Intact() {
    HttpResponse<byte[]> g = r.get(ADMIN, "v1");
    assertThat(g.statusCode()).as("v1 after the cascade: " + text(g)).isEqualTo(200);
    assertThat(g.body()).isEqualTo(v1Bytes);
    assertThat(r.get(ADMIN, v1.toString()).statusCode()).isEqualTo(200);
  }

  @Test
  void finding3_anImageRePushedUnderAnotherImagesSigTagSurvivesThatImagesDeletion() {
    HttpResponse<byte[]> plant = r.put(PUSHER, SignatureTags.signatureTag(other), MediaTypes.OCI_MANIFEST, v1Bytes);
    assertThat(plant.statusCode()).as(text(plant)).isEqualTo(201);

    HttpResponse<byte[]> del = r.delete(DELETER, other.toString());

    assertThat(del.statusCode()).as(text(del)).isEqualTo(202);
    assertThat(r.get(ADMIN, other.toString()).statusCode()).isEqualTo(404);
    assertV1Intact();
  }

  @Test
  void finding3_anImageListedInAFallbackIndexOfAnotherImageSurvivesThatImagesDeletion() {
    String index = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":["
        + SecuredRegistry.descriptor(MediaTypes.OCI_MANIFEST, v1, v1Bytes.length) + "]}";
    HttpResponse<byte[]> plant = r.put(PUSHER, SignatureTags.referrersFallbackTag(other), MediaTypes.OCI_INDEX,
        index.getBytes(StandardCharsets.UTF_8));
    assertThat(plant.statusCode()).as(text(plant)).isEqualTo(201);

    HttpResponse<byte[]> del = r.delete(DELETER, other.toString());

    assertThat(del.statusCode()).as(text(del)).isEqualTo(202);
    assertThat(r.get(ADMIN, SignatureTags.referrersFallbackTag(other)).statusCode())
        .as("an index listing manifests that do not name the subject is no fallback index of it: it stays")
        .isEqualTo(200);
    assertV1Intact();
  }

  @Test
  void finding3_retentionDoesNotCascadeIntoAPlantedManifest() {
    r.admin("PUT", "/projects/prod/lifecycle", Map.of("immutableTags", java.util.List.of("v*"),
        "retention", Map.of("keepLastTags", Map.of("pattern", "keep-*", "count", 1))));
    HttpResponse<byte[]> plant = r.put(PUSHER, SignatureTags.signatureTag(other), MediaTypes.OCI_MANIFEST, v1Bytes);
    assertThat(plant.statusCode()).as(text(plant)).isEqualTo(201);

    r.admin("POST", "/projects/prod/retention/run?dryRun=false", null);

    assertThat(r.get(ADMIN, "scratch").statusCode()).as("retention removed the attacker's tag").isEqualTo(404);
    assertThat(r.get(ADMIN, other.toString()).statusCode()).isEqualTo(404);
    assertV1Intact();
  }

  @Test
  void genuineAccessoriesStillFollowTheirSubject() throws Exception {
    Digest sig = Signatures.legacy(r, other, SecuredRegistry.TRUSTED);
    Digest ref = Signatures.bundle(r, other, 100, SecuredRegistry.TRUSTED);

    HttpResponse<byte[]> del = r.delete(DELETER, other.toString());

    assertThat(del.statusCode()).as(text(del)).isEqualTo(202);
    for (String gone : java.util.List.of(sig.toString(), ref.toString(), SignatureTags.signatureTag(other))) {
      assertThat(r.get(ADMIN, gone).statusCode()).as(gone).isEqualTo(404);
    }
    assertV1Intact();
  }
}
