package dev.signet.registry.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.oci.Digest;
import dev.signet.oci.MediaTypes;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Malformed requests get a 4xx with the spec's JSON error, never a 5xx, and change nothing. */
class ClientMistakesSpecTest extends SpecTestBase {
  private static final String D = "sha256:" + "c".repeat(64);

  private record Call(String method, String path, String body, String... headers) {}

  @Test
  void malformedRequests_are4xx() {
    Digest config = registry.pushBlob("repo", "{}".getBytes());
    String loc = registry.send("POST", "/v2/repo/blobs/uploads/", new byte[0]).headers().firstValue("Location")
        .orElseThrow();
    String desc = "{\"mediaType\":\"" + MediaTypes.OCI_CONFIG + "\",\"digest\":\"" + config + "\",\"size\":2}";
    List<Call> calls = List.of(
        new Call("PUT", "/v2/repo/manifests/x", "[]", "Content-Type", MediaTypes.OCI_MANIFEST),
        new Call("PUT", "/v2/repo/manifests/x", "", "Content-Type", MediaTypes.OCI_MANIFEST),
        new Call("PUT", "/v2/repo/manifests/x", "{\"schemaVersion\":\"2\",\"config\":" + desc + "}"),
        new Call("PUT", "/v2/repo/manifests/x", "{\"schemaVersion\":2,\"config\":{\"digest\":\"" + config + "\"}}"),
        new Call("PUT", "/v2/repo/manifests/x", "{\"schemaVersion\":2,\"config\":" + desc.replace("2}", "-1}") + "}"),
        new Call("PUT", "/v2/repo/manifests/x", "{\"schemaVersion\":2,\"config\":" + desc + ",\"layers\":{}}"),
        new Call("PUT", "/v2/repo/manifests/x", "{\"schemaVersion\":2,\"config\":" + desc
            + ",\"annotations\":{\"a\":1}}"),
        new Call("PUT", "/v2/repo/manifests/x", "{\"schemaVersion\":2,\"config\":" + desc
            + ",\"subject\":{\"mediaType\":\"x\",\"digest\":\"sha256:nope\",\"size\":1}}"),
        new Call("PUT", "/v2/repo/manifests/x", "{\"schemaVersion\":2,\"config\":" + desc.replace("}", ",\"data\":\"!!\"}")
            + "}"),
        new Call("PUT", "/v2/repo/manifests/sha256:abc", "{}"),
        new Call("GET", "/v2/repo/tags/list?n=-1", null),
        new Call("GET", "/v2/repo/tags/list?n=lots", null),
        new Call("GET", "/v2/_catalog?n=x", null),
        new Call("POST", "/v2/repo/blobs/uploads/?mount=nope&from=other", ""),
        new Call("POST", "/v2/repo/blobs/uploads/?mount=" + D + "&from=Bad_Name", ""),
        new Call("POST", "/v2/repo/blobs/uploads/?digest=sha256:zz", "x"),
        new Call("PATCH", loc, "abc", "Content-Range", "garbage"),
        new Call("PATCH", loc, "abc", "Content-Range", "5-1"),
        new Call("PATCH", loc, "abc", "Content-Range", "0-9"),
        new Call("PUT", loc + "?digest=sha512:00", ""),
        new Call("DELETE", "/v2/repo/blobs/not-a-digest", null),
        new Call("DELETE", "/v2/repo/manifests/" + D, null),
        new Call("GET", "/v2/repo/referrers/not-a-digest", null),
        new Call("GET", "/api/v1/repositories/repo/artifacts/nope/accessories", null),
        new Call("GET", "/v2/repo/blobs/uploads/..%2F..%2Fetc", null),
        new Call("PUT", "/v2/repo/manifests/x?tag=bad%20tag", "{}"),
        new Call("TRACE", "/v2/", null));
    for (Call c : calls) {
      String[] headers = c.headers();
      HttpResponse<byte[]> r = registry.send(c.method(), c.path(), c.body() == null ? null : c.body().getBytes(),
          headers);
      assertThat(r.statusCode()).as(c.method() + " " + c.path() + " " + c.body() + " → " + new String(r.body()))
          .isBetween(400, 499);
      if (!c.method().equals("TRACE")) {
        assertThat(json(r).get("errors").get(0).get("code").asText()).as(c.path()).isNotEmpty();
      }
    }
    assertThat(registry.send("GET", "/v2/repo/manifests/x", null).statusCode()).isEqualTo(404);
    assertThat(registry.send("GET", loc, null).headers().firstValue("Range")).hasValue("0-0");
  }
}
