package dev.signet.cli;

import static dev.signet.cli.CliRegistryFixture.assertOneErrorLine;
import static dev.signet.cli.CliRegistryFixture.json;
import static dev.signet.cli.CliRegistryFixture.reference;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signet.oci.MediaTypes;
import dev.signet.registry.client.Manifest;
import dev.signet.testing.registry.DockerRegistryExtension;
import dev.signet.testing.registry.DockerRegistryPeer;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** cosign's environment variables: {@code COSIGN_NEW_BUNDLE_FORMAT}, {@code COSIGN_REPOSITORY}, {@code COSIGN_DOCKER_MEDIA_TYPES}. */
@ExtendWith(DockerRegistryExtension.class)
class CosignEnvironmentTest {
  @TempDir Path dir;

  private CliRegistryFixture fx;

  @BeforeEach
  void setUp(DockerRegistryPeer registry) {
    fx = new CliRegistryFixture(registry, dir).keys("cosign");
  }

  @Test
  void newBundleFormatFalseFromTheEnvironmentWritesTheLegacySigLikeTheFlag() {
    CliRegistryFixture.Pushed img = fx.push("env/legacy", "v1");
    String hex = img.digest().hex();
    CliRunner legacyEnv = fx.cli().env("COSIGN_NEW_BUNDLE_FORMAT", "false");

    CliRunner.Result signed = legacyEnv.run("sign", "--key", "cosign.key", img.ref());
    assertThat(signed.exitCode()).as(signed.toString()).isZero();
    assertThat(fx.tags(img.repo())).containsExactlyInAnyOrder("v1", "sha256-" + hex + ".sig");

    CliRunner.Result verified = fx.ok("verify", "--key", "cosign.pub", "--insecure-ignore-tlog=true", img.ref());
    assertThat(json(verified.out()).get(0).path("critical").path("type").asText())
        .isEqualTo("cosign container image signature");

    // The command line wins over the environment.
    CliRunner.Result flagWins = legacyEnv.run("sign", "--key", "cosign.key", "--new-bundle-format=true", img.ref());
    assertThat(flagWins.exitCode()).as(flagWins.toString()).isZero();
    assertThat(fx.tags(img.repo())).containsExactlyInAnyOrder("v1", "sha256-" + hex + ".sig", "sha256-" + hex);
  }

  @Test
  void cosignRepositoryStoresAndFindsSignaturesInTheOtherRepository() {
    CliRegistryFixture.Pushed img = fx.push("env/app", "v1");
    String store = fx.newRepo("env/signatures");
    String hex = img.digest().hex();
    CliRunner elsewhere = fx.cli().env("COSIGN_REPOSITORY", store);

    assertThat(elsewhere.run("sign", "--key", "cosign.key", img.ref()).exitCode()).isZero();
    assertThat(elsewhere.run("sign", "--key", "cosign.key", "--new-bundle-format=false", img.ref()).exitCode()).isZero();

    assertThat(fx.tags(img.repo())).containsExactly("v1");
    assertThat(fx.tags(store)).containsExactlyInAnyOrder("sha256-" + hex, "sha256-" + hex + ".sig");

    CliRunner.Result verified = elsewhere.run("verify", "--key", "cosign.pub", "--insecure-ignore-tlog=true", img.ref());
    assertThat(verified.exitCode()).as(verified.toString()).isZero();
    assertThat(json(verified.out()).get(0).path("critical").path("image").path("docker-manifest-digest").asText())
        .isEqualTo(img.digest().toString());

    CliRunner.Result inImageRepo = fx.run("verify", "--key", "cosign.pub", "--insecure-ignore-tlog=true", img.ref());
    assertThat(inImageRepo.exitCode()).as(inImageRepo.toString()).isEqualTo(10);
    assertOneErrorLine(inImageRepo);

    CliRunner.Result triangulated = elsewhere.run("triangulate", img.ref());
    assertThat(triangulated.out()).isEqualTo(store + ":sha256-" + hex + ".sig\n");

    // The legacy payload still names the image's own repository.
    fx.ok("clean", "--force", "--type", "referrer", img.ref()); // nothing to remove in the image repo
    assertThat(elsewhere.run("clean", "--force", "--type", "referrer", img.ref()).exitCode()).isZero();
    CliRunner.Result legacy = elsewhere.run("verify", "--key", "cosign.pub", "--insecure-ignore-tlog=true", img.ref());
    assertThat(legacy.exitCode()).as(legacy.toString()).isZero();
    JsonNode critical = json(legacy.out()).get(0).path("critical");
    assertThat(critical.path("type").asText()).isEqualTo("cosign container image signature");
    assertThat(critical.path("identity").path("docker-reference").asText()).isEqualTo(img.repo());
  }

