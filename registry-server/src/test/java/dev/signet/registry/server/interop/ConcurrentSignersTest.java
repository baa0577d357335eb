package dev.signet.registry.server.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.cosign.SignatureTags;
import dev.signet.oci.Digest;
import dev.signet.oci.MediaTypes;
import dev.signet.registry.server.testkit.TestManifests;
import dev.signet.registry.server.testkit.TestRegistry;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Twenty signers append to one legacy {@code .sig} tag at once, each doing cosign's read-modify-write
 * with {@code If-Match} (or {@code If-None-Match: *} for the first) and retrying on 412: no signature is
 * lost, and every intermediate manifest stays attached to the subject.
 */
class ConcurrentSignersTest {
  private static final int SIGNERS = 20;
  private static final int SIGNATURES_EACH = 3;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path data;

  @Test
  void conditionalAppendsLoseNothing() throws Exception {
    try (TestRegistry registry = TestRegistry.start(data)) {
      Digest subject = registry.pushImage("repo", "v1", "subject");
      registry.pushEmptyConfig("repo");
      String tag = SignatureTags.signatureTag(subject);
      List<Digest> layers = new ArrayList<>();
      for (int i = 0; i < SIGNERS * SIGNATURES_EACH; i++) {
        layers.add(registry.pushBlob("repo", String.format("sig-%04d", i).getBytes()));
      }
      ExecutorService pool = Executors.newFixedThreadPool(SIGNERS);
      List<Future<Integer>> results = new ArrayList<>();
      for (int s = 0; s < SIGNERS; s++) {
        List<Digest> mine = layers.subList(s * SIGNATURES_EACH, (s + 1) * SIGNATURES_EACH);
        results.add(pool.submit(() -> {
          int retries = 0;
          for (Digest layer : mine) {
            retries += append(registry, tag, layer);
          }
          return retries;
        }));
      }
      int retries = 0;
      for (Future<Integer> f : results) {
        retries += f.get(2, TimeUnit.MINUTES);
      }
      pool.shutdown();

      HttpResponse<byte[]> finalSig = registry.send("GET", "/v2/repo/manifests/" + tag, null);
      Set<String> signed = new HashSet<>();
      JSON.readTree(finalSig.body()).get("layers").forEach(l -> signed.add(l.get("digest").asText()));
      assertThat(signed).hasSize(SIGNERS * SIGNATURES_EACH);
      layers.forEach(l -> assertThat(signed).contains(l.toString()));
      JsonNode accessories = JSON.readTree(registry.send("GET", "/api/v1/repositories/repo/artifacts/" + subject
          + "/accessories", null).body());
      assertThat(accessories.size()).as("every successful append is a historical signature manifest")
          .isEqualTo(SIGNERS * SIGNATURES_EACH);
      System.out.println("[concurrent-signers] " + retries + " retries after 412");
    }
  }

  /** One cosign-style append; returns how many 412s it took. */
  private static int append(TestRegistry registry, String tag, Digest layer) throws Exception {
    for (int attempt = 0; ; attempt++) {
      HttpResponse<byte[]> current = registry.send("GET", "/v2/repo/manifests/" + tag, null);
      List<Digest> layers = new ArrayList<>();
      String condition;
      String etag;
      if (current.statusCode() == 404) {
        condition = "If-None-Match";
        etag = "*";
      } else {
        for (JsonNode l : JSON.readTree(current.body()).get("layers")) {
          layers.add(Digest.parse(l.get("digest").asText()));
        }
        condition = "If-Match";
        etag = current.headers().firstValue("ETag").orElseThrow();
      }
      layers.add(layer);
      byte[] manifest = TestManifests.legacySignature(layers, 8);
      HttpResponse<byte[]> put = registry.putManifest("repo", tag, MediaTypes.OCI_MANIFEST, manifest, condition, etag);
      if (put.statusCode() == 201) {
        return attempt;
      }
      assertThat(put.statusCode()).as(TestRegistry.text(put)).isEqualTo(412);
    }
  }
}
