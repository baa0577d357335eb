package dev.signet.cli.registry;

import static dev.signet.cli.registry.SignetRegistryFixture.BUNDLE_V03;
import static dev.signet.cli.registry.SignetRegistryFixture.ofType;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signet.cli.CliRegistryFixture;
import dev.signet.cli.CliRunner;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * Forty {@code signet sign} runs on one image at the same moment, each through {@code Main.run} on its own
 * thread with its own key and its own {@code COSIGN_PASSWORD}: twenty append to the legacy {@code .sig}
 * manifest (a read-modify-write race the registry arbitrates with {@code If-Match}), twenty push v3 bundle
 * referrers. Nothing is lost: the final {@code .sig} manifest has twenty layers, the referrers list twenty
 * bundles, and every one of the forty keys verifies.
 */
class ConcurrentSignTest {
  private static final int EACH = 20;
  private static final String SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature";

  @TempDir Path data;
  @TempDir Path dir;

  @Test
  void twentyLegacyAndTwentyBundleSignersAtOnce_loseNothing() throws Exception {
    try (SignetRegistryFixture fx = SignetRegistryFixture.start(data, dir)) {
      CliRegistryFixture.Pushed img = fx.push("concurrent/app", "v1");
      List<CliRunner> runners = new ArrayList<>();
      for (int i = 0; i < 2 * EACH; i++) {
        CliRunner cli = fx.cli().env("COSIGN_PASSWORD", "password-" + i);
        CliRunner.Result r = cli.run("generate-key-pair", "--output-key-prefix", key(i));
        assertThat(r.exitCode()).as(r.toString()).isZero();
        runners.add(cli);
      }

      CyclicBarrier start = new CyclicBarrier(2 * EACH);
      ExecutorService pool = Executors.newFixedThreadPool(2 * EACH);
      List<Future<CliRunner.Result>> results = new ArrayList<>();
      for (int i = 0; i < 2 * EACH; i++) {
        CliRunner cli = runners.get(i);
        String[] args = legacy(i)
            ? new String[] {"sign", "--key", key(i) + ".key", "--new-bundle-format=false", img.byDigest()}
            : new String[] {"sign", "--key", key(i) + ".key", img.byDigest()};
        results.add(pool.submit(() -> {
          start.await(1, TimeUnit.MINUTES);
          return cli.run(args);
        }));
      }
      for (int i = 0; i < results.size(); i++) {
        CliRunner.Result r = results.get(i).get(5, TimeUnit.MINUTES);
        assertThat(r.exitCode()).as("signer %d%n%s", i, r).isZero();
      }
      pool.shutdown();

      // The .sig manifest holds all twenty legacy signatures, each a different one.
      JsonNode sig = CliRegistryFixture.json(fx.send("GET", "/v2/concurrent/app/manifests/sha256-"
          + img.digest().hex() + ".sig").body());
      Set<String> signatures = new HashSet<>();
      sig.path("layers").forEach(l -> signatures.add(l.path("annotations").path(SIGNATURE_ANNOTATION).asText()));
      assertThat(sig.path("layers")).hasSize(EACH);
      assertThat(signatures).hasSize(EACH).doesNotContain("");

      // The referrers list holds all twenty bundles.
      JsonNode referrers = fx.referrers("concurrent/app", img.digest());
      Set<String> bundles = new HashSet<>();
      referrers.forEach(r -> {
        if (r.path("artifactType").asText().equals(BUNDLE_V03)) {
          bundles.add(r.path("digest").asText());
        }
      });
      assertThat(bundles).as(referrers.toPrettyString()).hasSize(EACH);

      // Signet's accessories: twenty bundles, and every successful append kept as a .sig manifest version.
      JsonNode accessories = fx.accessories("concurrent/app", img.digest());
      assertThat(ofType(accessories, "SIGSTORE_BUNDLE")).hasSize(EACH);
      assertThat(ofType(accessories, "COSIGN_SIGNATURE")).hasSize(EACH);

      // Any bundle signer's key verifies (the v3 bundles are checked first, as cosign does).
      for (int i = 0; i < 2 * EACH; i++) {
        if (!legacy(i)) {
          fx.ok("verify", "--key", key(i) + ".pub", "--insecure-ignore-tlog=true", img.ref());
        }
      }
      // Without the bundles, verification reads the legacy signatures: every legacy signer's key verifies.
      fx.ok("clean", "--force", "--type", "referrer", img.ref());
      assertThat(fx.referrers("concurrent/app", img.digest())).isEmpty();
      for (int i = 0; i < 2 * EACH; i++) {
        if (legacy(i)) {
          fx.ok("verify", "--key", key(i) + ".pub", "--insecure-ignore-tlog=true", img.ref());
        }
      }
    }
  }

  private static boolean legacy(int i) {
    return i % 2 == 0;
  }

  private static String key(int i) {
    return (legacy(i) ? "legacy-" : "bundle-") + i;
  }
}