  @Test
  void dockerMediaTypesMakeTheLegacySigADockerSchema2Manifest() throws Exception {
    CliRegistryFixture.Pushed img = fx.push("env/docker", "v1");
    CliRunner docker = fx.cli().env("COSIGN_DOCKER_MEDIA_TYPES", "1");

    CliRunner.Result signed = docker.run("sign", "--key", "cosign.key", "--new-bundle-format=false", img.ref());
    assertThat(signed.exitCode()).as(signed.toString()).isZero();

    Manifest sig = CliRegistryFixture.client().getManifest(reference(img.sigTag()));
    assertThat(sig.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
    JsonNode manifest = json(sig.bytes());
    assertThat(manifest.path("mediaType").asText()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
    assertThat(manifest.path("config").path("mediaType").asText()).isEqualTo(MediaTypes.DOCKER_CONFIG);
    assertThat(manifest.path("layers").get(0).path("mediaType").asText())
        .isEqualTo("application/vnd.dev.cosign.simplesigning.v1+json");
    fx.ok("verify", "--key", "cosign.pub", "--insecure-ignore-tlog=true", img.ref());

    // Without the variable the same kind of object is OCI.
    CliRegistryFixture.Pushed oci = fx.push("env/oci", "v1");
    fx.ok("sign", "--key", "cosign.key", "--new-bundle-format=false", oci.ref());
    assertThat(CliRegistryFixture.client().getManifest(reference(oci.sigTag())).mediaType())
        .isEqualTo(MediaTypes.OCI_MANIFEST);
  }

  /**
   * {@code --allow-http-registry} covers every registry the command talks to, including the
   * {@code COSIGN_REPOSITORY} one. The registry is reached under a non-loopback name (this machine's
   * host name, when it resolves to 127.0.0.1), for which Signet would otherwise use HTTPS.
   */
  @Test
  void allowHttpRegistryAlsoCoversTheCosignRepositoryRegistry() throws Exception {
    String name = java.net.InetAddress.getLocalHost().getHostName();
    org.junit.jupiter.api.Assumptions.assumeTrue(
        java.net.InetAddress.getByName(name).isLoopbackAddress() && !name.equals("localhost"),
        "needs a host name that resolves to a loopback address");
    CliRegistryFixture.Pushed img = fx.push("env/http", "v1");
    String store = name + ":" + fx.registry().port() + "/" + CliRegistryFixture.uniquePath("env/http-sigs");
    CliRunner elsewhere = fx.cli().env("COSIGN_REPOSITORY", store);

    CliRunner.Result signed =
        elsewhere.run("sign", "--allow-http-registry", "--key", "cosign.key", "--new-bundle-format=false", img.ref());
    assertThat(signed.exitCode()).as(signed.toString()).isZero();
    CliRunner.Result bundle = elsewhere.run("sign", "--allow-http-registry", "--key", "cosign.key", img.ref());
    assertThat(bundle.exitCode()).as(bundle.toString()).isZero();

    CliRunner.Result verified = elsewhere.run("verify", "--allow-http-registry", "--key", "cosign.pub",
        "--insecure-ignore-tlog=true", img.ref());
    assertThat(verified.exitCode()).as(verified.toString()).isZero();
    assertThat(fx.tags(img.repo())).containsExactly("v1");
  }

  @Test
  void aMalformedCosignRepositoryIsOneErrorLine() {
    CliRegistryFixture.Pushed img = fx.push("env/bad", "v1");
    CliRunner.Result r = fx.cli().env("COSIGN_REPOSITORY", "Not A Repo").run("sign", "--key", "cosign.key", img.ref());
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    assertOneErrorLine(r);
    assertThat(CliRegistryFixture.errorLine(r)).contains("COSIGN_REPOSITORY");
    assertThat(fx.tags(img.repo())).containsExactly("v1");
  }

  @Test
  void maxAttachmentSizeRejectsLargerPayloads_andMalformedValuesFailClearly() {
    CliRegistryFixture.Pushed img = fx.push("env/size", "v1");
    fx.ok("sign", "--key", "cosign.key", "--new-bundle-format=false", img.ref());

    CliRunner.Result small = fx.cli().env("COSIGN_MAX_ATTACHMENT_SIZE", "16")
        .run("verify", "--key", "cosign.pub", "--insecure-ignore-tlog=true", img.ref());
    assertThat(small.exitCode()).as(small.toString()).isEqualTo(12);

    CliRunner.Result large = fx.cli().env("COSIGN_MAX_ATTACHMENT_SIZE", "1MiB")
        .run("verify", "--key", "cosign.pub", "--insecure-ignore-tlog=true", img.ref());
    assertThat(large.exitCode()).as(large.toString()).isZero();

    CliRunner.Result bad = fx.cli().env("COSIGN_MAX_ATTACHMENT_SIZE", "lots")
        .run("verify", "--key", "cosign.pub", "--insecure-ignore-tlog=true", img.ref());
    assertThat(bad.exitCode()).isEqualTo(1);
    assertOneErrorLine(bad);
    assertThat(bad.err()).contains("COSIGN_MAX_ATTACHMENT_SIZE=lots");
  }
}
