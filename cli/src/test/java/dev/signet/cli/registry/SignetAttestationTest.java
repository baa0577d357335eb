package dev.signet.cli.registry;

import static dev.signet.cli.CliRegistryFixture.json;
import static dev.signet.cli.registry.SignetRegistryFixture.BUNDLE_V03;
import static dev.signet.cli.registry.SignetRegistryFixture.ofType;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signet.cli.CliRegistryFixture;
import dev.signet.cli.CliRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attestations and SBOMs against the in-process Signet registry (referrers API, conditional tag writes):
 * ten legacy and ten v3 attestations at once all kept and all downloaded; attach/download sbom; the
 * registry classifies what was stored as attestations and an SBOM.
 */
class SignetAttestationTest {
  private static final int EACH = 10;

  @TempDir Path data;
  @TempDir Path dir;

  @Test
  void concurrentAttestationsInBothFormatsAreAllKept() throws Exception {
    try (SignetRegistryFixture fx = SignetRegistryFixture.start(data, dir)) {
      fx.keys("cosign");
      CliRegistryFixture.Pushed img = fx.push("attest/app", "v1");
      for (int i = 0; i < 2 * EACH; i++) {
        Files.writeString(dir.resolve("note-" + i + ".txt"), "attestation " + i);
      }
      CyclicBarrier start = new CyclicBarrier(2 * EACH);
      ExecutorService pool = Executors.newFixedThreadPool(2 * EACH);
      List<Future<CliRunner.Result>> results = new ArrayList<>();
      for (int i = 0; i < 2 * EACH; i++) {
        String[] args = i % 2 == 0
            ? new String[] {"attest", "--key", "cosign.key", "--predicate", "note-" + i + ".txt", "--new-bundle-format=false", img.byDigest()}
            : new String[] {"attest", "--key", "cosign.key", "--predicate", "note-" + i + ".txt", img.byDigest()};
        CliRunner cli = fx.cli();
        results.add(pool.submit(() -> {
          start.await(1, TimeUnit.MINUTES);
          return cli.run(args);
        }));
      }
      for (Future<CliRunner.Result> f : results) {
        CliRunner.Result r = f.get(5, TimeUnit.MINUTES);
        assertThat(r.exitCode()).as(r.toString()).isZero();
      }
      pool.shutdown();

      JsonNode att = json(fx.send("GET", "/v2/attest/app/manifests/sha256-" + img.digest().hex() + ".att").body());
      assertThat(att.path("layers")).hasSize(EACH);
      JsonNode referrers = fx.referrers("attest/app", img.digest());
      List<JsonNode> bundles = new ArrayList<>();
      referrers.forEach(r -> {
        if (r.path("artifactType").asText().equals(BUNDLE_V03)) {
          bundles.add(r);
        }
      });
      assertThat(bundles).hasSize(EACH);
      // Signet's accessories API sees the bundles and the legacy attestation image as accessories.
      JsonNode accessories = fx.accessories("attest/app", img.digest());
      assertThat(ofType(accessories, "SIGSTORE_BUNDLE")).hasSize(EACH);
      assertThat(ofType(accessories, "IN_TOTO_ATTESTATION")).isNotEmpty();

      Set<String> data = new HashSet<>();
      for (String line : fx.ok("download", "attestation", img.ref()).outLines()) {
        JsonNode st = json(Base64.getDecoder().decode(json(line).path("payload").asText()));
        data.add(st.path("predicate").path("Data").asText());
      }
      Set<String> expected = new HashSet<>();
      for (int i = 0; i < 2 * EACH; i++) {
        expected.add("attestation " + i);
      }
      assertThat(data).isEqualTo(expected);
    }
  }

  @Test
  void attachSbomThenDownloadSbom() throws Exception {
    try (SignetRegistryFixture fx = SignetRegistryFixture.start(data, dir)) {
      CliRegistryFixture.Pushed img = fx.push("sbom/app", "v1");
      String bom = "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\"}";
      Files.writeString(dir.resolve("bom.json"), bom);
      fx.ok("attach", "sbom", "--sbom", "bom.json", "--type", "cyclonedx", img.ref());
      assertThat(fx.tags("sbom/app")).containsExactly("sha256-" + img.digest().hex() + ".sbom", "v1");
      CliRunner.Result down = fx.ok("download", "sbom", img.ref());
      assertThat(down.out()).isEqualTo(bom);
      assertThat(down.err()).contains("application/vnd.cyclonedx+json");
      assertThat(ofType(fx.accessories("sbom/app", img.digest()), "SBOM_CYCLONEDX")).hasSize(1);
    }
  }
}
