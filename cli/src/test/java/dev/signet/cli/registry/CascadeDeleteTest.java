package dev.signet.cli.registry;

import static dev.signet.cli.CliRegistryFixture.assertOneErrorLine;
import static dev.signet.cli.registry.SignetRegistryFixture.ofType;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signet.cli.CliRegistryFixture;
import dev.signet.cli.CliRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deleting a signed image from the Signet registry by digest (through {@code HttpRegistryClient}, as any
 * client would) takes its signatures with it: the accessories API and the referrers list are empty, the
 * {@code .sig} tag and every signature manifest are gone, and another signed image is untouched.
 */
class CascadeDeleteTest {
  @TempDir Path data;
  @TempDir Path dir;

  @Test
  void deletingTheImageByDigest_removesBothKindsOfSignature() throws Exception {
    try (SignetRegistryFixture fx = SignetRegistryFixture.start(data, dir)) {
      fx.keys("cosign");
      CliRegistryFixture.Pushed img = fx.push("cascade/app", "v1");
      CliRegistryFixture.Pushed other = fx.push("cascade/app", "other");
      for (CliRegistryFixture.Pushed p : List.of(img, other)) {
        fx.ok("sign", "--key", "cosign.key", p.byDigest());
        fx.ok("sign", "--key", "cosign.key", "--new-bundle-format=false", p.byDigest());
        fx.ok("sign", "--key", "cosign.key", "--new-bundle-format=false", "-a", "round=2", p.byDigest());
      }
      String hex = img.digest().hex();
      JsonNode before = fx.accessories("cascade/app", img.digest());
      assertThat(ofType(before, "SIGSTORE_BUNDLE")).as(before.toPrettyString()).hasSize(1);
      // Both versions of the .sig manifest stay attached (the first one is history, not garbage).
      assertThat(ofType(before, "COSIGN_SIGNATURE")).as(before.toPrettyString()).hasSize(2);
      List<String> signatureManifests = new ArrayList<>();
      before.forEach(a -> signatureManifests.add(a.path("digest").asText()));
      assertThat(fx.referrers("cascade/app", img.digest())).hasSize(1);

      CliRegistryFixture.client().deleteManifest(CliRegistryFixture.reference(img.byDigest()));

      assertThat(fx.accessories("cascade/app", img.digest())).isEmpty();
      assertThat(fx.referrers("cascade/app", img.digest())).isEmpty();
      assertThat(fx.status("GET", "/v2/cascade/app/manifests/" + img.digest())).isEqualTo(404);
      assertThat(fx.status("GET", "/v2/cascade/app/manifests/sha256-" + hex + ".sig")).isEqualTo(404);
      for (String gone : signatureManifests) {
        assertThat(fx.status("GET", "/v2/cascade/app/manifests/" + gone)).as(gone).isEqualTo(404);
      }
      assertThat(fx.tags("cascade/app")).containsExactly("other", "sha256-" + other.digest().hex() + ".sig");

      CliRunner.Result verify = fx.run("verify", "--key", "cosign.pub", "--insecure-ignore-tlog=true", img.ref());
      assertThat(verify.exitCode()).as(verify.toString()).isEqualTo(11);
      assertOneErrorLine(verify);
      // Nothing is left for a digest reference either (tree does not look the digest itself up).
      CliRunner.Result tree = fx.ok("tree", img.byDigest());
      assertThat(tree.out()).contains("No Supply Chain Security Related Artifacts found");

      // The other image keeps all three of its signatures.
      JsonNode kept = fx.accessories("cascade/app", other.digest());
      assertThat(ofType(kept, "SIGSTORE_BUNDLE")).hasSize(1);
      assertThat(ofType(kept, "COSIGN_SIGNATURE")).hasSize(2);
      fx.ok("verify", "--key", "cosign.pub", "--insecure-ignore-tlog=true", other.ref());
      assertThat(fx.referrers("cascade/app", other.digest())).hasSize(1);
    }
  }
}
