package dev.signet.cli;

import static dev.signet.cli.CliRegistryFixture.assertOneErrorLine;
import static dev.signet.cli.CliRegistryFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signet.testing.registry.DockerRegistryExtension;
import dev.signet.testing.registry.DockerRegistryPeer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README walkthrough, end to end through {@code Main.run} against docker-registry 2.8: push with
 * skopeo, make keys, sign in both formats, verify (and fail with the wrong key), triangulate, tree, copy
 * with every signature, clean.
 */
@ExtendWith(DockerRegistryExtension.class)
class SignVerifyScenarioTest {
  /** cosign's warning for --insecure-ignore-tlog, then its header without the log line (no log was checked). */
  private static final String HEADER_BUNDLE = "WARNING: Skipping tlog verification is an insecure practice that"
      + " lacks transparency and auditability verification for the signature.\n"
      + "\nVerification for %s --\n"
      + "The following checks were performed on each of these signatures:\n"
      + "  - The cosign claims were validated\n"
      + "  - The signatures were verified against the specified public key\n";
  private static final String HEADER_LEGACY = "WARNING: Skipping tlog verification is an insecure practice that"
      + " lacks transparency and auditability verification for the signature.\n"
      + "\nVerification for %s --\n"
      + "The following checks were performed on each of these signatures:\n"
      + "  - The cosign claims were validated\n"
      + "  - The signatures were verified against the specified public key\n";

  @TempDir Path dir;

  @Test
  void signVerifyTriangulateTreeCopyClean(DockerRegistryPeer registry) {
    CliRegistryFixture fx = new CliRegistryFixture(registry, dir).keys("cosign").keys("other");
    CliRegistryFixture.Pushed img = fx.push("demo/app", "v1");
    String hex = img.digest().hex();

    CliRunner.Result signed = fx.ok("sign", "--key", "cosign.key", img.ref());
    assertThat(signed.err()).contains("uses a tag, not a digest");
    assertThat(signed.out()).isEmpty();
    fx.ok("sign", "--key", "cosign.key", "--new-bundle-format=false", img.ref());
    assertThat(fx.tags(img.repo())).containsExactlyInAnyOrder("v1", "sha256-" + hex, "sha256-" + hex + ".sig");

    CliRunner.Result verified = fx.ok("verify", "--key", "cosign.pub", "--insecure-ignore-tlog=true", img.ref());
    assertThat(verified.err()).isEqualTo(HEADER_BUNDLE.formatted(img.ref()));
    assertThat(verified.out()).startsWith("\n[").endsWith("]\n");
    JsonNode out = json(verified.out());
    assertThat(out.isArray()).isTrue();
    assertThat(out).hasSize(1); // the v3 bundle wins; legacy signatures are read only without bundles
    JsonNode critical = out.get(0).path("critical");
    assertThat(critical.path("identity").path("docker-reference").asText()).isEqualTo(img.ref());
    assertThat(critical.path("image").path("docker-manifest-digest").asText()).isEqualTo(img.digest().toString());
    assertThat(critical.path("type").asText()).isEqualTo("https://sigstore.dev/cosign/sign/v1");
    assertThat(out.get(0).has("optional")).isTrue();

    CliRunner.Result wrongKey = fx.run("verify", "--key", "other.pub", "--insecure-ignore-tlog=true", img.ref());
    assertThat(wrongKey.exitCode()).as(wrongKey.toString()).isEqualTo(12);
    assertOneErrorLine(wrongKey);
    assertThat(wrongKey.out()).isEmpty();
    assertThat(CliRegistryFixture.errorLine(wrongKey)).startsWith("Error: no matching signatures");

    CliRunner.Result triangulated = fx.ok("triangulate", img.ref());
    assertThat(triangulated.out()).isEqualTo(img.sigTag() + "\n");

    CliRunner.Result tree = fx.ok("tree", img.ref());
    assertThat(tree.out())
        .contains("Signatures for an image tag: " + img.sigTag())
        .contains("referrer (application/vnd.dev.sigstore.bundle.v0.3+json)");

    String prod = fx.newRepo("prod/app");
    CliRunner.Result copied = fx.ok("copy", img.ref(), prod + ":v1");
    assertThat(copied.err()).contains("Copied");
    assertThat(fx.tags(prod)).contains("v1", "sha256-" + hex + ".sig", "sha256-" + hex);
    CliRunner.Result atProd = fx.ok("verify", "--key", "cosign.pub", "--insecure-ignore-tlog=true", prod + ":v1");
    assertThat(json(atProd.out()).get(0).path("critical").path("image").path("docker-manifest-digest").asText())
        .isEqualTo(img.digest().toString());

    // Without the bundle referrer the copied legacy .sig must verify on its own.
    fx.ok("clean", "--force", "--type", "referrer", prod + ":v1");
    CliRunner.Result legacy = fx.ok("verify", "--key", "cosign.pub", "--insecure-ignore-tlog=true", prod + ":v1");
    assertThat(legacy.err()).isEqualTo(HEADER_LEGACY.formatted(prod + ":v1"));
    JsonNode legacyCritical = json(legacy.out()).get(0).path("critical");
    assertThat(legacyCritical.path("type").asText()).isEqualTo("cosign container image signature");
    assertThat(legacyCritical.path("identity").path("docker-reference").asText()).isEqualTo(img.repo());

    fx.ok("clean", "--force", img.ref());
    assertThat(fx.tags(img.repo())).containsExactly("v1");
    CliRunner.Result cleaned = fx.run("verify", "--key", "cosign.pub", "--insecure-ignore-tlog=true", img.ref());
    assertThat(cleaned.exitCode()).as(cleaned.toString()).isEqualTo(10);
    assertOneErrorLine(cleaned);
    assertThat(CliRegistryFixture.errorLine(cleaned)).isEqualTo("Error: no signatures found");
  }

  @Test
  void anUnknownTagIsExitEleven(DockerRegistryPeer registry) {
    CliRegistryFixture fx = new CliRegistryFixture(registry, dir).keys("cosign");
    CliRegistryFixture.Pushed img = fx.push("demo/missing", "v1");

    CliRunner.Result r = fx.run("verify", "--key", "cosign.pub", "--insecure-ignore-tlog=true", img.repo() + ":nope");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(11);
    assertOneErrorLine(r);
    assertThat(CliRegistryFixture.errorLine(r)).contains(img.repo() + ":nope");
    assertThat(r.out()).isEmpty();
  }
}
