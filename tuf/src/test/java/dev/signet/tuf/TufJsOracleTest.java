package dev.signet.tuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.tuf.testing.RepositoryServer;
import dev.signet.tuf.testing.TestKey;
import dev.signet.tuf.testing.TestRepository;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * tuf-js ({@code oracles/tuf-js/refresh.js}) refreshes the same generated repositories as Signet's
 * client, over the same HTTP server, and must reach the same verdict. tuf-js judges expiry by the real
 * clock, so the repositories are dated relative to now.
 */
class TufJsOracleTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Path oracle;

  @TempDir Path tmp;

  @BeforeAll
  static void locate() {
    Path found = null;
    for (Path d = Path.of("").toAbsolutePath(); d != null && found == null; d = d.getParent()) {
      Path candidate = d.resolve("oracles").resolve("tuf-js");
      if (Files.isRegularFile(candidate.resolve("refresh.js"))) {
        found = candidate;
      }
    }
    String reason = null;
    if (found == null) {
      reason = "oracles/tuf-js not found above " + Path.of("").toAbsolutePath();
    } else if (!Files.isRegularFile(found.resolve("node_modules/tuf-js/package.json"))) {
      reason = "tuf-js is not installed: run npm ci in " + found;
    } else if (!nodeRuns()) {
      reason = "node is not runnable";
    }
    if (reason != null) {
      System.err.println("SKIPPED: tuf-js oracle unavailable: " + reason);
    }
    String why = reason;
    assumeTrue(why == null, () -> "tuf-js oracle unavailable: " + why);
    oracle = found;
  }

  private static boolean nodeRuns() {
    try {
      Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private JsonNode tufJs(String url, byte[] root, String work) throws Exception {
    Path rootFile = tmp.resolve(work + "-root.json");
    Files.write(rootFile, root);
    Process p = new ProcessBuilder("node", oracle.resolve("refresh.js").toString(), url,
        tmp.resolve(work).toString(), rootFile.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("tuf-js finished").isTrue();
    JsonNode result = JSON.readTree(out);
    assertThat(result.path("ok").asBoolean()).as(out).isEqualTo(p.exitValue() == 0);
    return result;
  }

  private static TufClient signet(RepositoryServer server, byte[] root, Path cache) {
    return new TufClient(root, new HttpRepositoryFetcher(URI.create(server.url())),
        new FileSystemMetadataCache(cache), Clock.systemUTC(), TufConfig.defaults());
  }

  @Test
  void bothClientsAcceptARotatedRepositoryAndAgreeOnTheTarget() throws Exception {
    TestRepository repo = TestRepository.create(tmp.resolve("repo"), Instant.now());
    repo.keys(TestRepository.ROOT, List.of(TestKey.ecdsa(), TestKey.ed25519()), 2)
        .keys(TestRepository.TIMESTAMP, List.of(TestKey.ecdsa()), 1).publishRoot();
    repo.keys(TestRepository.ROOT, List.of(TestKey.sharedRsa()), 1).publishRoot();
    repo.target("trusted_root.json", "{\"mediaType\":\"x\",\"ünïcode\":\"✓\"}\n".getBytes(StandardCharsets.UTF_8))
        .publishAll();
    try (RepositoryServer server = RepositoryServer.serve(repo.directory())) {
      TufClient client = signet(server, repo.rootBytes(1), tmp.resolve("signet"));
      TrustedMetadataSet trusted = client.refresh();
      byte[] target = client.target("trusted_root.json");

      JsonNode js = tufJs(server.url(), repo.rootBytes(1), "tufjs");

      assertThat(js.path("ok").asBoolean()).as(js.toString()).isTrue();
      assertThat(js.path("sha256").asText()).isEqualTo(TestRepository.hex("SHA-256", target));
      assertThat(js.path("root").asInt()).isEqualTo(trusted.root().signed().version()).isEqualTo(3);
      assertThat(js.path("timestamp").asInt()).isEqualTo(trusted.timestamp().orElseThrow().signed().version());
      assertThat(js.path("snapshot").asInt()).isEqualTo(trusted.snapshot().orElseThrow().signed().version());
      assertThat(js.path("targets").asInt()).isEqualTo(trusted.targets().orElseThrow().signed().version());
    }
  }

  @Test
  void bothClientsRefuseAnExpiredTimestamp() throws Exception {
    Instant now = Instant.now();
    TestRepository repo = TestRepository.create(tmp.resolve("repo"), now);
    repo.expires(TestRepository.TIMESTAMP, now.minusSeconds(3600)).publishTimestamp();
    try (RepositoryServer server = RepositoryServer.serve(repo.directory())) {
      assertThatThrownBy(() -> signet(server, repo.rootBytes(1), tmp.resolve("signet")).refresh())
          .hasMessageStartingWith("timestamp.json v2: expired at ");

      JsonNode js = tufJs(server.url(), repo.rootBytes(1), "tufjs");

      assertThat(js.path("ok").asBoolean()).as(js.toString()).isFalse();
      assertThat(js.path("error").asText()).containsIgnoringCase("expired");
    }
  }

  @Test
  void bothClientsRefuseARotationSignedOnlyByTheNewKey() throws Exception {
    TestRepository repo = TestRepository.create(tmp.resolve("repo"), Instant.now());
    TestKey intruder = TestKey.ecdsa();
    repo.keys(TestRepository.ROOT, List.of(intruder), 1).signers(TestRepository.ROOT, List.of(intruder)).publishRoot();
    try (RepositoryServer server = RepositoryServer.serve(repo.directory())) {
      assertThatThrownBy(() -> signet(server, repo.rootBytes(1), tmp.resolve("signet")).refresh())
          .hasMessage("root.json v2: 0 of 1 required signatures (keys of trusted root.json v1)");

      JsonNode js = tufJs(server.url(), repo.rootBytes(1), "tufjs");

      assertThat(js.path("ok").asBoolean()).as(js.toString()).isFalse();
      assertThat(js.path("error").asText()).startsWith("UnsignedMetadataError");
    }
  }

  @Test
  void bothClientsRefuseATamperedTarget() throws Exception {
    TestRepository repo = TestRepository.create(tmp.resolve("repo"), Instant.now());
    String path = repo.targetPath("trusted_root.json");
    byte[] evil = repo.read(path);
    evil[3] ^= 1;
    repo.write(path, evil);
    try (RepositoryServer server = RepositoryServer.serve(repo.directory())) {
      TufClient client = signet(server, repo.rootBytes(1), tmp.resolve("signet"));
      client.refresh();
      assertThatThrownBy(() -> client.target("trusted_root.json")).hasMessageStartingWith("target trusted_root.json: sha");

      JsonNode js = tufJs(server.url(), repo.rootBytes(1), "tufjs");

      assertThat(js.path("ok").asBoolean()).as(js.toString()).isFalse();
    }
  }
}
