package dev.signet.cli.command.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.signet.cli.CliContext;
import dev.signet.cli.CliRunner;
import dev.signet.cli.command.Commands;
import dev.signet.oci.Digest;
import dev.signet.oci.MediaTypes;
import dev.signet.registry.server.RegistryServer;
import dev.signet.registry.server.trust.EnforcementExemption;
import dev.signet.registry.server.trust.TrustService;
import dev.signet.registry.server.trust.http.PolicyAdminHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code policy set|show} against the policy admin handler (served here by a JDK HTTP server with basic
 * authentication, standing in for the admin API), then real {@code signet sign} runs against the
 * in-process registry: unsigned is refused, the pusher signs through an exemption, signed is served,
 * and raising the threshold needs a second key.
 */
class PolicyCommandTest {
  private static final String PASSWORD = "correct horse";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path data;
  @TempDir Path dir;
  RegistryServer registry;
  HttpServer admin;
  CliRunner cli;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws IOException {
    registry = RegistryServer.builder().dataDir(data).port(0).build().start();
    PolicyAdminHandler handler = new PolicyAdminHandler(registry.registry().trust());
    admin = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    admin.createContext("/api/v1/admin/", ex -> serve(handler, ex));
    admin.start();
    cli = CliRunner.in(dir).env("COSIGN_PASSWORD", PASSWORD);
    assertThat(cli.run("generate-key-pair", "--output-key-prefix", "cosign").exitCode()).isZero();
    assertThat(cli.run("generate-key-pair", "--output-key-prefix", "other").exitCode()).isZero();
  }

  @AfterEach
  void stop() {
    admin.stop(0);
    registry.close();
  }

  @Test
  void setShowThenSignThroughTheExemption() throws Exception {
    Result set = policy("admin-secret\n", "set", "prod", "--mode", "enforce", "--key", "cosign.pub",
        "--require-annotation", "team=core", "--registry", adminUrl(), "-u", "admin", "--password-stdin");
    assertThat(set.code).as(set.toString()).isZero();
    assertThat(set.err).contains("policy of project prod set: mode enforce, 1 key(s), 0 CA(s), threshold 1");
    JsonNode shown = JSON.readTree(policy("admin-secret", "show", "prod", "--registry", adminUrl(), "-u", "admin",
        "--password-stdin").out);
    assertThat(shown.path("mode").asText()).isEqualTo("enforce");
    assertThat(shown.path("requireAnnotations").path("team").asText()).isEqualTo("core");
    assertThat(shown).isEqualTo(JSON.readTree(set.out));

    Digest image = pushImage("prod/app", "v1");
    assertThat(status("prod/app", "v1")).isEqualTo(412);
    TrustService trust = registry.registry().trust();
    String ref = host() + "/prod/app:v1";
    assertThat(cli.run("sign", "--key", "cosign.key", "-a", "team=core", ref).exitCode())
        .as("without the exemption the signer cannot resolve the tag").isNotZero();

    trust.setExemption((principal, project, repo) -> true); // e.g. the pusher's token carries push
    assertThat(cli.run("sign", "--key", "cosign.key", "-a", "team=core", ref).exitCode()).isZero();
    trust.setExemption(EnforcementExemption.NONE);
    assertThat(status("prod/app", "v1")).isEqualTo(200);
    assertThat(status("prod/app", image.toString())).isEqualTo(200);

    Result twoKeys = policy("admin-secret", "set", "prod", "--mode", "enforce", "--key", "cosign.pub", "--key",
        "other.pub", "--threshold", "2", "--registry", adminUrl(), "-u", "admin", "--password-stdin");
    assertThat(twoKeys.code).as(twoKeys.toString()).isZero();
    assertThat(status("prod/app", "v1")).isEqualTo(412);
    trust.setExemption((principal, project, repo) -> true);
    assertThat(cli.run("sign", "--key", "other.key", "--new-bundle-format=false", ref).exitCode()).isZero();
    trust.setExemption(EnforcementExemption.NONE);
    assertThat(status("prod/app", "v1")).isEqualTo(200);
  }

