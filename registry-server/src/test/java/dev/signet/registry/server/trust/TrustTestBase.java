package dev.signet.registry.server.trust;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.crypto.keys.KeyGenerator;
import dev.signet.crypto.keys.PrivateKeyHandle;
import dev.signet.oci.MediaTypes;
import dev.signet.registry.server.testkit.TestRegistry;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A fresh in-process registry per test, keys, a signature factory and pull assertions. */
abstract class TrustTestBase {
  static final ObjectMapper JSON = new ObjectMapper();
  static final PrivateKeyHandle ALICE = KeyGenerator.generateEcdsaP256();
  static final PrivateKeyHandle BOB = KeyGenerator.generateEcdsaP256();
  static final PrivateKeyHandle MALLORY = KeyGenerator.generateEcdsaP256();

  @TempDir Path data;
  TestRegistry registry;
  SignatureFactory sign;
  /** Every decision the gate reports. */
  final List<PullDecision> audited = java.util.Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void start() {
    registry = TestRegistry.start(data);
    sign = new SignatureFactory(registry);
    trust().setAuditSink(audited::add);
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  TrustService trust() {
    return registry.server().registry().trust();
  }

  /** Sets {@code project}'s policy: mode, trusted keys, threshold, nothing else. */
  TrustPolicy policy(String project, TrustMode mode, int threshold, PrivateKeyHandle... keys) {
    return policy(project, mode, threshold, Map.of(), IndexRule.INHERIT, keys);
  }

  TrustPolicy policy(String project, TrustMode mode, int threshold, Map<String, String> annotations, IndexRule rule,
      PrivateKeyHandle... keys) {
    List<TrustAnchor> anchors = Arrays.stream(keys).map(k -> TrustAnchor.key(Pem.of(k))).toList();
    return trust().setPolicy(new TrustPolicy(project, mode, anchors, threshold, annotations, rule, null));
  }

  HttpResponse<byte[]> get(String repo, String reference) {
    return pull("GET", repo, reference);
  }

  HttpResponse<byte[]> pull(String method, String repo, String reference) {
    return registry.send(method, "/v2/" + repo + "/manifests/" + reference, null, "Accept", MediaTypes.manifestAccept());
  }

  /** GET and HEAD, by each reference, all answer 200. */
  void assertServed(String repo, String... references) {
    for (String ref : references) {
      for (String method : List.of("GET", "HEAD")) {
        HttpResponse<byte[]> r = pull(method, repo, ref);
        assertThat(r.statusCode()).as(method + " " + repo + ":" + ref + " " + TestRegistry.text(r)).isEqualTo(200);
      }
    }
  }

  /** GET and HEAD, by each reference, answer 412; returns the GET's error message. */
  String assertRefused(String repo, String... references) {
    String message = null;
    for (String ref : references) {
      HttpResponse<byte[]> head = pull("HEAD", repo, ref);
      assertThat(head.statusCode()).as("HEAD " + repo + ":" + ref).isEqualTo(412);
      HttpResponse<byte[]> r = get(repo, ref);
      assertThat(r.statusCode()).as("GET " + repo + ":" + ref + " " + TestRegistry.text(r)).isEqualTo(412);
      assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
      JsonNode error = json(r).path("errors").path(0);
      assertThat(error.path("code").asText()).isEqualTo("DENIED");
      message = error.path("message").asText();
    }
    return message;
  }

  static JsonNode json(HttpResponse<byte[]> r) {
    try {
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + TestRegistry.text(r), e);
    }
  }
}
