package dev.signet.registry.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.oci.Digest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class UploadsSpecTest extends SpecTestBase {
  private static final byte[] CONTENT = "0123456789abcdefghij".getBytes(StandardCharsets.UTF_8);

  private String open(String repo) {
    HttpResponse<byte[]> r = registry.send("POST", "/v2/" + repo + "/blobs/uploads/", new byte[0]);
    assertThat(r.statusCode()).isEqualTo(202);
    assertThat(r.headers().firstValue("Range")).hasValue("0-0");
    return r.headers().firstValue("Location").orElseThrow();
  }

  private HttpResponse<byte[]> patch(String location, int from, int to) {
    return registry.send("PATCH", location, Arrays.copyOfRange(CONTENT, from, to),
        "Content-Type", "application/octet-stream", "Content-Range", from + "-" + (to - 1));
  }

  @Test
  void chunked_patchStatusPut() {
    String loc = open("repo");
    assertThat(loc).startsWith("/v2/repo/blobs/uploads/");
    HttpResponse<byte[]> p1 = patch(loc, 0, 8);
    assertThat(p1.statusCode()).isEqualTo(202);
    assertThat(p1.headers().firstValue("Range")).hasValue("0-7");
    assertThat(p1.headers().firstValue("Location")).hasValue(loc);

    HttpResponse<byte[]> status = registry.send("GET", loc, null);
    assertThat(status.statusCode()).isEqualTo(204);
    assertThat(status.headers().firstValue("Range")).hasValue("0-7");
    assertThat(status.headers().firstValue("Location")).hasValue(loc);

    assertThat(patch(loc, 8, 15).statusCode()).isEqualTo(202);
    Digest d = Digest.sha256(CONTENT);
    HttpResponse<byte[]> done = registry.send("PUT", loc + "?digest=" + d, Arrays.copyOfRange(CONTENT, 15, 20),
        "Content-Type", "application/octet-stream");
    assertThat(done.statusCode()).isEqualTo(201);
    assertThat(done.headers().firstValue("Location")).hasValue("/v2/repo/blobs/" + d);
    assertThat(registry.send("GET", "/v2/repo/blobs/" + d, null).body()).isEqualTo(CONTENT);
    assertError(registry.send("GET", loc, null), 404, "BLOB_UPLOAD_UNKNOWN");
  }

  @Test
  void outOfOrderChunk_is416AndTheSessionSurvives() {
    String loc = open("repo");
    patch(loc, 0, 5);
    assertError(patch(loc, 8, 12), 416, "RANGE_INVALID");
    assertError(patch(loc, 0, 5), 416, "RANGE_INVALID");
    HttpResponse<byte[]> status = registry.send("GET", loc, null);
    assertThat(status.headers().firstValue("Range")).hasValue("0-4");
    assertThat(patch(loc, 5, 20).statusCode()).isEqualTo(202);
    Digest d = Digest.sha256(CONTENT);
    assertThat(registry.send("PUT", loc + "?digest=" + d, null).statusCode()).isEqualTo(201);
  }

  @Test
  void monolithicPostPut_andStreamedPatchWithoutRange() {
    String loc = open("repo");
    Digest d = Digest.sha256(CONTENT);
    assertThat(registry.send("PATCH", loc, CONTENT).statusCode()).isEqualTo(202);
    assertThat(registry.send("PUT", loc + "?digest=" + d, null).statusCode()).isEqualTo(201);

    String loc2 = open("repo2");
    assertThat(registry.send("PUT", loc2 + "?digest=" + d, CONTENT).statusCode()).isEqualTo(201);
    assertThat(registry.send("GET", "/v2/repo2/blobs/" + d, null).body()).isEqualTo(CONTENT);
  }

  @Test
  void wrongDigestOnClose_isDigestInvalidAndNothingVisible() {
    String loc = open("repo");
    Digest wrong = Digest.sha256("nope".getBytes(StandardCharsets.UTF_8));
    assertError(registry.send("PUT", loc + "?digest=" + wrong, CONTENT), 400, "DIGEST_INVALID");
    assertThat(registry.send("HEAD", "/v2/repo/blobs/" + wrong, null).statusCode()).isEqualTo(404);
    assertThat(registry.send("HEAD", "/v2/repo/blobs/" + Digest.sha256(CONTENT), null).statusCode()).isEqualTo(404);
    assertError(registry.send("PUT", open("repo") + "?digest=bad", CONTENT), 400, "DIGEST_INVALID");
    assertError(registry.send("PUT", open("repo"), CONTENT), 400, "DIGEST_INVALID");
  }

  @Test
  void cancel_removesTheSession() {
    String loc = open("repo");
    patch(loc, 0, 5);
    assertThat(registry.send("DELETE", loc, null).statusCode()).isEqualTo(204);
    assertError(registry.send("GET", loc, null), 404, "BLOB_UPLOAD_UNKNOWN");
    assertError(patch(loc, 5, 6), 404, "BLOB_UPLOAD_UNKNOWN");
    assertThat(data.resolve("uploads").toFile().list()).isEmpty();
  }

  @Test
  void sessionsBelongToTheirRepository() {
    String loc = open("one");
    String foreign = loc.replace("/v2/one/", "/v2/two/");
    assertError(registry.send("GET", foreign, null), 404, "BLOB_UPLOAD_UNKNOWN");
    assertError(registry.send("PATCH", foreign, CONTENT), 404, "BLOB_UPLOAD_UNKNOWN");
  }

  @Test
  void mount_fromARepositoryThatHasTheBlob() {
    Digest d = registry.pushBlob("source", CONTENT);
    HttpResponse<byte[]> r = registry.send("POST", "/v2/target/blobs/uploads/?mount=" + d + "&from=source", null);
    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(r.headers().firstValue("Location")).hasValue("/v2/target/blobs/" + d);
    assertThat(registry.send("GET", "/v2/target/blobs/" + d, null).body()).isEqualTo(CONTENT);
  }

  @Test
  void mount_ofAnUnknownBlobFallsBackToAnUploadSession() {
    Digest d = Digest.sha256(CONTENT);
    HttpResponse<byte[]> r = registry.send("POST", "/v2/target/blobs/uploads/?mount=" + d + "&from=source", null);
    assertThat(r.statusCode()).isEqualTo(202);
    String loc = r.headers().firstValue("Location").orElseThrow();
    assertThat(registry.send("PUT", loc + "?digest=" + d, CONTENT).statusCode()).isEqualTo(201);
  }

  @Test
  void chunkedSha512() {
    String loc = open("repo");
    patch(loc, 0, 10);
    Digest d = Digest.of(Digest.SHA512, CONTENT);
    assertThat(registry.send("PUT", loc + "?digest=" + d, Arrays.copyOfRange(CONTENT, 10, 20)).statusCode())
        .isEqualTo(201);
    assertThat(registry.send("GET", "/v2/repo/blobs/" + d, null).body()).isEqualTo(CONTENT);
  }
}
