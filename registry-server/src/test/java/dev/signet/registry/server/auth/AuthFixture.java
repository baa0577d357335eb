package dev.signet.registry.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.oci.Digest;
import dev.signet.oci.MediaTypes;
import dev.signet.registry.server.RegistryServer;
import dev.signet.registry.server.testkit.TestManifests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A registry in auth mode (system administrator {@code admin} / {@link #ADMIN_PASSWORD}) on a free loopback
 * port, with raw HTTP helpers: basic and bearer headers, the token endpoint, the admin API, and seeding.
 */
final class AuthFixture implements AutoCloseable {
  static final String ADMIN_PASSWORD = "bootstrap-admin-pw";
  static final ObjectMapper JSON = new ObjectMapper();

  private final RegistryServer server;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private AuthFixture(RegistryServer server) {
    this.server = server;
  }

  static AuthFixture start(Path data) {
    return start(data, Clock.systemUTC());
  }

  static AuthFixture start(Path data, Clock clock) {
    return new AuthFixture(RegistryServer.builder().dataDir(data).port(0).clock(clock)
        .adminPassword(ADMIN_PASSWORD.toCharArray()).build().start());
  }

  RegistryServer server() {
    return server;
  }

  String host() {
    return "127.0.0.1:" + server.port();
  }

  static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  static String bearer(String token) {
    return "Bearer " + token;
  }

  /** Sends a request; {@code authorization} may be null; {@code headers} alternate name, value. */
  HttpResponse<byte[]> send(String method, String path, byte[] body, String authorization, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(server.url().resolve(path)).timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
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

  /** The admin API as {@code user}; {@code json} may be null. */
  HttpResponse<byte[]> api(String method, String path, Object json, String user, String password) {
    byte[] body = null;
    try {
      body = json == null ? null : JSON.writeValueAsBytes(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return send(method, "/api/v1/admin" + path, body, user == null ? null : basic(user, password),
        "Content-Type", "application/json");
  }

  /** The admin API as the bootstrap administrator, asserting a 2xx answer. */
  JsonNode admin(String method, String path, Object json) {
    HttpResponse<byte[]> r = api(method, path, json, "admin", ADMIN_PASSWORD);
    assertThat(r.statusCode()).as(method + " " + path + ": " + text(r)).isBetween(200, 299);
    return r.body().length == 0 ? null : json(r);
  }

  void user(String name, String password) {
    admin("POST", "/users", Map.of("name", name, "password", password));
  }

  void project(String name, boolean isPublic) {
    admin("POST", "/projects", Map.of("name", name, "public", isPublic));
  }

  void member(String project, String user, String role) {
    admin("PUT", "/projects/" + project + "/members/" + user, Map.of("role", role));
  }

  /** Creates a robot and returns its token. */
  String robot(String project, String name, String role) {
    return admin("POST", "/projects/" + project + "/robots", Map.of("name", name, "role", role)).get("token").asText();
  }

  /** A token from {@code GET /auth/token} for these scopes ({@code authorization} null: anonymous). */
  HttpResponse<byte[]> tokenResponse(String authorization, String... scopes) {
    StringBuilder q = new StringBuilder("/auth/token?service=signet");
    for (String s : scopes) {
      q.append("&scope=").append(URLEncoder.encode(s, StandardCharsets.UTF_8));
    }
    return send("GET", q.toString(), null, authorization);
  }

  String token(String authorization, String... scopes) {
    HttpResponse<byte[]> r = tokenResponse(authorization, scopes);
    assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
    return json(r).get("token").asText();
  }

  /** Pushes config + layer + manifest as admin (basic auth); returns the manifest digest. */
  Digest seedImage(String repo, String tag) {
    String auth = basic("admin", ADMIN_PASSWORD);
    byte[] config = ("{\"seed\":\"" + repo + tag + System.nanoTime() + "\"}").getBytes(StandardCharsets.UTF_8);
    byte[] layer = ("layer " + repo + tag).getBytes(StandardCharsets.UTF_8);
    pushBlob(repo, config, auth);
    pushBlob(repo, layer, auth);
    byte[] manifest = TestManifests.image(Digest.sha256(config), config.length,
        Map.of(Digest.sha256(layer), (long) layer.length));
    HttpResponse<byte[]> r = send("PUT", "/v2/" + repo + "/manifests/" + tag, manifest, auth, "Content-Type",
        MediaTypes.OCI_MANIFEST);
    assertThat(r.statusCode()).as(text(r)).isEqualTo(201);
    return Digest.sha256(manifest);
  }

  HttpResponse<byte[]> pushBlob(String repo, byte[] content, String authorization) {
    return send("POST", "/v2/" + repo + "/blobs/uploads/?digest=" + Digest.sha256(content), content, authorization,
        "Content-Type", "application/octet-stream");
  }

  /** The newest audit records (as admin). */
  List<JsonNode> audit(int limit) {
    List<JsonNode> out = new ArrayList<>();
    admin("GET", "/audit?limit=" + limit, null).forEach(out::add);
    return out;
  }

  static String text(HttpResponse<byte[]> r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  static JsonNode json(HttpResponse<byte[]> r) {
    try {
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + text(r), e);
    }
  }

  /** Asserts the status and the first error code of a registry-style error answer. */
  static void assertError(HttpResponse<byte[]> r, int status, String code) {
    assertThat(r.statusCode()).as(text(r)).isEqualTo(status);
    assertThat(json(r).at("/errors/0/code").asText()).as(text(r)).isEqualTo(code);
  }

  URI url() {
    return server.url();
  }

  @Override
  public void close() {
    server.close();
  }
}
