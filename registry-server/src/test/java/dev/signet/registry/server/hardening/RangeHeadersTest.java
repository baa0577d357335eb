package dev.signet.registry.server.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.oci.Digest;
import dev.signet.registry.server.testkit.TestRegistry;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 14 finding 6: range headers with numbers past {@code long} are client mistakes (416), not 500s. */
class RangeHeadersTest {
  @TempDir Path data;
  TestRegistry registry;

  @BeforeEach
  void start() {
    registry = TestRegistry.start(data);
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void anOverflowingContentRangeOnAChunk_is416WithoutAStackTrace() {
    HttpResponse<byte[]> open = registry.send("POST", "/v2/repo/blobs/uploads/", new byte[0]);
    String location = open.headers().firstValue("Location").orElseThrow();
    for (String range : new String[] {"0-99999999999999999999", "99999999999999999999-99999999999999999999",
        "0-9223372036854775807"}) {
      HttpResponse<byte[]> r = registry.send("PATCH", location, "x".getBytes(StandardCharsets.UTF_8),
          "Content-Range", range, "Content-Type", "application/octet-stream");
      assertThat(r.statusCode()).as(range + ": " + TestRegistry.text(r)).isEqualTo(416);
      assertThat(TestRegistry.text(r)).contains("RANGE_INVALID").doesNotContain("Exception").doesNotContain("\tat ");
    }
    HttpResponse<byte[]> put = registry.send("PUT", location + "?digest=" + Digest.sha256(new byte[0]), new byte[0],
        "Content-Range", "0-99999999999999999999");
    assertThat(put.statusCode()).as(TestRegistry.text(put)).isEqualTo(416);
  }

  @Test
  void anOverflowingRangeOnAPull_isAnsweredWithoutAStackTrace() {
    byte[] blob = "0123456789".getBytes(StandardCharsets.UTF_8);
    Digest d = registry.pushBlob("repo", blob);
    HttpResponse<byte[]> first = registry.send("GET", "/v2/repo/blobs/" + d, null, "Range", "bytes=99999999999999999999-");
    assertThat(first.statusCode()).isEqualTo(416);
    assertThat(first.headers().firstValue("Content-Range")).hasValue("bytes */10");
    HttpResponse<byte[]> last = registry.send("GET", "/v2/repo/blobs/" + d, null, "Range", "bytes=2-99999999999999999999");
    assertThat(last.statusCode()).isEqualTo(206);
    assertThat(new String(last.body(), StandardCharsets.UTF_8)).isEqualTo("23456789");
    HttpResponse<byte[]> suffix = registry.send("GET", "/v2/repo/blobs/" + d, null, "Range", "bytes=-99999999999999999999");
    assertThat(suffix.statusCode()).isEqualTo(206);
    assertThat(suffix.body()).isEqualTo(blob);
  }
}
