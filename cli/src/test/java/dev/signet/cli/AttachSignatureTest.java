package dev.signet.cli;

import static dev.signet.cli.CliRegistryFixture.assertOneErrorLine;
import static dev.signet.cli.CliRegistryFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signet.testing.registry.DockerRegistryExtension;
import dev.signet.testing.registry.DockerRegistryPeer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The detached workflow: {@code generate} prints the payload, {@code sign --upload=false} signs without
 * touching the registry, and {@code attach signature} stores the result so that {@code verify} passes.
 */
@ExtendWith(DockerRegistryExtension.class)
class AttachSignatureTest {
  @TempDir Path dir;

  private CliRegistryFixture fx;
  private CliRegistryFixture.Pushed img;

  @BeforeEach
  void setUp(DockerRegistryPeer registry) {
    fx = new CliRegistryFixture(registry, dir).keys("cosign");
    img = fx.push("attach/app", "v1");
  }

  private CliRunner.Result verify() {
    return fx.run("verify", "--key", "cosign.pub", "--insecure-ignore-tlog=true", img.ref());
  }

  @Test
  void generatedPayloadSignedOfflineThenAttachedVerifies() throws Exception {
    CliRunner.Result generated = fx.ok("generate", img.ref());
    Files.write(dir.resolve("payload.json"), generated.out().getBytes(StandardCharsets.UTF_8));
    assertThat(generated.out()).doesNotEndWith("\n");
    JsonNode payload = json(generated.out());
    assertThat(payload.path("critical").path("image").path("docker-manifest-digest").asText())
        .isEqualTo(img.digest().toString());
    assertThat(payload.path("critical").path("type").asText()).isEqualTo("cosign container image signature");

    List<String> before = fx.tags(img.repo());
    fx.ok("sign", "--key", "cosign.key", "--new-bundle-format=false", "--upload=false", "--output-signature", "sig.b64",
        "--output-payload", "signed-payload.json", img.ref());
    assertThat(fx.tags(img.repo())).isEqualTo(before);
    assertThat(verify().exitCode()).isEqualTo(10);
    assertThat(Files.readString(dir.resolve("signed-payload.json"))).isEqualTo(generated.out());

    CliRunner.Result attached = fx.ok("attach", "signature", "--signature", "sig.b64", "--payload", "payload.json",
        img.ref());
    assertThat(attached.out()).isEmpty();

    assertThat(fx.tags(img.repo())).contains("sha256-" + img.digest().hex() + ".sig");
    CliRunner.Result verified = verify();
    assertThat(verified.exitCode()).as(verified.toString()).isZero();
    assertThat(json(verified.out()).get(0).path("critical").path("type").asText())
        .isEqualTo("cosign container image signature");
  }

  @Test
  void signatureFromStandardInputOrAsTextAndNoPayloadUsesTheGeneratedOne() throws Exception {
    fx.ok("sign", "--key", "cosign.key", "--new-bundle-format=false", "--upload=false", "--output-signature", "sig.b64",
        img.byDigest());
    String b64 = Files.readString(dir.resolve("sig.b64"));

    CliRunner.Result fromStdin = fx.cli().stdin(b64).run("attach", "signature", "--signature", "-", img.ref());
    assertThat(fromStdin.exitCode()).as(fromStdin.toString()).isZero();
    assertThat(verify().exitCode()).isZero();

    // The same signature again, given as text, is a duplicate: still one layer.
    fx.ok("attach", "signature", "--signature", b64, img.ref());
    CliRunner.Result downloaded = fx.ok("download", "signature", img.ref());
    assertThat(downloaded.outLines()).hasSize(1);
  }

  @Test
  void aSignatureOverAnotherPayloadIsAttachedButDoesNotVerify() throws Exception {
    CliRegistryFixture.Pushed other = fx.push("attach/other", "v1");
    fx.ok("sign", "--key", "cosign.key", "--new-bundle-format=false", "--upload=false", "--output-signature", "sig.b64",
        other.ref());
    Files.write(dir.resolve("payload.json"), fx.ok("generate", img.ref()).out().getBytes(StandardCharsets.UTF_8));

    fx.ok("attach", "signature", "--signature", "sig.b64", "--payload", "payload.json", img.ref());

    CliRunner.Result r = verify();
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(12);
    assertOneErrorLine(r);
  }

  @Test
  void anOfflineBundleAttachedAsPayloadBecomesAReferrer() throws Exception {
    fx.ok("sign", "--key", "cosign.key", "--upload=false", "--bundle", "img.sigstore.json", img.ref());
    assertThat(verify().exitCode()).isEqualTo(10);

    fx.ok("attach", "signature", "--payload", "img.sigstore.json", img.ref());

    assertThat(fx.tags(img.repo())).contains("sha256-" + img.digest().hex()).doesNotContain(
        "sha256-" + img.digest().hex() + ".sig");
    CliRunner.Result verified = verify();
    assertThat(verified.exitCode()).as(verified.toString()).isZero();
    assertThat(json(verified.out()).get(0).path("critical").path("type").asText())
        .isEqualTo("https://sigstore.dev/cosign/sign/v1");
  }

  @Test
  void badSignatureInputIsOneErrorLineAndWritesNothing() {
    List<String> before = fx.tags(img.repo());

    CliRunner.Result notBase64 = fx.run("attach", "signature", "--signature", "%%%not base64%%%", img.ref());
    assertThat(notBase64.exitCode()).isEqualTo(1);
    assertOneErrorLine(notBase64);
    CliRunner.Result none = fx.run("attach", "signature", img.ref());
    assertThat(none.exitCode()).isEqualTo(1);
    assertOneErrorLine(none);
    assertThat(CliRegistryFixture.errorLine(none)).contains("--signature");
    CliRunner.Result missingPayload = fx.run("attach", "signature", "--signature", "MEUCIQ==", "--payload", "nope.json",
        img.ref());
    assertThat(missingPayload.exitCode()).isEqualTo(1);
    assertOneErrorLine(missingPayload);
    assertThat(CliRegistryFixture.errorLine(missingPayload)).contains("nope.json");

    assertThat(fx.tags(img.repo())).isEqualTo(before);
  }
}
