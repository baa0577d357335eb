package dev.signet.registry.server.trust;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signet.cosign.SignatureTags;
import dev.signet.oci.Digest;
import dev.signet.oci.MediaTypes;
import dev.signet.registry.server.testkit.TestManifests;
import dev.signet.registry.server.testkit.TestRegistry;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The batch read of signatures returns nothing that a manifest GET under the same policy would refuse. */
class TrustSignatureBatchTest extends TrustTestBase {

  private JsonNode batch(String repo, String... subjects) {
    StringBuilder b = new StringBuilder("{\"subjects\":[");
    for (int i = 0; i < subjects.length; i++) {
      b.append(i == 0 ? "" : ",").append('"').append(subjects[i]).append('"');
    }
    HttpResponse<byte[]> r = registry.send("POST", "/v2/" + repo + "/_signet/signatures",
        b.append("]}").toString().getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json");
    assertThat(r.statusCode()).as(TestRegistry.text(r)).isEqualTo(200);
    return json(r).get("subjects");
  }

  @Test
  void anImageAGetWouldRefuseIsAnsweredWithTheRefusalAndASignedOneIsServed() {
    policy("prod", TrustMode.ENFORCE, 1, ALICE);
    Digest unsigned = registry.pushImage("prod/app", "v1", "unsigned");
    Digest signed = registry.pushImage("prod/app", "v2", "signed");
    Digest sig = sign.legacy("prod/app", signed, ALICE, Map.of());
    String refusal = assertRefused("prod/app", "v1");

    JsonNode answer = batch("prod/app", "v1", unsigned.toString(), "v2");

    for (String ref : new String[] {"v1", unsigned.toString()}) {
      assertThat(answer.get(ref).has("digest")).isFalse();
      assertThat(answer.get(ref).has("referrers")).isFalse();
      assertThat(answer.at("/" + ref.replace("~", "~0").replace("/", "~1") + "/error/code").asText())
          .isEqualTo("DENIED");
    }
    assertThat(answer.get("v1").at("/error/message").asText()).isEqualTo(refusal);
    assertThat(answer.get("v2").get("digest").asText()).isEqualTo(signed.toString());
    assertThat(answer.get("v2").at("/legacy/digest").asText()).isEqualTo(sig.toString());
    assertThat(Digest.sha256(Base64.getDecoder().decode(answer.get("v2").at("/legacy/manifest").asText())))
        .isEqualTo(sig);
  }

  @Test
  void aRunnableImagePosingAsAReferrerIsListedButNotServed() {
    policy("prod", TrustMode.ENFORCE, 1, ALICE);
    Digest target = registry.pushImage("prod/app", "v1", "target");
    sign.legacy("prod/app", target, ALICE, Map.of());
    byte[] config = "{\"seed\":\"posing\"}".getBytes(StandardCharsets.UTF_8);
    byte[] layer = "layer posing".getBytes(StandardCharsets.UTF_8);
    Digest c = registry.pushBlob("prod/app", config);
    Digest l = registry.pushBlob("prod/app", layer);
    byte[] posing = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"artifactType\":\""
        + MediaTypes.SIGSTORE_BUNDLE_V03 + "\",\"config\":" + TestManifests.descriptor(MediaTypes.OCI_CONFIG, c,
            config.length) + ",\"layers\":[" + TestManifests.descriptor(MediaTypes.OCI_LAYER_GZIP, l, layer.length)
        + "],\"subject\":" + TestManifests.descriptor(MediaTypes.OCI_MANIFEST, target, 1) + "}")
        .getBytes(StandardCharsets.UTF_8);
    Digest posingDigest = Digest.sha256(posing);
    assertThat(registry.putManifest("prod/app", posingDigest.toString(), MediaTypes.OCI_MANIFEST, posing)
        .statusCode()).isEqualTo(201);
    assertRefused("prod/app", posingDigest.toString());

    JsonNode v1 = batch("prod/app", "v1").get("v1");

    assertThat(v1.get("digest").asText()).isEqualTo(target.toString());
    assertThat(v1.get("referrers")).singleElement().satisfies(e -> {
      assertThat(e.at("/descriptor/digest").asText()).isEqualTo(posingDigest.toString());
      assertThat(e.has("manifest")).isFalse();
      assertThat(e.has("blobs")).isFalse();
      assertThat(e.at("/error/code").asText()).isEqualTo("DENIED");
    });
    assertThat(v1.at("/legacy/tag").asText()).isEqualTo(SignatureTags.signatureTag(target));
    assertThat(v1.at("/legacy/manifest").asText()).isNotEmpty();
  }
}
