package dev.signet.registry.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.oci.Digest;
import dev.signet.oci.MediaTypes;
import dev.signet.registry.server.testkit.TestManifests;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestsSpecTest extends SpecTestBase {

  private byte[] image(String repo, String seed) {
    byte[] config = ("{\"seed\":\"" + seed + "\"}").getBytes(StandardCharsets.UTF_8);
    byte[] layer = ("layer " + seed).getBytes(StandardCharsets.UTF_8);
    Digest c = registry.pushBlob(repo, config);
    Digest l = registry.pushBlob(repo, layer);
    return TestManifests.image(c, config.length, Map.of(l, (long) layer.length));
  }

  @Test
  void putByTag_getHeadByTagAndDigest() {
    byte[] m = image("repo", "a");
    Digest d = Digest.sha256(m);
    HttpResponse<byte[]> put = registry.putManifest("repo", "v1", MediaTypes.OCI_MANIFEST, m);
    assertThat(put.statusCode()).isEqualTo(201);
    assertThat(put.headers().firstValue("Docker-Content-Digest")).hasValue(d.toString());
    assertThat(put.headers().firstValue("Location")).hasValue("/v2/repo/manifests/" + d);
    assertThat(put.headers().firstValue("OCI-Subject")).isEmpty();

    for (String ref : new String[] {"v1", d.toString()}) {
      HttpResponse<byte[]> get = registry.send("GET", "/v2/repo/manifests/" + ref, null,
          "Accept", MediaTypes.manifestAccept());
      assertThat(get.statusCode()).isEqualTo(200);
      assertThat(get.body()).isEqualTo(m);
      assertThat(get.headers().firstValue("Content-Type")).hasValue(MediaTypes.OCI_MANIFEST);
      assertThat(get.headers().firstValue("Docker-Content-Digest")).hasValue(d.toString());
      assertThat(get.headers().firstValue("ETag")).hasValue("\"" + d + "\"");
      HttpResponse<byte[]> head = registry.send("HEAD", "/v2/repo/manifests/" + ref, null);
      assertThat(head.statusCode()).isEqualTo(200);
      assertThat(head.body()).isEmpty();
      assertThat(head.headers().firstValue("Content-Length")).hasValue(String.valueOf(m.length));
    }
    HttpResponse<byte[]> cached = registry.send("GET", "/v2/repo/manifests/v1", null, "If-None-Match", "\"" + d + "\"");
    assertThat(cached.statusCode()).isEqualTo(304);
  }

  @Test
  void putByDigest_checksTheDigestAndAcceptsSha512() {
    byte[] m = image("repo", "b");
    Digest wrong = Digest.sha256("x".getBytes(StandardCharsets.UTF_8));
    assertError(registry.putManifest("repo", wrong.toString(), MediaTypes.OCI_MANIFEST, m), 400, "DIGEST_INVALID");
    Digest d512 = Digest.of(Digest.SHA512, m);
    HttpResponse<byte[]> r = registry.putManifest("repo", d512.toString(), MediaTypes.OCI_MANIFEST, m);
    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(r.headers().firstValue("Docker-Content-Digest")).hasValue(d512.toString());
    assertThat(registry.send("GET", "/v2/repo/manifests/" + d512, null).body()).isEqualTo(m);
  }

  @Test
  void putByDigest_withTagParameters() {
    byte[] m = image("repo", "t");
    Digest d = Digest.sha256(m);
    HttpResponse<byte[]> r = registry.putManifest("repo", d + "?tag=one&tag=two", MediaTypes.OCI_MANIFEST, m);
    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(r.headers().allValues("OCI-Tag")).containsExactly("one", "two");
    assertThat(registry.send("GET", "/v2/repo/manifests/two", null).body()).isEqualTo(m);
  }

  @Test
  void invalidManifests_areRejected() {
    assertError(registry.putManifest("repo", "x", MediaTypes.OCI_MANIFEST, "not json".getBytes()), 400,
        "MANIFEST_INVALID");
    assertError(registry.putManifest("repo", "x", MediaTypes.OCI_MANIFEST, "{\"schemaVersion\":1}".getBytes()),
        400, "MANIFEST_INVALID");
    byte[] m = image("repo", "c");
    assertError(registry.putManifest("repo", "x", MediaTypes.OCI_INDEX, m), 400, "MANIFEST_INVALID");
    assertError(registry.putManifest("repo", "bad%20tag!", MediaTypes.OCI_MANIFEST, m), 400, "MANIFEST_INVALID");
    assertError(registry.putManifest("repo", "x", "application/vnd.unknown+json",
        "{\"schemaVersion\":2,\"config\":{}}".getBytes()), 400, "MANIFEST_INVALID");
    assertThat(registry.send("GET", "/v2/repo/manifests/x", null).statusCode()).isEqualTo(404);
  }

  @Test
  void missingReferences_areManifestBlobUnknown() {
    Digest missing = Digest.sha256("missing".getBytes(StandardCharsets.UTF_8));
    byte[] m = TestManifests.image(missing, 7, Map.of());
    assertError(registry.putManifest("repo", "x", MediaTypes.OCI_MANIFEST, m), 404, "MANIFEST_BLOB_UNKNOWN");
    byte[] index = TestManifests.index(Map.of(missing, 10L));
    assertError(registry.putManifest("repo", "i", MediaTypes.OCI_INDEX, index), 404, "MANIFEST_BLOB_UNKNOWN");
  }

  @Test
  void oversizedManifests_are413() {
    byte[] big = new byte[4 * 1024 * 1024 + 1];
    java.util.Arrays.fill(big, (byte) ' ');
    HttpResponse<byte[]> r = registry.putManifest("repo", "big", MediaTypes.OCI_MANIFEST, big);
    assertError(r, 413, "MANIFEST_INVALID");
  }

  @Test
  void indexes_needTheirChildren() {
    byte[] child = image("repo", "child");
    Digest c = Digest.sha256(child);
    registry.putManifest("repo", c.toString(), MediaTypes.OCI_MANIFEST, child);
    byte[] index = TestManifests.index(Map.of(c, (long) child.length));
    HttpResponse<byte[]> r = registry.putManifest("repo", "multi", MediaTypes.OCI_INDEX, index);
    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(registry.send("GET", "/v2/repo/manifests/multi", null).headers().firstValue("Content-Type"))
        .hasValue(MediaTypes.OCI_INDEX);
  }

  @Test
  void ifMatch_failsWith412WhenTheTagMoved() {
    byte[] a = image("repo", "a");
    byte[] b = image("repo", "b");
    Digest da = Digest.sha256(a);
    registry.putManifest("repo", "t", MediaTypes.OCI_MANIFEST, a);
    assertThat(registry.putManifest("repo", "t", MediaTypes.OCI_MANIFEST, b, "If-Match", "\"" + da + "\"")
        .statusCode()).isEqualTo(201);
    assertError(registry.putManifest("repo", "t", MediaTypes.OCI_MANIFEST, a, "If-Match", "\"" + da + "\""), 412,
        "PRECONDITION_FAILED");
    Digest db = Digest.sha256(b);
    assertThat(registry.putManifest("repo", "t", MediaTypes.OCI_MANIFEST, a, "If-Match", db.toString())
        .statusCode()).isEqualTo(201);
    assertError(registry.putManifest("repo", "absent", MediaTypes.OCI_MANIFEST, a, "If-Match", "\"" + da + "\""),
        412, "PRECONDITION_FAILED");
  }

  @Test
  void ifNoneMatchStar_createsOnlyOnce() {
    byte[] a = image("repo", "a");
    assertThat(registry.putManifest("repo", "once", MediaTypes.OCI_MANIFEST, a, "If-None-Match", "*").statusCode())
        .isEqualTo(201);
    assertError(registry.putManifest("repo", "once", MediaTypes.OCI_MANIFEST, a, "If-None-Match", "*"), 412,
        "PRECONDITION_FAILED");
  }

  @Test
  void deleteTag_removesOnlyTheTag() {
    byte[] a = image("repo", "a");
    Digest d = Digest.sha256(a);
    registry.putManifest("repo", "one", MediaTypes.OCI_MANIFEST, a);
    registry.putManifest("repo", "two", MediaTypes.OCI_MANIFEST, a);
    assertThat(registry.send("DELETE", "/v2/repo/manifests/one", null).statusCode()).isEqualTo(202);
    assertError(registry.send("GET", "/v2/repo/manifests/one", null), 404, "MANIFEST_UNKNOWN");
    assertThat(registry.send("GET", "/v2/repo/manifests/two", null).statusCode()).isEqualTo(200);
    assertThat(registry.send("GET", "/v2/repo/manifests/" + d, null).statusCode()).isEqualTo(200);
    assertError(registry.send("DELETE", "/v2/repo/manifests/one", null), 404, "MANIFEST_UNKNOWN");
  }

  @Test
  void deleteDigest_removesTheManifestAndItsTags() {
    byte[] a = image("repo", "a");
    Digest d = Digest.sha256(a);
    registry.putManifest("repo", "one", MediaTypes.OCI_MANIFEST, a);
    assertThat(registry.send("DELETE", "/v2/repo/manifests/" + d, null).statusCode()).isEqualTo(202);
    assertError(registry.send("GET", "/v2/repo/manifests/one", null), 404, "MANIFEST_UNKNOWN");
    assertError(registry.send("GET", "/v2/repo/manifests/" + d, null), 404, "MANIFEST_UNKNOWN");
    assertError(registry.send("DELETE", "/v2/repo/manifests/" + d, null), 404, "MANIFEST_UNKNOWN");
  }

  @Test
  void dockerSchema2AndLists_areAccepted() {
    byte[] config = "{}".getBytes();
    Digest c = registry.pushBlob("repo", config);
    byte[] m = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.DOCKER_MANIFEST + "\",\"config\":"
        + TestManifests.descriptor(MediaTypes.DOCKER_CONFIG, c, 2) + ",\"layers\":[]}").getBytes();
    assertThat(registry.putManifest("repo", "d", MediaTypes.DOCKER_MANIFEST, m).statusCode()).isEqualTo(201);
    byte[] list = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.DOCKER_MANIFEST_LIST + "\",\"manifests\":["
        + TestManifests.descriptor(MediaTypes.DOCKER_MANIFEST, Digest.sha256(m), m.length) + "]}").getBytes();
    assertThat(registry.putManifest("repo", "l", MediaTypes.DOCKER_MANIFEST_LIST, list).statusCode())
        .isEqualTo(201);
    assertThat(registry.send("GET", "/v2/repo/manifests/l", null).headers().firstValue("Content-Type"))
        .hasValue(MediaTypes.DOCKER_MANIFEST_LIST);
  }
}
