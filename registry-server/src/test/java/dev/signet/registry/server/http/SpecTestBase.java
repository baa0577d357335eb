package dev.signet.registry.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.registry.server.testkit.TestRegistry;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A fresh registry per test, and assertions on the spec's error JSON. */
abstract class SpecTestBase {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path data;
  TestRegistry registry;

  @BeforeEach
  void startRegistry() {
    registry = TestRegistry.start(data);
  }

  @AfterEach
  void stopRegistry() {
    registry.close();
  }

  static JsonNode json(HttpResponse<byte[]> r) {
    try {
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + TestRegistry.text(r), e);
    }
  }

  /** Asserts status, {@code Content-Type: application/json} and {@code {"errors":[{"code":code,…}]}}. */
  static void assertError(HttpResponse<byte[]> r, int status, String code) {
    assertThat(r.statusCode()).as(TestRegistry.text(r)).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonNode errors = json(r).get("errors");
    assertThat(errors.isArray()).isTrue();
    assertThat(errors.get(0).get("code").asText()).isEqualTo(code);
    assertThat(errors.get(0).get("message").asText()).isNotEmpty();
  }
}
