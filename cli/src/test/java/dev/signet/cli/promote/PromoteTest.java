package dev.signet.cli.promote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.cli.CliRunner;
import dev.signet.registry.server.RegistryServer;
import dev.signet.testing.oci.LayoutImage;
import dev.signet.testing.oci.OciLayoutFixture;
import dev.signet.testing.registry.Skopeo;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Promotion inside the Signet registry (the Artifactory failure, seed 002): the image moves to another
 * project with both signature formats, and {@code verify} passes there immediately.
 */
class PromoteTest {

  @Test
  void promote_toAnotherProject_keepsSignatures_verifyPassesAtOnce(@TempDir Path tmp) throws Exception {
    try (RegistryServer server = RegistryServer.builder().port(0).dataDir(tmp.resolve("data")).build().start()) {
      String host = "127.0.0.1:" + server.port();
      LayoutImage image = OciLayoutFixture.writeImage(tmp.resolve("layout"), "v1", "promote");
      Skopeo.create().copy(image, "docker://" + host + "/staging/app:v1");
      CliRunner cli = CliRunner.in(tmp).env("COSIGN_PASSWORD", "pw");
      assertThat(cli.run("generate-key-pair").exitCode()).isZero();
      assertThat(cli.run("sign", "--key", "cosign.key", host + "/staging/app:v1").exitCode()).isZero();
      assertThat(cli.run("sign", "--key", "cosign.key", "--new-bundle-format=false", host + "/staging/app:v1")
          .exitCode()).isZero();

      CliRunner.Result promoted = cli.run("promote", host + "/staging/app:v1", host + "/prod/app:v1");

      assertThat(promoted.exitCode()).as(promoted.toString()).isZero();
      assertThat(promoted.err()).contains("2 accessories copied, 2 attached at the destination")
          .contains("0 uploaded");
      CliRunner.Result verified =
          cli.run("verify", "--key", "cosign.pub", "--insecure-ignore-tlog=true", host + "/prod/app:v1");
      assertThat(verified.exitCode()).as(verified.toString()).isZero();
      assertThat(verified.out()).contains(image.digest().toString());
    }
  }
}
