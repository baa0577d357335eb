package dev.signet.cli;

import static dev.signet.cli.CliRegistryFixture.assertOneErrorLine;
import static dev.signet.cli.CliRegistryFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signet.testing.oci.LayoutImage;
import dev.signet.testing.registry.DockerRegistryExtension;
import dev.signet.testing.registry.DockerRegistryPeer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code sign} and {@code verify} flags: {@code -a}, {@code --upload=false --bundle}, {@code -r}. */
@ExtendWith(DockerRegistryExtension.class)
class SignFlagsTest {
  @TempDir Path dir;

  private CliRegistryFixture fx;

  @BeforeEach
  void setUp(DockerRegistryPeer registry) {
    fx = new CliRegistryFixture(registry, dir).keys("cosign");
  }

  private CliRunner.Result verify(String... extra) {
    List<String> args = new ArrayList<>(List.of("verify", "--key", "cosign.pub", "--insecure-ignore-tlog=true"));
    args.addAll(List.of(extra));
    return fx.run(args.toArray(String[]::new));
  }

  @ParameterizedTest(name = "new bundle format {0}")
  @ValueSource(booleans = {true, false})
  void annotationsAreSignedAndRequiredAtVerify(boolean newBundleFormat) {
    CliRegistryFixture.Pushed img = fx.push("flags/annotated", "v1");
    fx.ok("sign", "--key", "cosign.key", "--new-bundle-format=" + newBundleFormat, "-a", "env=prod", "-a",
        "team=a=b", img.ref());

    CliRunner.Result ok = fx.ok("verify", "--key", "cosign.pub", "--insecure-ignore-tlog=true", "-a", "env=prod",
        img.ref());
    assertThat(ok.err()).contains("  - The specified annotations were verified.\n");
    JsonNode optional = json(ok.out()).get(0).path("optional");
    assertThat(optional.path("env").asText()).isEqualTo("prod");
    assertThat(optional.path("team").asText()).isEqualTo("a=b");
    assertThat(verify("-a", "env=prod", "-a", "team=a=b", img.ref()).exitCode()).isZero();

    CliRunner.Result wrongValue = verify("-a", "env=dev", img.ref());
    assertThat(wrongValue.exitCode()).as(wrongValue.toString()).isEqualTo(12);
    assertOneErrorLine(wrongValue);
    assertThat(wrongValue.out()).isEmpty();
    CliRunner.Result missing = verify("-a", "owner=me", img.ref());
    assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(12);

    CliRunner.Result malformed = verify("-a", "novalue", img.ref());
    assertThat(malformed.exitCode()).isEqualTo(1);
    assertOneErrorLine(malformed);
    assertThat(CliRegistryFixture.errorLine(malformed)).contains("novalue");
  }

  @Test
  void uploadFalseWithBundleWritesTheBundleAndUploadsNothing() throws Exception {
    CliRegistryFixture.Pushed img = fx.push("flags/offline", "v1");
    List<String> before = fx.tags(img.repo());

    CliRunner.Result r = fx.ok("sign", "--key", "cosign.key", "--upload=false", "--bundle", "out.sigstore.json",
        img.byDigest());
    assertThat(r.err()).doesNotContain("Pushing");

    JsonNode bundle = json(Files.readAllBytes(dir.resolve("out.sigstore.json")));
    assertThat(bundle.path("mediaType").asText()).isEqualTo("application/vnd.dev.sigstore.bundle.v0.3+json");
    assertThat(bundle.path("dsseEnvelope").path("payloadType").asText()).isEqualTo("application/vnd.in-toto+json");
    assertThat(bundle.path("verificationMaterial").path("publicKey").path("hint").asText()).isNotEmpty();
    assertThat(fx.tags(img.repo())).isEqualTo(before);
    assertThat(verify(img.ref()).exitCode()).isEqualTo(10);
  }

  @Test
  void uploadFalseInTheLegacyFormatWritesSignatureAndPayloadFiles() throws Exception {
    CliRegistryFixture.Pushed img = fx.push("flags/offline-legacy", "v1");
    List<String> before = fx.tags(img.repo());

    fx.ok("sign", "--key", "cosign.key", "--new-bundle-format=false", "--upload=false", "--output-signature", "sig.b64",
        "--output-payload", "payload.json", img.byDigest());

    assertThat(Files.readString(dir.resolve("sig.b64"))).matches("[A-Za-z0-9+/]+=*");
    JsonNode payload = json(Files.readAllBytes(dir.resolve("payload.json")));
    assertThat(payload.path("critical").path("image").path("docker-manifest-digest").asText())
        .isEqualTo(img.digest().toString());
    assertThat(payload.path("critical").path("identity").path("docker-reference").asText()).isEqualTo(img.repo());
    assertThat(fx.tags(img.repo())).isEqualTo(before);
  }

  @ParameterizedTest(name = "new bundle format {0}")
  @ValueSource(booleans = {true, false})
  void recursiveSignsTheIndexAndEveryChild(boolean newBundleFormat) {
    CliRegistryFixture.Pushed index = fx.pushIndex("flags/multiarch", "v1");
    fx.ok("sign", "--key", "cosign.key", "-r", "--new-bundle-format=" + newBundleFormat, index.ref());

    List<String> digests = new ArrayList<>(List.of(index.digest().toString()));
    for (LayoutImage child : index.image().children()) {
      digests.add(child.digest().toString());
    }
    for (String digest : digests) {
      CliRunner.Result r = verify(index.repo() + "@" + digest);
      assertThat(r.exitCode()).as(digest + "\n" + r).isZero();
      assertThat(json(r.out()).get(0).path("critical").path("image").path("docker-manifest-digest").asText())
          .isEqualTo(digest);
    }
    if (!newBundleFormat) {
      assertThat(fx.tags(index.repo())).contains(
          digests.stream().map(d -> d.replace(':', '-') + ".sig").toArray(String[]::new));
    }
  }

  @Test
  void withoutRecursiveOnlyTheIndexIsSigned() {
    CliRegistryFixture.Pushed index = fx.pushIndex("flags/multiarch-top", "v1");
    fx.ok("sign", "--key", "cosign.key", index.ref());

    assertThat(verify(index.ref()).exitCode()).isZero();
    for (LayoutImage child : index.image().children()) {
      assertThat(verify(index.repo() + "@" + child.digest()).exitCode()).isEqualTo(10);
    }
  }
}
