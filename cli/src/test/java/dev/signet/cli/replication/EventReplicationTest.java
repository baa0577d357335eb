package dev.signet.cli.replication;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.cli.CliRunner;
import dev.signet.registry.server.RegistryServer;
import dev.signet.testing.oci.LayoutImage;
import dev.signet.testing.oci.OciLayoutFixture;
import dev.signet.testing.registry.DockerRegistryExtension;
import dev.signet.testing.registry.DockerRegistryPeer;
import dev.signet.testing.registry.Skopeo;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production wiring of event-based replication: a Signet registry with accounts on replicates a
 * private project to Debian's docker-registry (no referrers API). A legacy signature pushed before the
 * image and a v3 bundle pushed after the image's replication both arrive, so {@code verify} passes at the
 * destination — the ordering Harbor calls "chicken and egg".
 */
@ExtendWith(DockerRegistryExtension.class)
class EventReplicationTest {
  private static final String ADMIN_PW = "replication-admin-pw";

  @TempDir Path data;
  @TempDir Path work;

  @Test
  void eventReplication_toDistribution_carriesSignaturesInEitherOrder(DockerRegistryPeer peer) throws Exception {
    try (RegistryServer server = RegistryServer.builder().dataDir(data).port(0).adminPassword(ADMIN_PW.toCharArray())
        .build().start()) {
      String src = "127.0.0.1:" + server.port();
      String prefix = "mirror-" + System.nanoTime();
      CliRunner admin = CliRunner.in(work).env("SIGNET_ADMIN_PASSWORD", ADMIN_PW);
      ok(admin, "admin", "project", "create", "prod", "--registry", server.url().toString());
      ok(admin, "admin", "replication", "add", "to-peer", "--source", "prod/**", "--destination",
          "http://" + peer.host(), "--dest-prefix", prefix, "--trigger", "event", "--registry", server.url().toString());

      CliRunner cli = CliRunner.in(work).env("COSIGN_PASSWORD", "k");
      assertThat(cli.stdin(ADMIN_PW + "\n").run("login", src, "-u", "admin", "--password-stdin").exitCode()).isZero();
      ok(cli, "generate-key-pair");
      LayoutImage image = OciLayoutFixture.writeImage(work.resolve("layout"), "v1", "replicate-" + prefix);
      String byDigest = src + "/prod/app@" + image.digest();
      // legacy signature first (the subject does not exist yet), then the image, then a v3 bundle
      ok(cli, "sign", "--key", "cosign.key", "--new-bundle-format=false", byDigest);
      Skopeo.create().withCredentials("admin", ADMIN_PW).copy(image, "docker://" + src + "/prod/app:v1");
      String replicated = peer.host() + "/" + prefix + "/prod/app:v1";
      CliRunner verifier = CliRunner.in(work);
      awaitExit(verifier, 0, Duration.ofSeconds(60), "verify", "--key", "cosign.pub", "--insecure-ignore-tlog=true",
          replicated);
      ok(cli, "sign", "--key", "cosign.key", byDigest);

      CliRunner.Result bundles = awaitOutput(verifier, "https://sigstore.dev/cosign/sign/v1", Duration.ofSeconds(60),
          "verify", "--key", "cosign.pub", "--insecure-ignore-tlog=true", replicated);
      assertThat(bundles.out()).contains(image.digest().toString());
      CliRunner.Result status = ok(admin, "admin", "replication", "status", "--registry", server.url().toString());
      assertThat(status.out()).contains("to-peer").doesNotContain(ADMIN_PW);
    }
  }

  private static CliRunner.Result ok(CliRunner cli, String... args) {
    CliRunner.Result r = cli.run(args);
    assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r).isZero();
    return r;
  }

  private static CliRunner.Result awaitExit(CliRunner cli, int code, Duration timeout, String... args)
      throws InterruptedException {
    return await(cli, r -> r.exitCode() == code, timeout, args);
  }

  private static CliRunner.Result awaitOutput(CliRunner cli, String text, Duration timeout, String... args)
      throws InterruptedException {
    return await(cli, r -> r.exitCode() == 0 && r.out().contains(text), timeout, args);
  }

  private static CliRunner.Result await(CliRunner cli, java.util.function.Predicate<CliRunner.Result> done,
      Duration timeout, String... args) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    CliRunner.Result r = cli.run(args);
    while (!done.test(r) && System.nanoTime() < deadline) {
      Thread.sleep(500);
      r = cli.run(args);
    }
    assertThat(done.test(r)).as("within " + timeout + ": " + String.join(" ", args) + "\n" + r).isTrue();
    return r;
  }
}
