package dev.signet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.oci.Digest;
import dev.signet.oci.reference.ImageReference;
import dev.signet.oci.reference.InvalidReferenceException;
import dev.signet.oci.reference.Repository;
import dev.signet.registry.client.HttpRegistryClient;
import dev.signet.registry.client.RegistryException;
import dev.signet.testing.oci.LayoutImage;
import dev.signet.testing.oci.OciLayoutFixture;
import dev.signet.testing.registry.DockerRegistryPeer;
import dev.signet.testing.registry.Skopeo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the CLI end-to-end tests share: the docker-registry peer (one per JVM, through
 * {@code DockerRegistryExtension}), images pushed with skopeo from deterministic OCI layouts into
 * repositories unique to the call, a {@link CliRunner} in a temporary directory with
 * {@code COSIGN_PASSWORD} set, a key pair made by {@code generate-key-pair}, and independent ways to
 * look at the registry (skopeo, a plain {@link HttpRegistryClient}).
 */
public final class CliRegistryFixture {
  public static final String PASSWORD = "correct horse";

  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static final String RUN = Long.toString(System.nanoTime() % 1_000_000L, 36);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final DockerRegistryPeer registry;
  private final Path dir;
  private final CliRunner cli;

  /** An image in the registry: {@code repo} is {@code 127.0.0.1:PORT/path}. */
  public record Pushed(String repo, String tag, Digest digest, LayoutImage image) {
    /** {@code repo:tag}. */
    public String ref() {
      return repo + ":" + tag;
    }

    /** {@code repo@sha256:…}. */
    public String byDigest() {
      return repo + "@" + digest;
    }

    /** {@code repo:sha256-<hex>.sig}. */
    public String sigTag() {
      return repo + ":sha256-" + digest.hex() + ".sig";
    }
  }

  public CliRegistryFixture(DockerRegistryPeer registry, Path dir) {
    this.registry = registry;
    this.dir = dir;
    this.cli = CliRunner.in(dir).env("COSIGN_PASSWORD", PASSWORD);
  }

  public DockerRegistryPeer registry() {
    return registry;
  }

  public Path dir() {
    return dir;
  }

  /** A runner in the fixture's directory with {@code COSIGN_PASSWORD} set. */
  public CliRunner cli() {
    return cli;
  }

  /** {@code signet <args>} with the fixture's runner. */
  public CliRunner.Result run(String... args) {
    return cli.run(args);
  }

  /** Runs and asserts exit 0. */
  public CliRunner.Result ok(String... args) {
    CliRunner.Result r = cli.run(args);
    assertThat(r.exitCode()).as("signet %s%n%s", String.join(" ", args), r).isZero();
    return r;
  }

  /** {@code generate-key-pair --output-key-prefix prefix}: {@code prefix.key} and {@code prefix.pub}. */
  public CliRegistryFixture keys(String prefix) {
    ok("generate-key-pair", "--output-key-prefix", prefix);
    return this;
  }

  /** A repository path unique to this JVM run and call, under {@code prefix}. */
  public static String uniquePath(String prefix) {
    return prefix + "-" + RUN + "-" + COUNTER.incrementAndGet();
  }

  /** {@code 127.0.0.1:PORT/<unique path>} without pushing anything. */
  public String newRepo(String prefix) {
    return registry.repository(uniquePath(prefix));
  }

  /** Pushes a fresh single-platform image (content unique to this call) to a unique repository. */
  public Pushed push(String prefix, String tag) {
    String path = uniquePath(prefix);
    LayoutImage image = OciLayoutFixture.writeImage(dir.resolve("layouts").resolve(path), tag, path + ":" + tag);
    Skopeo.create().copy(image, "docker://" + registry.repository(path + ":" + tag));
    return new Pushed(registry.repository(path), tag, image.digest(), image);
  }

  /** Pushes a fresh two-platform index (and its children) to a unique repository. */
  public Pushed pushIndex(String prefix, String tag) {
    String path = uniquePath(prefix);
    LayoutImage image = OciLayoutFixture.writeIndex(dir.resolve("layouts").resolve(path), tag, path + ":" + tag);
    Skopeo.create().copy(image, "docker://" + registry.repository(path + ":" + tag));
    return new Pushed(registry.repository(path), tag, image.digest(), image);
  }

  /** The repository's tags as skopeo lists them, sorted. */
  public List<String> tags(String repo) {
    JsonNode tags = json(Skopeo.create().listTags("docker://" + repo)).path("Tags");
    List<String> out = new ArrayList<>();
    tags.forEach(t -> out.add(t.asText()));
    out.sort(null);
    return out;
  }

  /** The repository's tags, or an empty list when the repository does not exist. */
  public List<String> tagsOrNone(String repo) {
    try {
      return client().listTags(repository(repo)).stream().sorted().toList();
    } catch (dev.signet.registry.client.NotFoundException e) {
      return List.of();
    } catch (RegistryException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A plain registry client (not the CLI's) for independent checks. */
  public static HttpRegistryClient client() {
    return HttpRegistryClient.builder().connectTimeout(Duration.ofSeconds(2)).requestTimeout(Duration.ofSeconds(20))
        .build();
  }

  public static Repository repository(String repo) {
    try {
      return Repository.parse(repo);
    } catch (InvalidReferenceException e) {
      throw new IllegalArgumentException(e);
    }
  }

  public static ImageReference reference(String ref) {
    try {
      return ImageReference.parse(ref);
    } catch (InvalidReferenceException e) {
      throw new IllegalArgumentException(e);
    }
  }

  public static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + text, e);
    }
  }

  public static JsonNode json(byte[] bytes) {
    try {
      return JSON.readTree(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A 127.0.0.1 port nothing listens on (bound, then released). */
  public static int closedPort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Asserts the shape every failure has: exactly one {@code Error:} line, and no stack trace. */
  public static void assertOneErrorLine(CliRunner.Result r) {
    List<String> errors = r.errLines().stream().filter(l -> l.startsWith("Error:")).toList();
    assertThat(errors).as(r.toString()).hasSize(1);
    assertNoStackTrace(r);
  }

  public static void assertNoStackTrace(CliRunner.Result r) {
    assertThat(r.err()).as(r.toString()).doesNotContainPattern("(?m)^\\s+at [\\w.$]+\\(").doesNotContain("Exception:")
        .doesNotContain("Caused by");
  }

  public static void assertStackTrace(CliRunner.Result r) {
    assertThat(r.err()).as(r.toString()).containsPattern("(?m)^\\s+at [\\w.$]+");
  }

  /** The one {@code Error:} line. */
  public static String errorLine(CliRunner.Result r) {
    return r.errLines().stream().filter(l -> l.startsWith("Error:")).findFirst().orElseThrow(
        () -> new AssertionError("no Error: line in\n" + r));
  }
}
