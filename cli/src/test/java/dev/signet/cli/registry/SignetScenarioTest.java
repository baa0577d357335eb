package dev.signet.cli.registry;

import static dev.signet.cli.CliRegistryFixture.assertOneErrorLine;
import static dev.signet.cli.CliRegistryFixture.errorLine;
import static dev.signet.cli.CliRegistryFixture.json;
import static dev.signet.cli.registry.SignetRegistryFixture.BUNDLE_V03;
import static dev.signet.cli.registry.SignetRegistryFixture.ofType;
import static dev.signet.cli.registry.SignetRegistryFixture.texts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signet.cli.CliRegistryFixture;
import dev.signet.cli.CliRunner;
import dev.signet.oci.Digest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README walkthrough with the Signet registry in place of docker-registry: skopeo push, keys, sign
 * in both formats, verify (and exit 12 with the wrong key), tree, Signet's accessories API, copy with
 * everything attached, and {@code clean}, which on Signet really deletes tags (unlike distribution),
 * after which verify exits 10.
 */
class SignetScenarioTest {
  @TempDir Path data;
  @TempDir Path dir;

  @Test
  void pushSignVerifyTreeAccessoriesCopyClean() {
    try (SignetRegistryFixture fx = SignetRegistryFixture.start(data, dir)) {
      fx.keys("cosign").keys("other");
      CliRegistryFixture.Pushed img = fx.push("demo/app", "v1");
      Digest digest = img.digest();
      String hex = digest.hex();

      fx.ok("sign", "--key", "cosign.key", img.ref());
      fx.ok("sign", "--key", "cosign.key", "--new-bundle-format=false", img.ref());
      // Signet has the referrers API, so no sha256-<hex> fallback index is written: only the legacy tag.
      assertThat(fx.tags("demo/app")).containsExactly("sha256-" + hex + ".sig", "v1");

      CliRunner.Result verified = fx.ok("verify", "--key", "cosign.pub", "--insecure-ignore-tlog=true", img.ref());
      JsonNode critical = json(verified.out()).get(0).path("critical");
      assertThat(critical.path("image").path("docker-manifest-digest").asText()).isEqualTo(digest.toString());
      assertThat(critical.path("identity").path("docker-reference").asText()).isEqualTo(img.ref());

      CliRunner.Result wrongKey = fx.run("verify", "--key", "other.pub", "--insecure-ignore-tlog=true", img.ref());
      assertThat(wrongKey.exitCode()).as(wrongKey.toString()).isEqualTo(12);
      assertOneErrorLine(wrongKey);
      assertThat(errorLine(wrongKey)).startsWith("Error: no matching signatures");

      CliRunner.Result tree = fx.ok("tree", img.ref());
      assertThat(tree.out())
          .contains("Signatures for an image tag: " + img.sigTag())
          .contains("referrer (" + BUNDLE_V03 + ")");

      // The registry's own view: the bundle by its subject field, the .sig manifest by its tag.
      JsonNode accessories = fx.accessories("demo/app", digest);
      assertThat(accessories).as(accessories.toPrettyString()).hasSize(2);
      List<JsonNode> bundles = ofType(accessories, "SIGSTORE_BUNDLE");
      List<JsonNode> legacy = ofType(accessories, "COSIGN_SIGNATURE");
      assertThat(bundles).as(accessories.toPrettyString()).hasSize(1);
      assertThat(legacy).as(accessories.toPrettyString()).hasSize(1);
      assertThat(bundles.get(0).path("artifactType").asText()).isEqualTo(BUNDLE_V03);
      assertThat(texts(bundles.get(0).path("via"))).containsExactly("SUBJECT");
      assertThat(texts(legacy.get(0).path("via"))).containsExactly("SIGNATURE_TAG");
      String sigManifest = fx.send("HEAD", "/v2/demo/app/manifests/sha256-" + hex + ".sig").headers()
          .firstValue("Docker-Content-Digest").orElseThrow();
      assertThat(legacy.get(0).path("digest").asText()).isEqualTo(sigManifest);
      JsonNode referrers = fx.referrers("demo/app", digest);
      assertThat(referrers).hasSize(1);
      assertThat(referrers.get(0).path("digest").asText()).isEqualTo(bundles.get(0).path("digest").asText());
      assertThat(referrers.get(0).path("artifactType").asText()).isEqualTo(BUNDLE_V03);

      // copy brings the image, the .sig tag and the bundle referrer; verify passes at the destination.
      String prod = fx.host() + "/prod/app";
      CliRunner.Result copied = fx.ok("copy", img.ref(), prod + ":v1");
      assertThat(copied.err()).contains("Copied");
      assertThat(fx.tags("prod/app")).containsExactly("sha256-" + hex + ".sig", "v1");
      CliRunner.Result atProd = fx.ok("verify", "--key", "cosign.pub", "--insecure-ignore-tlog=true", prod + ":v1");
      assertThat(json(atProd.out()).get(0).path("critical").path("image").path("docker-manifest-digest").asText())
          .isEqualTo(digest.toString());
      JsonNode prodAccessories = fx.accessories("prod/app", digest);
      assertThat(ofType(prodAccessories, "SIGSTORE_BUNDLE")).as(prodAccessories.toPrettyString()).hasSize(1);
      assertThat(ofType(prodAccessories, "COSIGN_SIGNATURE")).as(prodAccessories.toPrettyString()).hasSize(1);
      assertThat(ofType(prodAccessories, "COSIGN_SIGNATURE").get(0).path("digest").asText()).isEqualTo(sigManifest);
      assertThat(ofType(prodAccessories, "SIGSTORE_BUNDLE").get(0).path("digest").asText())
          .isEqualTo(bundles.get(0).path("digest").asText());
      assertThat(fx.referrers("prod/app", digest)).hasSize(1);
      CliRunner.Result prodWrongKey = fx.run("verify", "--key", "other.pub", "--insecure-ignore-tlog=true",
          prod + ":v1");
      assertThat(prodWrongKey.exitCode()).as(prodWrongKey.toString()).isEqualTo(12);

      // clean: Signet deletes the .sig tag (distribution would need delete-by-digest) and the referrer.
      fx.ok("clean", "--force", img.ref());
      assertThat(fx.tags("demo/app")).containsExactly("v1");
      assertThat(fx.status("GET", "/v2/demo/app/manifests/sha256-" + hex + ".sig")).isEqualTo(404);
      assertThat(fx.accessories("demo/app", digest)).isEmpty();
      assertThat(fx.referrers("demo/app", digest)).isEmpty();
      CliRunner.Result cleaned = fx.run("verify", "--key", "cosign.pub", "--insecure-ignore-tlog=true", img.ref());
      assertThat(cleaned.exitCode()).as(cleaned.toString()).isEqualTo(10);
      assertOneErrorLine(cleaned);
      assertThat(errorLine(cleaned)).isEqualTo("Error: no signatures found");

      // The copy is independent of the source: still signed after the source was cleaned.
      fx.ok("verify", "--key", "cosign.pub", "--insecure-ignore-tlog=true", prod + ":v1");
      assertThat(fx.status("GET", "/v2/demo/app/manifests/v1")).isEqualTo(200);
    }
  }
}
