package dev.signet.cli.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.cli.CliRunner;
import dev.signet.cosign.SignatureTags;
import dev.signet.oci.Digest;
import dev.signet.registry.server.RegistryServer;
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
 * {@code signet admin lifecycle}: immutable tags and retention on a registry with accounts, with
 * signatures made by {@code signet sign} (v3 bundle and legacy .sig) on an image under an immutable tag.
 */
class LifecycleCommandTest {
  private static final String ADMIN_PW = "lifecycle-admin-password";
  private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path data;
  @TempDir Path work;

  @Test
  void setShowRun_immutableImageStillSignable_retentionDeletesOldBuildsWithTheirSignatures() throws Exception {
    try (RegistryServer server = RegistryServer.builder().dataDir(data).port(0).adminPassword(ADMIN_PW.toCharArray())
        .build().start()) {
      String url = server.url().toString();
      String host = "127.0.0.1:" + server.port();
      CliRunner cli = CliRunner.in(work).env("SIGNET_ADMIN_PASSWORD", ADMIN_PW)
          .env("DOCKER_CONFIG", work.resolve("docker").toString());
      ok(cli, "admin", "project", "create", "prod", "--registry", url);

      Digest v1 = push(server.url(), "prod/app", "v1", "v1");
      Digest b1 = push(server.url(), "prod/app", "build-1", "b1");
      Digest b2 = push(server.url(), "prod/app", "build-2", "b2");
      Digest b3 = push(server.url(), "prod/app", "build-3", "b3");

      CliRunner.Result set = ok(cli, "admin", "lifecycle", "set", "prod", "--immutable", "v*", "--keep-last", "1",
          "--keep-pattern", "build-*", "--registry", url);
      assertThat(set.err()).contains("1 immutable tag pattern(s), retention on");
      CliRunner.Result show = ok(cli, "admin", "lifecycle", "show", "prod", "--registry", url);
      assertThat(show.out()).contains("\"v*\"").contains("\"build-*\"").contains("\"count\" : 1");

      // sign the image under the immutable tag, both formats, and an old build
      assertThat(cli.stdin(ADMIN_PW + "\n").run("login", host, "-u", "admin", "--password-stdin").exitCode()).isZero();
      ok(cli.env("COSIGN_PASSWORD", "k"), "generate-key-pair");
      ok(cli.env("COSIGN_PASSWORD", "k"), "sign", "--key", "cosign.key", host + "/prod/app:v1");
      ok(cli.env("COSIGN_PASSWORD", "k"), "sign", "--key", "cosign.key", "--new-bundle-format=false",
          host + "/prod/app:v1");
      ok(cli.env("COSIGN_PASSWORD", "k"), "sign", "--key", "cosign.key", "--new-bundle-format=false",
          host + "/prod/app@" + b1);
      assertThat(get(server.url(), "prod/app", SignatureTags.signatureTag(v1)).statusCode()).isEqualTo(200);

      // the immutable tag does not move
      HttpResponse<String> moved = putManifest(server.url(), "prod/app", "v1",
          manifestBytes(server.url(), "prod/app", "other"));
      assertThat(moved.statusCode()).isEqualTo(409);
      assertThat(moved.body()).contains("immutable");

      CliRunner.Result dry = ok(cli, "admin", "lifecycle", "run", "prod", "--dry-run", "--registry", url);
      assertThat(dry.out()).contains("would delete tag\tprod/app:build-1", "would delete tag\tprod/app:build-2",
          "would delete manifest\tprod/app@" + b1);
      assertThat(dry.out()).doesNotContain("prod/app:v1").doesNotContain("build-3");
      assertThat(get(server.url(), "prod/app", "build-1").statusCode()).isEqualTo(200);

      CliRunner.Result run = ok(cli, "admin", "lifecycle", "run", "prod", "--registry", url);
      assertThat(run.err()).contains("2 tag(s), 2 manifest(s) deleted");
      assertThat(get(server.url(), "prod/app", b1.toString()).statusCode()).isEqualTo(404);
      assertThat(get(server.url(), "prod/app", b2.toString()).statusCode()).isEqualTo(404);
      assertThat(get(server.url(), "prod/app", SignatureTags.signatureTag(b1)).statusCode()).isEqualTo(404);
      assertThat(get(server.url(), "prod/app", b3.toString()).statusCode()).isEqualTo(200);
      assertThat(get(server.url(), "prod/app", "v1").statusCode()).isEqualTo(200);

      // the immutable image's signatures survived and still verify
      ok(cli, "verify", "--key", "cosign.pub", "--insecure-ignore-tlog=true", host + "/prod/app:v1");

      // a bad policy is one error line
      CliRunner.Result bad = cli.run("admin", "lifecycle", "set", "prod", "--immutable", "v 1", "--registry", url);
      assertThat(bad.exitCode()).isNotZero();
      assertThat(bad.err()).contains("whitespace");
    }
  }

  private static CliRunner.Result ok(CliRunner cli, String... args) {
    CliRunner.Result r = cli.run(args);
    assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r).isZero();
    return r;
  }

  private static String basic() {
    return "Basic " + Base64.getEncoder().encodeToString(("admin:" + ADMIN_PW).getBytes(StandardCharsets.UTF_8));
  }

  private static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
    return HTTP.send(b.header("Authorization", basic()).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static Digest blob(URI base, String repo, byte[] content) throws Exception {
    Digest d = Digest.sha256(content);
    HttpResponse<String> r = send(HttpRequest.newBuilder(base.resolve("/v2/" + repo + "/blobs/uploads/?digest=" + d))
        .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(content)));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return d;
  }

  private static byte[] manifestBytes(URI base, String repo, String seed) throws Exception {
    byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"seed\":\"" + seed + "\"}")
        .getBytes(StandardCharsets.UTF_8);
    byte[] layer = ("layer " + seed).getBytes(StandardCharsets.UTF_8);
    Digest c = blob(base, repo, config);
    Digest l = blob(base, repo, layer);
    return ("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"config\":{\"mediaType\":"
        + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + c + "\",\"size\":" + config.length
        + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"" + l
        + "\",\"size\":" + layer.length + "}]}").getBytes(StandardCharsets.UTF_8);
  }

  private static HttpResponse<String> putManifest(URI base, String repo, String ref, byte[] body) throws Exception {
    return send(HttpRequest.newBuilder(base.resolve("/v2/" + repo + "/manifests/" + ref))
        .header("Content-Type", OCI_MANIFEST).PUT(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  private static Digest push(URI base, String repo, String tag, String seed) throws Exception {
    byte[] body = manifestBytes(base, repo, seed);
    HttpResponse<String> r = putManifest(base, repo, tag, body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    Thread.sleep(5); // distinct push times
    return Digest.sha256(body);
  }

  private static HttpResponse<String> get(URI base, String repo, String ref) throws Exception {
    return send(HttpRequest.newBuilder(base.resolve("/v2/" + repo + "/manifests/" + ref))
        .header("Accept", OCI_MANIFEST + ",application/vnd.oci.image.index.v1+json"));
  }
}