  @Test
  void keylessIdentitiesTrustedRootAndRequiredAttestationsRoundTrip() throws Exception {
    Path root = Path.of(System.getProperty("signet.vectors", "../../shared/vectors"),
        "sigstore-js/mock-keyless-uri/trusted_root.json");
    org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isRegularFile(root),
        "vectors absent: " + root + " (set -Dsignet.vectors)");
    java.nio.file.Files.copy(root, dir.resolve("trusted_root.json"));
    Result set = policy("admin-secret", "set", "prod", "--mode", "enforce",
        "--identity", "issuer=https://oidc.mock.local,subject-regexp=^https://signer\\.example\\.com/(ci|cd){1,2}$,"
            + "github-workflow-repository=signet/app",
        "--identity", "issuer-regexp=^https://oidc\\.,subject=https://signer.example.com/ci",
        "--trusted-root", "trusted_root.json", "--require-attestation", "slsaprovenance1",
        "--require-attestation", "https://example.com/test/v1",
        "--registry", adminUrl(), "-u", "admin", "--password-stdin");
    assertThat(set.code).as(set.toString()).isZero();
    assertThat(set.err).contains("mode enforce, 0 key(s), 0 CA(s), threshold 1, 2 identity(ies) against trusted root "
        + "sha256:").contains("2 required attestation(s)");

    Result got = policy("admin-secret", "get", "prod", "--registry", adminUrl(), "-u", "admin", "--password-stdin");
    assertThat(got.code).as(got.toString()).isZero();
    JsonNode p = JSON.readTree(got.out);
    assertThat(p).isEqualTo(JSON.readTree(set.out));
    assertThat(p.path("identities").get(0).path("subjectRegexp").asText())
        .isEqualTo("^https://signer\\.example\\.com/(ci|cd){1,2}$"); // the comma inside {1,2} stays in the value
    assertThat(p.path("identities").get(0).path("githubWorkflowRepository").asText()).isEqualTo("signet/app");
    assertThat(p.path("identities").get(1).path("issuerRegexp").asText()).isEqualTo("^https://oidc\\.");
    assertThat(p.path("trustedRoot")).isEqualTo(JSON.readTree(root.toFile()));
    assertThat(p.path("requiredPredicateTypes")).extracting(JsonNode::asText)
        .containsExactly("https://slsa.dev/provenance/v1", "https://example.com/test/v1");
    assertThat(registry.registry().trust().policy("prod").identities()).hasSize(2);

