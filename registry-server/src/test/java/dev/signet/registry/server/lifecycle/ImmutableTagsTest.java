package dev.signet.registry.server.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signet.cosign.SignatureTags;
import dev.signet.oci.Digest;
import dev.signet.oci.MediaTypes;
import dev.signet.registry.server.testkit.TestManifests;
import dev.signet.registry.server.testkit.TestRegistry;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Immutable tags: no moves, no deletes, identical re-pushes fine, signatures always addable. */
class ImmutableTagsTest extends LifecycleTestBase {

  private byte[] image(String repo, String seed) {
    byte[] config = ("{\"seed\":\"" + seed + "\"}").getBytes(StandardCharsets.UTF_8);
    byte[] layer = ("layer " + seed).getBytes(StandardCharsets.UTF_8);
    Digest c = registry.pushBlob(repo, config);
    Digest l = registry.pushBlob(repo, layer);
    return TestManifests.image(c, config.length, Map.of(l, (long) layer.length));
  }

  private static void assertImmutableError(HttpResponse<byte[]> r, String tag) {
    assertThat(r.statusCode()).as(TestRegistry.text(r)).isEqualTo(409);
    JsonNode error = json(r).path("errors").path(0);
    assertThat(error.path("code").asText()).isEqualTo("DENIED");
    assertThat(error.path("message").asText()).contains(tag).contains("immutable");
  }

  @Test
  void immutableTag_cannotMoveOrBeDeleted_identicalRePushIsFine() throws Exception {
    JsonNode stored = setLifecycle("prod", "{\"immutableTags\":[\"v*\",\"release-*\"]}");
    assertThat(stored.path("immutableTags")).hasSize(2);
    Digest v1 = registry.pushImage("prod/app", "v1.0", "one");
    Digest rel = registry.pushImage("prod/app", "release-2", "rel");

    // moving the tag to another manifest is refused, and the tag still names the first one
    byte[] other = image("prod/app", "two");
    assertImmutableError(registry.putManifest("prod/app", "v1.0", MediaTypes.OCI_MANIFEST, other), "v1.0");
    assertImmutableError(registry.putManifest("prod/app", Digest.sha256(other) + "?tag=release-2",
        MediaTypes.OCI_MANIFEST, other), "release-2");
    assertThat(manifest("prod/app", "v1.0").headers().firstValue("Docker-Content-Digest")).hasValue(v1.toString());

    // the identical manifest again: idempotent
    assertThat(registry.pushImage("prod/app", "v1.0", "one")).isEqualTo(v1);

    // deleting the tag, or the manifest it names, is refused
    assertImmutableError(registry.send("DELETE", "/v2/prod/app/manifests/v1.0", null), "v1.0");
    assertImmutableError(registry.send("DELETE", "/v2/prod/app/manifests/" + rel, null), "release-2");
    assertThat(status("prod/app", "v1.0")).isEqualTo(200);
    assertThat(status("prod/app", rel.toString())).isEqualTo(200);

    // other tags and other projects are unaffected
    registry.pushImage("prod/app", "latest", "one");
    assertThat(registry.putManifest("prod/app", "latest", MediaTypes.OCI_MANIFEST, other).statusCode()).isEqualTo(201);
    assertThat(registry.send("DELETE", "/v2/prod/app/manifests/latest", null).statusCode()).isEqualTo(202);
    registry.pushImage("dev/app", "v1.0", "one");
    assertThat(registry.putManifest("dev/app", "v1.0", MediaTypes.OCI_MANIFEST, image("dev/app", "x")).statusCode())
        .isEqualTo(201);

    // the policy reads back
    HttpResponse<byte[]> get = registry.send("GET", "/api/v1/admin/projects/prod/lifecycle", null);
    assertThat(json(get).path("immutableTags").toString()).isEqualTo("[\"v*\",\"release-*\"]");
  }

  @Test
  void signaturesCanAlwaysBeAdded_evenWhenEveryTagIsImmutable() throws Exception {
    // '*' matches the cosign tags too: they must stay writable (Harbor #17332)
    setLifecycle("prod", "{\"immutableTags\":[\"*\",\"v*\"]}");
    Digest subject = registry.pushImage("prod/app", "v1", "signed");

    Digest first = digestOf(sign.legacy("prod/app", subject, KEY));
    Digest second = digestOf(sign.legacy("prod/app", subject, KEY)); // appends: moves the .sig tag
    assertThat(second).isNotEqualTo(first);
    Digest bundle = digestOf(sign.bundle("prod/app", subject, KEY));
    Digest att = digestOf(sign.bundle("prod/app", subject, KEY));

    HttpResponse<byte[]> sig = manifest("prod/app", SignatureTags.signatureTag(subject));
    assertThat(sig.headers().firstValue("Docker-Content-Digest")).hasValue(second.toString());
    assertThat(json(sig).path("layers")).hasSize(2);
    assertThat(referrers("prod/app", subject).findValuesAsText("digest")).contains(bundle.toString(), att.toString());
    assertThat(accessories("prod/app", subject).findValuesAsText("digest")).contains(second.toString(),
        bundle.toString());

    // the referrers fallback tag sha256-<hex> can be rewritten as well
    String fallback = SignatureTags.referrersFallbackTag(subject);
    byte[] one = TestManifests.index(Map.of(bundle, 100L));
    byte[] two = TestManifests.index(Map.of(bundle, 100L, att, 100L));
    assertThat(registry.putManifest("prod/app", fallback, MediaTypes.OCI_INDEX, one).statusCode()).isEqualTo(201);
    assertThat(registry.putManifest("prod/app", fallback, MediaTypes.OCI_INDEX, two).statusCode()).isEqualTo(201);

    // while the image's own tag stays put
    assertImmutableError(registry.putManifest("prod/app", "v1", MediaTypes.OCI_MANIFEST, image("prod/app", "x")), "v1");
    // and a signature tag can be deleted (detaching it), unlike the image's
    assertThat(registry.send("DELETE", "/v2/prod/app/manifests/" + SignatureTags.signatureTag(subject), null)
        .statusCode()).isEqualTo(202);
  }

  @Test
  void invalidPolicy_isRefused() {
    HttpResponse<byte[]> r = registry.send("PUT", "/api/v1/admin/projects/prod/lifecycle",
        "{\"immutableTags\":[\"v *\"]}".getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json");
    assertThat(r.statusCode()).isEqualTo(400);
    r = registry.send("PUT", "/api/v1/admin/projects/prod/lifecycle",
        "{\"retention\":{\"keepLast\":3}}".getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(TestRegistry.text(r)).contains("keepLast");
  }
}
