package dev.signet.cli.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.cli.CliRunner;
import dev.signet.registry.server.RegistryServer;
import dev.signet.testing.oci.LayoutImage;
import dev.signet.testing.oci.OciLayoutFixture;
import dev.signet.testing.registry.Skopeo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Verified pull with accounts on: the pusher's workflow (push, then sign — cosign resolves the tag with
 * GET first) works through the push permission, while a pull-only reader gets 412 for an unsigned image
 * and the image once it carries a signature by the project's trusted key.
 */
class VerifiedPullTest {
  private static final String ADMIN_PW = "verified-pull-admin";

  @TempDir Path data;
  @TempDir Path signer;
  @TempDir Path work;

  @Test
  void enforce_pusherSignsThroughTheExemption_readerOnlyGetsSignedImages() throws Exception {
    try (RegistryServer server = RegistryServer.builder().dataDir(data).port(0).adminPassword(ADMIN_PW.toCharArray())
        .build().start()) {
      String url = server.url().toString();
      String host = "127.0.0.1:" + server.port();
      AdminCli admin = AdminCli.in(work).env("SIGNET_ADMIN_PASSWORD", ADMIN_PW);
      ok(admin.stdin("signer-password-1"), "user", "create", "signer", "--password-stdin", "--registry", url);
      ok(admin.stdin("reader-password-1"), "user", "create", "reader", "--password-stdin", "--registry", url);
      ok(admin, "project", "create", "prod", "--registry", url);
      ok(admin, "member", "add", "prod", "signer", "--role", "push", "--registry", url);
      ok(admin, "member", "add", "prod", "reader", "--role", "pull", "--registry", url);

      CliRunner alice = CliRunner.in(signer);
      assertThat(alice.stdin("signer-password-1\n").run("login", host, "-u", "signer", "--password-stdin").exitCode())
          .isZero();
      ok(alice.env("COSIGN_PASSWORD", "k"), "generate-key-pair");
      ok(admin, "policy", "set", "prod", "--mode", "enforce", "--key", signer.resolve("cosign.pub").toString(),
          "--registry", url);

      Skopeo skopeo = Skopeo.create().withCredentials("signer", "signer-password-1");
      LayoutImage signed = OciLayoutFixture.writeImage(work.resolve("a"), "v1", "verified-pull-signed");
      LayoutImage unsigned = OciLayoutFixture.writeImage(work.resolve("b"), "v1", "verified-pull-unsigned");
      skopeo.copy(signed, "docker://" + host + "/prod/app:v1");
      skopeo.copy(unsigned, "docker://" + host + "/prod/other:v1");

      // the pusher resolves the tag and signs: exempt through its push permission, not its User-Agent
      ok(alice.env("COSIGN_PASSWORD", "k"), "sign", "--key", "cosign.key", host + "/prod/app:v1");

      String reader = "Basic " + Base64.getEncoder().encodeToString("reader:reader-password-1"
          .getBytes(StandardCharsets.UTF_8));
      HttpResponse<String> ok = get(server.url(), "/v2/prod/app/manifests/v1", reader);
      assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
      HttpResponse<String> denied = get(server.url(), "/v2/prod/other/manifests/v1", reader);
      assertThat(denied.statusCode()).isEqualTo(412);
      assertThat(denied.body()).contains("\"code\":\"DENIED\"").contains("prod");
      // the same request with a spoofed cosign User-Agent is still refused
      HttpResponse<String> spoofed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              server.url().resolve("/v2/prod/other/manifests/v1")).header("Authorization", reader)
          .header("User-Agent", "cosign/v2.2.0 (linux; amd64)").build(), HttpResponse.BodyHandlers.ofString());
      assertThat(spoofed.statusCode()).isEqualTo(412);

      CliRunner.Result audit = ok(admin, "audit", "--limit", "200", "--registry", url);
      assertThat(audit.out()).contains("pull.policy").contains("prod/other@" + unsigned.digest());
    }
  }

  private static HttpResponse<String> get(URI base, String path, String authorization) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve(path))
            .header("Authorization", authorization)
            .header("Accept", "application/vnd.oci.image.manifest.v1+json").build(),
        HttpResponse.BodyHandlers.ofString());
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
