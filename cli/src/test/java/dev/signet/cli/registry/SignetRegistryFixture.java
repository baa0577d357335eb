package dev.signet.cli.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signet.cli.CliRegistryFixture;
import dev.signet.cli.CliRunner;
import dev.signet.oci.Digest;
import dev.signet.registry.server.RegistryServer;
import dev.signet.testing.oci.LayoutImage;
import dev.signet.testing.oci.OciLayoutFixture;
import dev.signet.testing.registry.Skopeo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The CLI against a running Signet registry: a {@link RegistryServer} on a free loopback port over a
 * test's data directory (or any already running Signet registry, by URL), images pushed by skopeo from
 * deterministic OCI layouts, a {@link CliRunner} with {@code COSIGN_PASSWORD} set, and plain-HTTP looks
 * at what the registry keeps (tags, referrers, Signet's accessories API) that do not go through the CLI.
 */
final class SignetRegistryFixture implements AutoCloseable {
  static final String PASSWORD = CliRegistryFixture.PASSWORD;
  static final String BUNDLE_V03 = "application/vnd.dev.sigstore.bundle.v0.3+json";

  private final RegistryServer server;
  private final URI url;
  private final Path dir;
  private final CliRunner cli;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private SignetRegistryFixture(RegistryServer server, URI url, Path dir) {
    this.server = server;
    this.url = url;
    this.dir = dir;
    this.cli = CliRunner.in(dir).env("COSIGN_PASSWORD", PASSWORD);
  }

  /** Starts a registry in-process on 127.0.0.1:0 over {@code data}; the CLI works in {@code dir}. */
  static SignetRegistryFixture start(Path data, Path dir) {
    RegistryServer server = RegistryServer.builder().dataDir(data).port(0).build().start();
    return new SignetRegistryFixture(server, server.url(), dir);
  }

  /** A Signet registry already listening at {@code url} (e.g. a forked {@code signet registry serve}). */
  static SignetRegistryFixture attach(URI url, Path dir) {
    return new SignetRegistryFixture(null, url, dir);
  }

  /** {@code 127.0.0.1:PORT}. */
  String host() {
    return url.getHost() + ":" + url.getPort();
  }

  URI url() {
    return url;
  }

  Path dir() {
    return dir;
  }

  CliRunner cli() {
    return cli;
  }

  CliRunner.Result run(String... args) {
    return cli.run(args);
  }

  /** Runs and asserts exit 0. */
  CliRunner.Result ok(String... args) {
    CliRunner.Result r = cli.run(args);
    assertThat(r.exitCode()).as("signet %s%n%s", String.join(" ", args), r).isZero();
    return r;
  }

  /** {@code generate-key-pair --output-key-prefix prefix} with the fixture's password. */
  SignetRegistryFixture keys(String prefix) {
    ok("generate-key-pair", "--output-key-prefix", prefix);
    return this;
  }

  /** Pushes a fresh single-platform image to {@code host/path:tag} with skopeo, byte for byte. */
  CliRegistryFixture.Pushed push(String path, String tag) {
    LayoutImage image = OciLayoutFixture.writeImage(dir.resolve("layouts").resolve(path.replace('/', '_')), tag,
        host() + "/" + path + ":" + tag);
    Skopeo.create().copy(image, "docker://" + host() + "/" + path + ":" + tag);
    return new CliRegistryFixture.Pushed(host() + "/" + path, tag, image.digest(), image);
  }

  /** A raw request to the registry. */
  HttpResponse<byte[]> send(String method, String pathAndQuery) {
    HttpRequest request = HttpRequest.newBuilder(url.resolve(pathAndQuery)).timeout(Duration.ofSeconds(30))
        .method(method, HttpRequest.BodyPublishers.noBody()).build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  int status(String method, String pathAndQuery) {
    return send(method, pathAndQuery).statusCode();
  }

  /** {@code GET /api/v1/repositories/<path>/artifacts/<subject>/accessories}: Signet's list. */
  JsonNode accessories(String path, Digest subject) {
    HttpResponse<byte[]> r = send("GET", "/api/v1/repositories/" + path + "/artifacts/" + subject + "/accessories");
    assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
    return CliRegistryFixture.json(r.body());
  }

  /** The {@code manifests} of {@code GET /v2/<path>/referrers/<subject>}. */
  JsonNode referrers(String path, Digest subject) {
    HttpResponse<byte[]> r = send("GET", "/v2/" + path + "/referrers/" + subject);
    assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
    return CliRegistryFixture.json(r.body()).get("manifests");
  }

  /** The repository's tags, sorted; empty when the registry does not know the repository. */
  List<String> tags(String path) {
    HttpResponse<byte[]> r = send("GET", "/v2/" + path + "/tags/list");
    if (r.statusCode() == 404) {
      return List.of();
    }
    assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
    List<String> out = new ArrayList<>();
    CliRegistryFixture.json(r.body()).path("tags").forEach(t -> out.add(t.asText()));
    out.sort(null);
    return out;
  }

  /** Accessory entries of one {@code type} (e.g. {@code COSIGN_SIGNATURE}, {@code SIGSTORE_BUNDLE}). */
  static List<JsonNode> ofType(JsonNode accessories, String type) {
    List<JsonNode> out = new ArrayList<>();
    accessories.forEach(a -> {
      if (a.path("type").asText().equals(type)) {
        out.add(a);
      }
    });
    return out;
  }

  static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  /** Every regular file under the data directory's {@code blobs} folder. */
  static List<Path> blobFiles(Path data) {
    try (Stream<Path> files = Files.walk(data.resolve("blobs"))) {
      return files.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops the in-process registry (a no-op for an attached one). */
  @Override
  public void close() {
    if (server != null) {
      server.close();
    }
  }
}
