package dev.signet.registry.server.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.crypto.keys.KeyGenerator;
import dev.signet.crypto.keys.PrivateKeyHandle;
import dev.signet.oci.Digest;
import dev.signet.oci.MediaTypes;
import dev.signet.registry.server.testkit.MutableClock;
import dev.signet.registry.server.testkit.TestRegistry;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A fresh registry (no accounts, so the admin API is open) on a hand-moved clock, plus helpers. */
abstract class LifecycleTestBase {
  static final ObjectMapper JSON = new ObjectMapper();
  static final PrivateKeyHandle KEY = KeyGenerator.generateEcdsaP256();

  @TempDir Path data;
  final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  TestRegistry registry;
  LifecycleSignatures sign;

  @BeforeEach
  void start() {
    registry = TestRegistry.start(data, clock);
    sign = new LifecycleSignatures(registry);
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  JsonNode setLifecycle(String project, String json) {
    HttpResponse<byte[]> r = registry.send("PUT", "/api/v1/admin/projects/" + project + "/lifecycle",
        json.getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json");
    assertThat(r.statusCode()).as(TestRegistry.text(r)).isEqualTo(200);
    return json(r);
  }

  JsonNode runRetention(String project, boolean dryRun) {
    HttpResponse<byte[]> r = registry.send("POST", "/api/v1/admin/projects/" + project + "/retention/run?dryRun="
        + dryRun, null);
    assertThat(r.statusCode()).as(TestRegistry.text(r)).isEqualTo(200);
    return json(r);
  }

  HttpResponse<byte[]> manifest(String repo, String reference) {
    return registry.send("GET", "/v2/" + repo + "/manifests/" + reference, null, "Accept", MediaTypes.manifestAccept());
  }

  int status(String repo, String reference) {
    return manifest(repo, reference).statusCode();
  }

  JsonNode referrers(String repo, Digest subject) {
    HttpResponse<byte[]> r = registry.send("GET", "/v2/" + repo + "/referrers/" + subject, null);
    assertThat(r.statusCode()).as(TestRegistry.text(r)).isEqualTo(200);
    return json(r).path("manifests");
  }

  JsonNode accessories(String repo, Digest subject) {
    HttpResponse<byte[]> r = registry.send("GET", "/api/v1/repositories/" + repo + "/artifacts/" + subject
        + "/accessories", null);
    assertThat(r.statusCode()).as(TestRegistry.text(r)).isEqualTo(200);
    return json(r);
  }

  static JsonNode json(HttpResponse<byte[]> r) {
    try {
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + TestRegistry.text(r), e);
    }
  }

  static Digest digestOf(HttpResponse<byte[]> created) throws Exception {
    assertThat(created.statusCode()).as(TestRegistry.text(created)).isEqualTo(201);
    return Digest.parse(created.headers().firstValue("Docker-Content-Digest").orElseThrow());
  }
}
