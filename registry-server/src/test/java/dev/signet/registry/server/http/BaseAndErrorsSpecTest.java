package dev.signet.registry.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class BaseAndErrorsSpecTest extends SpecTestBase {

  @Test
  void base_answers200WithEmptyObjectAndApiVersion() {
    HttpResponse<byte[]> r = registry.send("GET", "/v2/", null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r).isObject()).isTrue();
    assertThat(json(r).size()).isZero();
    assertThat(r.headers().firstValue("Docker-Distribution-Api-Version")).hasValue("registry/2.0");
  }

  @Test
  void names_rejectUpperCaseTraversalAndOverlongNames() {
    assertError(registry.send("GET", "/v2/Upper/tags/list", null), 400, "NAME_INVALID");
    assertError(registry.send("GET", "/v2/a/%2e%2e/b/tags/list", null), 400, "NAME_INVALID");
    assertError(registry.send("GET", "/v2/a//b/tags/list", null), 400, "NAME_INVALID");
    assertError(registry.send("GET", "/v2/" + "a".repeat(256) + "/tags/list", null), 400, "NAME_INVALID");
    assertError(registry.send("GET", "/v2/a-/manifests/latest", null), 400, "NAME_INVALID");
  }

  @Test
  void unknownEndpointsAndMethods_answerJsonErrors() {
    assertError(registry.send("GET", "/v2/repo/nothing-here", null), 404, "UNSUPPORTED");
    HttpResponse<byte[]> r = registry.send("POST", "/v2/repo/manifests/latest", new byte[0]);
    assertError(r, 405, "UNSUPPORTED");
    assertThat(r.headers().firstValue("Allow")).isPresent();
  }

  @Test
  void unknownThings_are404WithTheirCodes() {
    String digest = "sha256:" + "a".repeat(64);
    assertError(registry.send("GET", "/v2/repo/blobs/" + digest, null), 404, "BLOB_UNKNOWN");
    assertError(registry.send("GET", "/v2/repo/manifests/latest", null), 404, "MANIFEST_UNKNOWN");
    assertError(registry.send("GET", "/v2/repo/manifests/" + digest, null), 404, "MANIFEST_UNKNOWN");
    assertError(registry.send("GET", "/v2/repo/tags/list", null), 404, "NAME_UNKNOWN");
    assertError(registry.send("GET", "/v2/repo/blobs/uploads/nope", null), 404, "BLOB_UPLOAD_UNKNOWN");
    assertError(registry.send("GET", "/v2/repo/blobs/sha256:short", null), 400, "DIGEST_INVALID");
    assertError(registry.send("GET", "/v2/repo/blobs/md5:" + "a".repeat(32), null), 400, "DIGEST_INVALID");
  }

  @Test
  void head_ofMissingThingsHasNoBody() {
    HttpResponse<byte[]> r = registry.send("HEAD", "/v2/repo/manifests/latest", null);
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).isEmpty();
  }
}
