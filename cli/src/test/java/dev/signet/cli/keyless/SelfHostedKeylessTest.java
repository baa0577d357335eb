package dev.signet.cli.keyless;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.cli.CliContext;
import dev.signet.cli.CliRunner;
import dev.signet.cli.admin.AdminCli;
import dev.signet.cli.command.sigstore.EmbeddedSigstore;
import dev.signet.cli.command.sigstore.SigstoreServiceOptions;
import dev.signet.registry.server.RegistryServer;
import dev.signet.testing.oci.LayoutImage;
import dev.signet.testing.oci.OciLayoutFixture;
import dev.signet.testing.oracle.OracleRequest;
import dev.signet.testing.oracle.OracleResult;
import dev.signet.testing.oracle.SigstoreVerifyOracle;
import dev.signet.testing.registry.Skopeo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The issue's "done when", in process: a registry with accounts serving the Sigstore services
 * ({@code registry serve --sigstore}); an account logs in, gets an ID token from the registry
 * ({@code identity-token}), signs an image keylessly with the published signing config; {@code verify} with an
 * identity regexp and the published trusted root passes, {@code @sigstore/verify} accepts the bundle, and the
 * registry's verified pull admits the signed image and refuses an unsigned one for that identity.
 */
class SelfHostedKeylessTest {
  private static final String ADMIN_PW = "self-hosted-admin";

  @TempDir Path data;
  @TempDir Path work;

  @Test
  void anAccountSignsKeylesslyWithTheRegistrysOwnServicesAndEveryVerifierAccepts() throws Exception {
    CliContext serverCtx = new CliContext(java.util.Map.of(), System.in, System.out, System.err, work,
        java.time.Clock.systemUTC(), false);
    try (RegistryServer server = RegistryServer.builder().dataDir(data).port(0)
        .adminPassword(ADMIN_PW.toCharArray())
        .frontServices(EmbeddedSigstore.factory(serverCtx, data.resolve("sigstore"), new SigstoreServiceOptions()))
        .build().start()) {
      String url = server.url().toString();
      String host = "127.0.0.1:" + server.port();
      AdminCli admin = AdminCli.in(work).env("SIGNET_ADMIN_PASSWORD", ADMIN_PW);
      ok(admin.stdin("signer-password-1"), "user", "create", "signer", "--password-stdin", "--registry", url);
      ok(admin, "project", "create", "prod", "--registry", url);
      ok(admin, "member", "add", "prod", "signer", "--role", "push", "--registry", url);
      ok(admin.stdin("reader-password-1"), "user", "create", "reader", "--password-stdin", "--registry", url);
      ok(admin, "member", "add", "prod", "reader", "--role", "pull", "--registry", url);

      Files.write(work.resolve("signing_config.json"), get(server.url(), "/sigstore/signing_config.json", null).body()
          .getBytes(StandardCharsets.UTF_8));
      Path root = Files.write(work.resolve("trusted_root.json"),
          get(server.url(), "/sigstore/trusted_root.json", null).body().getBytes(StandardCharsets.UTF_8));

      Skopeo skopeo = Skopeo.create().withCredentials("signer", "signer-password-1");
      LayoutImage image = OciLayoutFixture.writeImage(work.resolve("a"), "v1", "self-hosted-keyless");
      LayoutImage other = OciLayoutFixture.writeImage(work.resolve("b"), "v1", "self-hosted-unsigned");
      skopeo.copy(image, "docker://" + host + "/prod/app:v1");
      skopeo.copy(other, "docker://" + host + "/prod/other:v1");

      CliRunner alice = CliRunner.in(work).env("DOCKER_CONFIG", work.resolve("docker").toString())
          .withoutEnv("SIGSTORE_ID_TOKEN");
      ok(alice.stdin("signer-password-1\n"), "login", host, "-u", "signer", "--password-stdin");
      String token = ok(alice, "identity-token", host).out().trim();
      CliRunner.Result signed = ok(alice, "sign", "--yes", "--signing-config", "signing_config.json",
          "--identity-token", token, "--bundle", "app.sigstore.json", host + "/prod/app@" + image.digest());
      assertThat(signed.err()).contains("Successfully obtained a signing certificate").doesNotContain(token);

      String issuerRe = "^http://127\\.0\\.0\\.1:" + server.port() + "$";
      ok(alice, "verify", "--certificate-identity-regexp", "/accounts/signer$", "--certificate-oidc-issuer-regexp", issuerRe,
          "--trusted-root", root.toString(), host + "/prod/app:v1");
      CliRunner.Result wrong = alice.run("verify", "--certificate-identity-regexp", "/accounts/reader$",
          "--certificate-oidc-issuer-regexp", issuerRe, "--trusted-root", root.toString(), host + "/prod/app:v1");
      assertThat(wrong.exitCode()).as(wrong.toString()).isNotZero();

      SigstoreVerifyOracle oracle = SigstoreVerifyOracle.locate().assumeAvailable();
      OracleResult js = oracle.verify(OracleRequest.keyless(work.resolve("app.sigstore.json"), root,
          url + "/accounts/signer", url, image.digest()));
      assertThat(js.ok()).as(js.toString()).isTrue();

      ok(admin, "policy", "set", "prod", "--mode", "enforce", "--identity", "issuer=" + url
          + ",subject=" + url + "/accounts/signer", "--trusted-root", root.toString(), "--registry", url);
      String reader = "Basic " + Base64.getEncoder().encodeToString("reader:reader-password-1"
          .getBytes(StandardCharsets.UTF_8));
      HttpResponse<String> pulled = get(server.url(), "/v2/prod/app/manifests/v1", reader);
      assertThat(pulled.statusCode()).as(pulled.body()).isEqualTo(200);
      HttpResponse<String> refused = get(server.url(), "/v2/prod/other/manifests/v1", reader);
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(412);
    }
  }

  @Test
  void sigstoreOptionsWithoutSigstoreAreRefusedInOneLine() {
    CliRunner.Result r = CliRunner.in(work).run("registry", "serve", "--listen", "127.0.0.1:0", "--data",
        data.toString(), "--oidc-issuer", "email=https://accounts.example.com");
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.err()).contains("need --sigstore").doesNotContain("\tat ");
  }

  private static HttpResponse<String> get(URI base, String path, String authorization) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
        .header("Accept", "application/vnd.oci.image.manifest.v1+json");
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
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