    Result noSubject = policy("admin-secret", "set", "prod", "--mode", "enforce", "--identity", "issuer=https://x",
        "--trusted-root", "trusted_root.json", "--registry", adminUrl(), "-u", "admin", "--password-stdin");
    assertThat(noSubject.code).isEqualTo(1);
    assertThat(noSubject.err).startsWith("Error: --identity: an identity needs exactly one of subject and "
        + "subject-regexp").doesNotContain("\n\tat ");
    Result badType = policy("admin-secret", "set", "prod", "--mode", "off", "--require-attestation", "provenance",
        "--registry", adminUrl(), "-u", "admin", "--password-stdin");
    assertThat(badType.err).startsWith("Error: --require-attestation: attestation type \"provenance\" is neither");
    Result noRoot = policy("admin-secret", "set", "prod", "--mode", "enforce", "--identity",
        "issuer=https://x,subject=y", "--registry", adminUrl(), "-u", "admin", "--password-stdin");
    assertThat(noRoot.code).isEqualTo(1);
    assertThat(noRoot.err).contains("HTTP 400").contains("identities need a trustedRoot");
    Result missing = policy("admin-secret", "set", "prod", "--mode", "enforce", "--identity",
        "issuer=https://x,subject=y", "--trusted-root", "nope.json", "--registry", adminUrl(), "-u", "admin",
        "--password-stdin");
    assertThat(missing.err).startsWith("Error: cannot read nope.json");
  }

  @Test
  void refusalsAreOneLine() {
    Result wrong = policy("nope", "show", "prod", "--registry", adminUrl(), "-u", "admin", "--password-stdin");
    assertThat(wrong.code).isEqualTo(1);
    assertThat(wrong.err).startsWith("Error: ").contains("HTTP 401 from GET /api/v1/admin/projects/prod/policy");
    Result bad = policy("admin-secret", "set", "prod", "--mode", "enforce", "--threshold", "2", "--key", "cosign.pub",
        "--registry", adminUrl(), "-u", "admin", "--password-stdin");
    assertThat(bad.code).isEqualTo(1);
    assertThat(bad.err).contains("threshold 2 cannot be met by 1 trusted key").contains("HTTP 400");
    Result noCredentials = policy("", "show", "prod", "--registry", adminUrl());
    assertThat(noCredentials.code).isEqualTo(1);
    assertThat(noCredentials.err).contains("no credentials for");
  }

  /** What one run printed. */
  record Result(int code, String out, String err) {}

  private Result policy(String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      CliContext ctx = new CliContext(Map.of("HOME", dir.toString()), new ByteArrayInputStream(
          stdin.getBytes(StandardCharsets.UTF_8)), o, e, dir, Clock.systemUTC(), false);
      CommandLine cl = new CommandLine(new PolicyCommand(ctx), new Commands.Factory(ctx));
      cl.setExecutionExceptionHandler((ex, c, r) -> {
        e.println("Error: " + ex.getMessage());
        return 1;
      });
      cl.setParameterExceptionHandler((ex, a) -> {
        e.println("Error: " + ex.getMessage());
        return 1;
      });
      int code = cl.execute(args);
      return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
  }

  /** The admin API stand-in: basic authentication as admin/admin-secret, then the policy handler. */
  private static void serve(PolicyAdminHandler handler, HttpExchange ex) throws IOException {
    String expected = "Basic " + Base64.getEncoder().encodeToString("admin:admin-secret".getBytes(StandardCharsets.UTF_8));
    PolicyAdminHandler.Reply reply;
    if (!expected.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
      ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"signet\"");
      reply = new PolicyAdminHandler.Reply(401, "application/json",
          "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}".getBytes(StandardCharsets.UTF_8));
    } else {
      String project = PolicyAdminHandler.project(ex.getRequestURI().getPath());
      reply = project == null ? new PolicyAdminHandler.Reply(404, "application/json", "{}".getBytes(StandardCharsets.UTF_8))
          : handler.handle(ex.getRequestMethod(), project, ex.getRequestBody().readAllBytes());
    }
    ex.getResponseHeaders().add("Content-Type", reply.contentType());
    ex.sendResponseHeaders(reply.status(), reply.body().length);
    ex.getResponseBody().write(reply.body());
    ex.close();
  }

  private String adminUrl() {
    return "http://127.0.0.1:" + admin.getAddress().getPort();
  }

  private String host() {
    return "127.0.0.1:" + registry.port();
  }

  private int status(String repo, String ref) {
    return send("GET", "/v2/" + repo + "/manifests/" + ref, null, MediaTypes.manifestAccept()).statusCode();
  }

  /** A one-layer image over plain HTTP; returns its digest. */
  private Digest pushImage(String repo, String tag) {
    byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"
        .getBytes(StandardCharsets.UTF_8);
    byte[] layer = "layer".getBytes(StandardCharsets.UTF_8);
    for (byte[] blob : new byte[][] {config, layer}) {
      assertThat(send("POST", "/v2/" + repo + "/blobs/uploads/?digest=" + Digest.sha256(blob), blob, null).statusCode())
          .isEqualTo(201);
    }
    byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":{\"mediaType\":\""
        + MediaTypes.OCI_CONFIG + "\",\"digest\":\"" + Digest.sha256(config) + "\",\"size\":" + config.length
        + "},\"layers\":[{\"mediaType\":\"" + MediaTypes.OCI_LAYER_GZIP + "\",\"digest\":\"" + Digest.sha256(layer)
        + "\",\"size\":" + layer.length + "}]}").getBytes(StandardCharsets.UTF_8);
    assertThat(send("PUT", "/v2/" + repo + "/manifests/" + tag, manifest, MediaTypes.OCI_MANIFEST).statusCode())
        .isEqualTo(201);
    return Digest.sha256(manifest);
  }

  private HttpResponse<byte[]> send(String method, String path, byte[] body, String type) {
    HttpRequest.Builder b = HttpRequest.newBuilder(registry.url().resolve(path)).method(method,
        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    if (type != null) {
      b.header(body == null ? "Accept" : "Content-Type", type);
    }
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
