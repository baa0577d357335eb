package dev.signet.tuf.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.tuf.FileSystemMetadataCache;
import dev.signet.tuf.HttpRepositoryFetcher;
import dev.signet.tuf.TufClient;
import dev.signet.tuf.TufConfig;
import dev.signet.tuf.testing.RepositoryServer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * tuf-js ({@code oracles/tuf-js/fetch-targets.js}), an independent TUF client, refreshes the repository
 * the writer publishes, served over HTTP, before and after key rotations, and refuses tampered metadata.
 * tuf-js judges expiry by the real clock, so the repository is dated now.
 */
class TufJsRepositoryTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] NAMES = {"trusted_root.json", "signing_config.v0.2.json"};
  private static Path oracle;

  @TempDir Path tmp;

  @BeforeAll
  static void locate() {
    Path found = null;
    for (Path d = Path.of("").toAbsolutePath(); d != null && found == null; d = d.getParent()) {
      Path candidate = d.resolve("oracles").resolve("tuf-js");
      if (Files.isRegularFile(candidate.resolve("fetch-targets.js"))) {
        found = candidate;
      }
    }
    String reason = null;
    if (found == null) {
      reason = "oracles/tuf-js/fetch-targets.js not found above " + Path.of("").toAbsolutePath();
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
    List<String> cmd = new ArrayList<>(List.of("node", oracle.resolve("fetch-targets.js").toString(), url,
        tmp.resolve(work).toString(), rootFile.toString()));
    cmd.addAll(List.of(NAMES));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("tuf-js finished").isTrue();
    JsonNode result = JSON.readTree(out);
    assertThat(result.path("ok").asBoolean()).as(out).isEqualTo(p.exitValue() == 0);
    return result;
  }

  private static TufClient signet(RepositoryServer server, byte[] root, Path cache) {
    return new TufClient(root, new HttpRepositoryFetcher(URI.create(server.url())), new FileSystemMetadataCache(cache),
        Clock.systemUTC(), TufConfig.defaults());
  }

  private static void assertTargets(JsonNode js, Map<String, byte[]> expected) {
    assertThat(js.path("ok").asBoolean()).as(js.toString()).isTrue();
    for (String name : NAMES) {
      JsonNode t = js.path("files").path(name);
      assertThat(t.path("sha256").asText()).as(name).isEqualTo(MetadataBuilder.sha256Hex(expected.get(name)));
      assertThat(t.path("custom").path("sigstore").path("status").asText()).isEqualTo("Active");
    }
  }

  @Test
  void tufJsAcceptsTheRepositoryBeforeAndAfterRotations() throws Exception {
    TufRepository repo = TufRepository.open(tmp.resolve("data"), Clock.systemUTC(), RepositoryConfig.defaults());
    Map<String, byte[]> targets = TufRepositoryTest.sigstoreTargets();
    repo.publishTargets(targets);
    byte[] anchor = repo.root(1);
    try (RepositoryServer server = RepositoryServer.serve(repo.directory())) {
      JsonNode before = tufJs(server.url(), anchor, "cached");
      assertTargets(before, targets);
      assertThat(before.path("root").asInt()).isEqualTo(1);
      assertThat(before.path("targets").asInt()).isEqualTo(2);

      repo.rotate(Set.of("root"));
      repo.rotate(Set.of("root", "targets", "snapshot", "timestamp"));
      Map<String, byte[]> changed = Map.of(NAMES[0], "{\"rotated\":1}\n".getBytes(StandardCharsets.UTF_8),
          NAMES[1], targets.get(NAMES[1]));
      repo.publishTargets(changed);

      JsonNode updated = tufJs(server.url(), anchor, "cached");
      assertTargets(updated, changed);
      assertThat(updated.path("root").asInt()).isEqualTo(3);
      assertThat(updated.path("timestamp").asInt()).isEqualTo(repo.version("timestamp"));
      JsonNode fresh = tufJs(server.url(), anchor, "fresh");
      assertTargets(fresh, changed);
      assertThat(signet(server, anchor, tmp.resolve("signet")).refresh().root().signed().version()).isEqualTo(3);
    }
  }

  @Test
  void bothClientsRefuseARotationWithoutTheOldRootKeysSignature() throws Exception {
    TufRepository repo = TufRepository.open(tmp.resolve("data"), Clock.systemUTC(), RepositoryConfig.defaults());
    repo.publishTargets(TufRepositoryTest.sigstoreTargets());
    String oldKey = repo.key("root").keyId();
    repo.rotate(Set.of("root"));
    Path v2 = repo.directory().resolve("2.root.json");
    ObjectNode doc = (ObjectNode) JSON.readTree(Files.readAllBytes(v2));
    ArrayNode kept = JSON.createArrayNode();
    doc.withArray("signatures").forEach(s -> {
      if (!s.path("keyid").asText().equals(oldKey)) {
        kept.add(s);
      }
    });
    assertThat(kept).hasSize(1);
    doc.set("signatures", kept);
    Files.write(v2, JSON.writeValueAsBytes(doc));
    try (RepositoryServer server = RepositoryServer.serve(repo.directory())) {
      assertThatThrownBy(() -> signet(server, repo.root(1), tmp.resolve("signet")).refresh())
          .hasMessage("root.json v2: 0 of 1 required signatures (keys of trusted root.json v1)");
      JsonNode js = tufJs(server.url(), repo.root(1), "tufjs");
      assertThat(js.path("ok").asBoolean()).as(js.toString()).isFalse();
      assertThat(js.path("error").asText()).startsWith("UnsignedMetadataError");
    }
  }

  @Test
  void bothClientsRefuseTamperedTimestampAndTarget() throws Exception {
    TufRepository repo = TufRepository.open(tmp.resolve("data"), Clock.systemUTC(), RepositoryConfig.defaults());
    Map<String, byte[]> targets = TufRepositoryTest.sigstoreTargets();
    repo.publishTargets(targets);
    Path ts = repo.directory().resolve("timestamp.json");
    byte[] good = Files.readAllBytes(ts);
    Files.writeString(ts, Files.readString(ts).replace("\"version\" : 2,", "\"version\" : 3,"));
    try (RepositoryServer server = RepositoryServer.serve(repo.directory())) {
      JsonNode js = tufJs(server.url(), repo.root(1), "ts");
      assertThat(js.path("ok").asBoolean()).as(js.toString()).isFalse();
      assertThat(js.path("error").asText()).startsWith("UnsignedMetadataError");
      assertThatThrownBy(() -> signet(server, repo.root(1), tmp.resolve("s1")).refresh())
          .hasMessageContaining("timestamp.json");

      Files.write(ts, good);
      Files.writeString(repo.directory().resolve("targets/"
          + MetadataBuilder.targetPath(NAMES[0], targets.get(NAMES[0]))), "{\"evil\":1}\n");
      JsonNode target = tufJs(server.url(), repo.root(1), "target");
      assertThat(target.path("ok").asBoolean()).as(target.toString()).isFalse();
    }
  }
}
