package dev.signet.cli.admin;

import static dev.signet.cli.CliRegistryFixture.assertOneErrorLine;
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
 * {@code signet login} then {@code signet sign} / {@code verify} against a Signet registry in auth mode:
 * the registry client follows the Bearer challenge to {@code /auth/token} with the stored credentials; a
 * pull-only member can verify but not sign; anonymous callers get nothing from a private project.
 */
class TokenFlowSignVerifyTest {
  private static final String ADMIN_PW = "cli-admin-password";

  @TempDir Path data;
  @TempDir Path signer;
  @TempDir Path reader;
  @TempDir Path stranger;
  @TempDir Path work;

  @Test
  void loginSignVerify_throughTheTokenFlow() {
    Skopeo skopeo = Skopeo.create();
    try (RegistryServer server = RegistryServer.builder().dataDir(data).port(0).adminPassword(ADMIN_PW.toCharArray())
        .build().start()) {
      String url = server.url().toString();
      String host = "127.0.0.1:" + server.port();
      AdminCli admin = AdminCli.in(work).env("SIGNET_ADMIN_PASSWORD", ADMIN_PW);
      ok(admin.stdin("signer-password-1"), "user", "create", "signer", "--password-stdin", "--registry", url);
      ok(admin.stdin("reader-password-1"), "user", "create", "reader", "--password-stdin", "--registry", url);
      ok(admin, "project", "create", "team", "--registry", url);
      ok(admin, "member", "add", "team", "signer", "--role", "push", "--registry", url);
      ok(admin, "member", "add", "team", "reader", "--role", "pull", "--registry", url);
      LayoutImage image = OciLayoutFixture.writeImage(work.resolve("src"), "v1", "token-flow");
      skopeo.withCredentials("signer", "signer-password-1").copy(image, "docker://" + host + "/team/app:v1");
      String ref = host + "/team/app@" + image.digest();

      CliRunner alice = login(signer, host, "signer", "signer-password-1");
      ok(alice.env("COSIGN_PASSWORD", "key-pw"), "generate-key-pair");
      ok(alice.env("COSIGN_PASSWORD", "key-pw"), "sign", "--key", "cosign.key", ref);
      ok(alice.env("COSIGN_PASSWORD", "key-pw"), "sign", "--key", "cosign.key", "--new-bundle-format=false", ref);
      CliRunner.Result verified = ok(alice, "verify", "--key", "cosign.pub", "--insecure-ignore-tlog=true", ref);
      assertThat(verified.err()).contains("The signatures were verified against the specified public key");

      CliRunner bob = login(reader, host, "reader", "reader-password-1");
      ok(bob, "verify", "--key", signer.resolve("cosign.pub").toString(), "--insecure-ignore-tlog=true", ref);
      ok(bob.env("COSIGN_PASSWORD", "key-pw"), "generate-key-pair");
      CliRunner.Result refused = bob.env("COSIGN_PASSWORD", "key-pw").run("sign", "--key", "cosign.key", ref);
      assertThat(refused.exitCode()).as(refused.toString()).isNotZero();
      assertOneErrorLine(refused);
      assertThat(refused.err()).containsIgnoringCase("denied");

      CliRunner.Result anonymous = CliRunner.in(stranger).run("verify", "--key", signer.resolve("cosign.pub")
          .toString(), "--insecure-ignore-tlog=true", ref);
      assertThat(anonymous.exitCode()).as(anonymous.toString()).isNotZero();

      CliRunner.Result audit = ok(admin, "audit", "--limit", "100", "--registry", url);
      assertThat(audit.out()).contains("\tsigner\tmanifest.push\tteam/app:sha256-" + image.digest().hex() + ".sig\tok",
          "\treader\tblob.upload\tteam/app\tdenied\tneeds push");
    }
  }

  private static CliRunner login(Path dir, String host, String user, String password) {
    CliRunner cli = CliRunner.in(dir);
    CliRunner.Result r = cli.stdin(password + "\n").run("login", host, "-u", user, "--password-stdin");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return cli;
  }

  private static CliRunner.Result ok(CliRunner cli, String... args) {
    CliRunner.Result r = cli.run(args);
    assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r).isZero();
    return r;
  }

  private static CliRunner.Result ok(AdminCli cli, String... args) {
    CliRunner.Result r = cli.run(args);
    assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r).isZero();
    return r;
  }
}
