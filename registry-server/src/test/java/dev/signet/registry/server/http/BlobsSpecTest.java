package dev.signet.registry.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.oci.Digest;
import dev.signet.registry.server.testkit.TestRegistry;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BlobsSpecTest extends SpecTestBase {
  private static final byte[] CONTENT = "hello blob content".getBytes(StandardCharsets.UTF_8);

  @Test
  void monolithicPost_thenHeadGetDelete() {
    Digest d = Digest.sha256(CONTENT);
    HttpResponse<byte[]> put = registry.send("POST", "/v2/repo/blobs/uploads/?digest=" + d, CONTENT,
        "Content-Type", "application/octet-stream");
    assertThat(put.statusCode()).isEqualTo(201);
    assertThat(put.headers().firstValue("Location")).hasValue("/v2/repo/blobs/" + d);
    assertThat(put.headers().firstValue("Docker-Content-Digest")).hasValue(d.toString());

    HttpResponse<byte[]> head = registry.send("HEAD", "/v2/repo/blobs/" + d, null);
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.headers().firstValue("Content-Length")).hasValue(String.valueOf(CONTENT.length));
    assertThat(head.headers().firstValue("Docker-Content-Digest")).hasValue(d.toString());
    assertThat(head.body()).isEmpty();

    HttpResponse<byte[]> get = registry.send("GET", "/v2/repo/blobs/" + d, null);
    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(get.body()).isEqualTo(CONTENT);

    assertThat(registry.send("DELETE", "/v2/repo/blobs/" + d, null).statusCode()).isEqualTo(202);
    assertError(registry.send("GET", "/v2/repo/blobs/" + d, null), 404, "BLOB_UNKNOWN");
    assertError(registry.send("DELETE", "/v2/repo/blobs/" + d, null), 404, "BLOB_UNKNOWN");
  }

  @Test
  void blobsAreScopedToTheirRepository() {
    Digest d = registry.pushBlob("one", CONTENT);
    assertError(registry.send("GET", "/v2/two/blobs/" + d, null), 404, "BLOB_UNKNOWN");
  }

  @Test
  void rangeRequests_areServed() {
    Digest d = registry.pushBlob("repo", CONTENT);
    HttpResponse<byte[]> r = registry.send("GET", "/v2/repo/blobs/" + d, null, "Range", "bytes=6-9");
    assertThat(r.statusCode()).isEqualTo(206);
    assertThat(r.body()).isEqualTo(Arrays.copyOfRange(CONTENT, 6, 10));
    assertThat(r.headers().firstValue("Content-Range")).hasValue("bytes 6-9/" + CONTENT.length);

    HttpResponse<byte[]> suffix = registry.send("GET", "/v2/repo/blobs/" + d, null, "Range", "bytes=-7");
    assertThat(suffix.body()).isEqualTo(Arrays.copyOfRange(CONTENT, CONTENT.length - 7, CONTENT.length));
    HttpResponse<byte[]> open = registry.send("GET", "/v2/repo/blobs/" + d, null, "Range", "bytes=10-");
    assertThat(open.body()).isEqualTo(Arrays.copyOfRange(CONTENT, 10, CONTENT.length));

    HttpResponse<byte[]> bad = registry.send("GET", "/v2/repo/blobs/" + d, null, "Range", "bytes=500-600");
    assertError(bad, 416, "RANGE_INVALID");
    assertThat(bad.headers().firstValue("Content-Range")).hasValue("bytes */" + CONTENT.length);
  }

  @Test
  void wrongDigest_isRejectedAndNothingIsVisible() {
    Digest other = Digest.sha256("something else".getBytes(StandardCharsets.UTF_8));
    assertError(registry.send("POST", "/v2/repo/blobs/uploads/?digest=" + other, CONTENT), 400, "DIGEST_INVALID");
    assertThat(registry.send("HEAD", "/v2/repo/blobs/" + other, null).statusCode()).isEqualTo(404);
  }

  @Test
  void sha512Blobs_work() {
    Digest d = Digest.of(Digest.SHA512, CONTENT);
    HttpResponse<byte[]> r = registry.send("POST", "/v2/repo/blobs/uploads/?digest=" + d, CONTENT);
    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(registry.send("GET", "/v2/repo/blobs/" + d, null).body()).isEqualTo(CONTENT);
    assertThat(TestRegistry.text(registry.send("HEAD", "/v2/repo/blobs/" + d, null))).isEmpty();
  }
}
