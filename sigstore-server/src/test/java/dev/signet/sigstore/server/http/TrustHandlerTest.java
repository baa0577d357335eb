package dev.signet.sigstore.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.tuf.HttpRepositoryFetcher;
import dev.signet.tuf.TrustedRootProvider;
import dev.signet.tuf.TufClient;
import dev.signet.tuf.TufConfig;
import dev.signet.tuf.repo.RepositoryConfig;
import dev.signet.tuf.repo.TufRepository;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trust documents and the TUF repository over HTTP, consumed by Signet's TUF client and by tuf-js. */
class TrustHandlerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] ROOT_DOC = "{\"mediaType\":\"application/vnd.dev.sigstore.trustedroot+json;version=0.1\"}\n"
      .getBytes(StandardCharsets.UTF_8);
  private static final byte[] CONFIG_DOC = "{\"mediaType\":\"application/vnd.dev.sigstore.signingconfig.v0.2+json\"}\n"
      .getBytes(StandardCharsets.UTF_8);
  @TempDir Path tmp;

  private TufRepository repository() throws Exception {
    TufRepository repo = TufRepository.open(tmp.resolve("data"), Clock.systemUTC(), RepositoryConfig.defaults());
    repo.publishTargets(Map.of("trusted_root.json", ROOT_DOC, "signing_config.v0.2.json", CONFIG_DOC));
    return repo;
  }

  private static TrustHandler handler(TufRepository repo) {
    return new TrustHandler(() -> ROOT_DOC, () -> CONFIG_DOC, Optional.of(repo.directory()));
  }

  @Test
  void servesTheDocumentsAndTufFilesWithContentTypes() throws Exception {
    TufRepository repo = repository();
    try (TestServer server = new TestServer(handler(repo))) {
      HttpResponse<byte[]> root = server.get("/sigstore/trusted_root.json");
      assertThat(root.statusCode()).isEqualTo(200);
      assertThat(root.headers().firstValue("Content-Type")).contains("application/json");
      assertThat(root.body()).isEqualTo(ROOT_DOC);
      assertThat(server.get("/sigstore/signing_config.json").body()).isEqualTo(CONFIG_DOC);

      HttpResponse<byte[]> ts = server.get("/sigstore/tuf/timestamp.json");
      assertThat(ts.statusCode()).isEqualTo(200);
      assertThat(ts.headers().firstValue("Content-Type")).contains("application/json");
      assertThat(ts.headers().firstValue("Cache-Control")).contains("no-cache");
      assertThat(server.get("/sigstore/tuf/1.root.json").body()).isEqualTo(repo.root(1));
      String targetPath = Files.list(repo.directory().resolve("targets")).map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".trusted_root.json")).findFirst().orElseThrow();
      HttpResponse<byte[]> target = server.get("/sigstore/tuf/targets/" + targetPath);
      assertThat(target.headers().firstValue("Content-Type")).contains("application/octet-stream");
      assertThat(target.body()).isEqualTo(ROOT_DOC);
    }
  }

  @Test
  void unknownFilesAndEscapesGet404JsonAndForeignPathsAreLeftAlone() throws Exception {
    TufRepository repo = repository();
    try (TestServer server = new TestServer(handler(repo))) {
      for (String path : List.of("/sigstore/tuf/2.root.json", "/sigstore/tuf/", "/sigstore/tuf/targets/nope.json",
          "/sigstore/tuf/.%2e/keys/root.pem", "/sigstore/tuf/%2e%2e/keys/root.pem", "/sigstore/tuf/.hidden")) {
        HttpResponse<byte[]> r = server.get(path);
        assertThat(r.statusCode()).as(path).isIn(400, 404);
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).as(path).doesNotContain("PRIVATE KEY");
        if (r.statusCode() == 404) {
          JsonNode err = JSON.readTree(r.body());
          assertThat(err.path("code").asInt()).isEqualTo(404);
        }
      }
      assertThat(server.post("/sigstore/trusted_root.json", "application/json", new byte[0]).statusCode())
          .isEqualTo(405);
      assertThat(server.get("/sigstore/other").statusCode()).isEqualTo(TestServer.UNCLAIMED);
      assertThat(server.get("/v2/").statusCode()).isEqualTo(TestServer.UNCLAIMED);
    }
  }

  @Test
  void signetInitializeConsumesTheServedMirrorAcrossARotation() throws Exception {
    TufRepository repo = repository();
    byte[] anchor = repo.root(1);
    try (TestServer server = new TestServer(handler(repo))) {
      String mirror = server.url() + "/sigstore/tuf";
      TufClient client = TrustedRootProvider.initialize(tmp.resolve("tuf-cache"), mirror, anchor,
          new HttpRepositoryFetcher(URI.create(mirror)), Clock.systemUTC(), TufConfig.defaults());
      assertThat(client.target("trusted_root.json")).isEqualTo(ROOT_DOC);

      repo.rotate(Set.of("root", "timestamp"));
      TrustedRootProvider provider = TrustedRootProvider.fromCache(tmp.resolve("tuf-cache"), Clock.systemUTC(),
          java.time.Duration.ofSeconds(10));
      assertThat(provider.target("signing_config.v0.2.json")).isEqualTo(CONFIG_DOC);
      assertThat(provider.trustedRootJson()).isEqualTo(ROOT_DOC);

      JsonNode js = tufJs(mirror, anchor);
      assertThat(js.path("ok").asBoolean()).as(js.toString()).isTrue();
      assertThat(js.path("root").asInt()).isEqualTo(2);
    }
  }

  /** tuf-js's fetch-targets.js against the served mirror; skips visibly when Node or tuf-js is missing. */
  private JsonNode tufJs(String mirror, byte[] anchor) throws Exception {
    Path oracle = null;
    for (Path d = Path.of("").toAbsolutePath(); d != null && oracle == null; d = d.getParent()) {
      Path c = d.resolve("oracles/tuf-js");
      if (Files.isRegularFile(c.resolve("fetch-targets.js")) && Files.isDirectory(c.resolve("node_modules/tuf-js"))) {
        oracle = c;
      }
    }
    if (oracle == null) {
      System.err.println("SKIPPED: tuf-js part: oracles/tuf-js with node_modules not found");
    }
    assumeTrue(oracle != null, "tuf-js oracle unavailable");
    Path rootFile = tmp.resolve("anchor.json");
    Files.write(rootFile, anchor);
    Process p = new ProcessBuilder("node", oracle.resolve("fetch-targets.js").toString(), mirror,
        tmp.resolve("tufjs").toString(), rootFile.toString(), "trusted_root.json", "signing_config.v0.2.json")
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return JSON.readTree(out);
  }
}
