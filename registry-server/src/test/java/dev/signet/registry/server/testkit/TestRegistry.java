package dev.signet.registry.server.testkit;

import dev.signet.oci.Digest;
import dev.signet.oci.MediaTypes;
import dev.signet.oci.reference.InvalidReferenceException;
import dev.signet.oci.reference.Repository;
import dev.signet.registry.client.HttpRegistryClient;
import dev.signet.registry.server.RegistryServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** A registry server on a free loopback port over a temporary data directory, plus raw HTTP helpers. */
public final class TestRegistry implements AutoCloseable {
  private final RegistryServer server;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private volatile String authorization;

  private TestRegistry(RegistryServer server) {
    this.server = server;
  }

  public static TestRegistry start(Path dataDir) {
    return start(dataDir, Clock.systemUTC());
  }

  public static TestRegistry start(Path dataDir, Clock clock) {
    return new TestRegistry(RegistryServer.builder().dataDir(dataDir).port(0).clock(clock).fullSync(false).build()
        .start());
  }

  /** With extra builder settings, e.g. {@code b -> b.adminPassword(...)} for a registry with accounts. */
  public static TestRegistry start(Path dataDir, java.util.function.UnaryOperator<RegistryServer.Builder> options) {
    return new TestRegistry(options.apply(RegistryServer.builder().dataDir(dataDir).port(0).clock(Clock.systemUTC())
        .fullSync(false)).build().start());
  }

  /** Sends later requests with HTTP basic credentials ({@code user} null: anonymously); returns this. */
  public TestRegistry as(String user, String password) {
    this.authorization = user == null ? null : "Basic " + java.util.Base64.getEncoder().encodeToString(
        (user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return this;
  }

  public RegistryServer server() {
    return server;
  }

  public URI url() {
    return server.url();
  }

  /** {@code 127.0.0.1:<port>}. */
  public String host() {
    return "127.0.0.1:" + server.port();
  }

  public Repository repository(String name) {
    try {
      return Repository.parse(host() + "/" + name);
    } catch (InvalidReferenceException e) {
      throw new IllegalArgumentException(e);
    }
  }

  public HttpRegistryClient client() {
    return HttpRegistryClient.builder().build();
  }

  /** Sends a request; {@code headers} alternate name, value. */
  public HttpResponse<byte[]> send(String method, String path, byte[] body, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(url().resolve(path)).timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    String auth = authorization;
    if (auth != null && java.util.Arrays.stream(headers).noneMatch("Authorization"::equalsIgnoreCase)) {
      b.header("Authorization", auth);
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

  public static String text(HttpResponse<byte[]> r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  /** Monolithic single-POST blob push; returns the digest. */
  public Digest pushBlob(String repo, byte[] content) {
    Digest d = Digest.sha256(content);
    HttpResponse<byte[]> r = send("POST", "/v2/" + repo + "/blobs/uploads/?digest=" + d, content,
        "Content-Type", "application/octet-stream");
    if (r.statusCode() != 201) {
      throw new IllegalStateException("push blob: " + r.statusCode() + " " + text(r));
    }
    return d;
  }

  /** Pushes a manifest; returns the response. */
  public HttpResponse<byte[]> putManifest(String repo, String ref, String mediaType, byte[] body, String... headers) {
    String[] all = new String[headers.length + 2];
    all[0] = "Content-Type";
    all[1] = mediaType;
    System.arraycopy(headers, 0, all, 2, headers.length);
    return send("PUT", "/v2/" + repo + "/manifests/" + ref, body, all);
  }

  /** Pushes config + one layer + manifest tagged {@code tag}; returns the manifest digest. */
  public Digest pushImage(String repo, String tag, String seed) {
    byte[] config = ("{\"seed\":\"" + seed + "\"}").getBytes(StandardCharsets.UTF_8);
    byte[] layer = ("layer " + seed).getBytes(StandardCharsets.UTF_8);
    Digest c = pushBlob(repo, config);
    Digest l = pushBlob(repo, layer);
    byte[] manifest = TestManifests.image(c, config.length, Map.of(l, (long) layer.length));
    HttpResponse<byte[]> r = putManifest(repo, tag, MediaTypes.OCI_MANIFEST, manifest);
    if (r.statusCode() != 201) {
      throw new IllegalStateException("push manifest: " + r.statusCode() + " " + text(r));
    }
    return Digest.sha256(manifest);
  }

  /** Pushes the empty JSON blob referrers use as config. */
  public void pushEmptyConfig(String repo) {
    pushBlob(repo, TestManifests.EMPTY_JSON);
  }

  @Override
  public void close() {
    server.close();
  }
}
