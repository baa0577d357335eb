package dev.signet.tuf.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.tuf.FileSystemMetadataCache;
import dev.signet.tuf.HttpRepositoryFetcher;
import dev.signet.tuf.TrustedMetadataSet;
import dev.signet.tuf.TrustedRootProvider;
import dev.signet.tuf.TufClient;
import dev.signet.tuf.TufConfig;
import dev.signet.tuf.TufException;
import dev.signet.tuf.testing.RepositoryServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signet's own TUF client (the updater behind {@code signet initialize}) against the repository writer. */
class TufRepositoryTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final byte[] TRUSTED_ROOT = "{\"mediaType\":\"application/vnd.dev.sigstore.trustedroot+json;version=0.1\"}\n"
      .getBytes(StandardCharsets.UTF_8);
  static final byte[] SIGNING_CONFIG = "{\"mediaType\":\"application/vnd.dev.sigstore.signingconfig.v0.2+json\"}\n"
      .getBytes(StandardCharsets.UTF_8);

  @TempDir Path tmp;

  static Map<String, byte[]> sigstoreTargets() {
    return Map.of("trusted_root.json", TRUSTED_ROOT, "signing_config.v0.2.json", SIGNING_CONFIG);
  }

  private static TufClient client(RepositoryServer server, byte[] anchor, Path cache, Clock clock) {
    return new TufClient(anchor, new HttpRepositoryFetcher(URI.create(server.url())), new FileSystemMetadataCache(cache),
        clock, TufConfig.defaults());
  }

  @Test
  void freshRepositoryServesBothSigstoreTargetsWithCustomMetadata() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-12-08T00:00:00Z"));
    TufRepository repo = TufRepository.open(tmp.resolve("data"), clock, RepositoryConfig.defaults());
    assertThat(repo.publishTargets(sigstoreTargets())).isTrue();
    assertThat(repo.publishTargets(sigstoreTargets())).as("same content, no new version").isFalse();

    try (RepositoryServer server = RepositoryServer.serve(repo.directory())) {
      TufClient client = client(server, repo.root(1), tmp.resolve("cache"), clock);
      TrustedMetadataSet trusted = client.refresh();
      assertThat(client.target("trusted_root.json")).isEqualTo(TRUSTED_ROOT);
      assertThat(client.target("signing_config.v0.2.json")).isEqualTo(SIGNING_CONFIG);
      assertThat(trusted.targets().orElseThrow().signed().version()).isEqualTo(2);
      assertThat(client.targetInfo("trusted_root.json").custom().path("sigstore").path("status").asText())
          .isEqualTo("Active");
      assertThat(server.requests()).contains("/2.snapshot.json", "/2.targets.json",
          "/targets/" + MetadataBuilder.sha256Hex(TRUSTED_ROOT) + ".trusted_root.json");
    }
    JsonNode root = JSON.readTree(repo.root(1)).path("signed");
    assertThat(root.path("consistent_snapshot").asBoolean()).isTrue();
    assertThat(root.path("keys").get(repo.key("timestamp").keyId()).path("scheme").asText()).isEqualTo("ed25519");
    for (String role : List.of("root", "targets", "snapshot", "timestamp")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("data/keys/" + role + ".pem"))))
          .isEqualTo("rw-------");
    }
  }

  @Test
  void signetInitializeAcceptsTheRepositoryAndFollowsRotationsOfEveryKey() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-12-08T00:00:00Z"));
    TufRepository repo = TufRepository.open(tmp.resolve("data"), clock,
        RepositoryConfig.defaults().withKeyType(SigningKey.Type.ECDSA_P256));
    repo.publishTargets(sigstoreTargets());
    byte[] anchor = repo.root(1);
    try (RepositoryServer server = RepositoryServer.serve(repo.directory())) {
      Path cacheRoot = tmp.resolve("tuf-root");
      TufClient first = TrustedRootProvider.initialize(cacheRoot, server.url(), anchor,
          new HttpRepositoryFetcher(URI.create(server.url())), clock, TufConfig.defaults());
      assertThat(first.target("trusted_root.json")).isEqualTo(TRUSTED_ROOT);

      String oldRootKey = repo.key("root").keyId();
      repo.rotate(Set.of("root"));
      assertThat(repo.key("root").keyId()).isNotEqualTo(oldRootKey);
      JsonNode v2 = JSON.readTree(repo.root(2));
      assertThat(v2.path("signatures")).extracting(s -> s.path("keyid").asText())
          .containsExactlyInAnyOrder(oldRootKey, repo.key("root").keyId());

      repo.rotate(Set.of("root", "targets", "snapshot", "timestamp"));
      byte[] newConfig = "{\"changed\":true}\n".getBytes(StandardCharsets.UTF_8);
      repo.publishTargets(Map.of("trusted_root.json", TRUSTED_ROOT, "signing_config.v0.2.json", newConfig));

      // The initialized cache (what signet verify uses) updates through both rotations.
      TrustedRootProvider provider = new TrustedRootProvider(cacheRoot, server.url(),
          new HttpRepositoryFetcher(URI.create(server.url())), clock, TufConfig.defaults());
      assertThat(provider.target("signing_config.v0.2.json")).isEqualTo(newConfig);
      // A client shipping only root v1 gets there too.
      TufClient fresh = client(server, anchor, tmp.resolve("fresh"), clock);
      assertThat(fresh.refresh().root().signed().version()).isEqualTo(3);
      assertThat(fresh.target("signing_config.v0.2.json")).isEqualTo(newConfig);
    }
    // Reopening continues from the published state with the rotated keys.
    TufRepository reopened = TufRepository.open(tmp.resolve("data"), clock, RepositoryConfig.defaults());
    assertThat(reopened.version("root")).isEqualTo(3);
    assertThat(reopened.key("targets").type()).isEqualTo(SigningKey.Type.ECDSA_P256);
    assertThat(reopened.publishTargets(reopened.targets())).isFalse();
    assertThat(Files.list(tmp.resolve("data/keys")).map(p -> p.getFileName().toString()))
        .containsExactlyInAnyOrder("root.pem", "targets.pem", "snapshot.pem", "timestamp.pem");
  }

  @Test
  void refreshResignsExpiringRolesSoClientsKeepWorking() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-12-08T00:00:00Z"));
    TufRepository repo = TufRepository.open(tmp.resolve("data"), clock, RepositoryConfig.defaults());
    repo.publishTargets(sigstoreTargets());
    assertThat(repo.refresh()).isEmpty();

    clock.advance(Duration.ofDays(4));
    assertThat(repo.refresh()).containsExactly("timestamp");
    clock.advance(Duration.ofDays(6));
    assertThat(repo.refresh()).containsExactly("timestamp");
    clock.advance(Duration.ofDays(5));
    assertThat(repo.refresh()).containsExactly("snapshot", "timestamp");
    assertThat(repo.expires("timestamp")).isEqualTo(clock.instant().plus(Duration.ofDays(7)));

    try (RepositoryServer server = RepositoryServer.serve(repo.directory())) {
      assertThat(client(server, repo.root(1), tmp.resolve("c1"), clock).refresh().timestamp().orElseThrow()
          .signed().version()).isEqualTo(5);
      clock.advance(Duration.ofDays(8));
      assertThatThrownBy(() -> client(server, repo.root(1), tmp.resolve("c2"), clock).refresh())
          .hasMessageContaining("expired");
      assertThat(repo.refresh()).containsExactly("timestamp");
      TufClient c3 = client(server, repo.root(1), tmp.resolve("c3"), clock);
      c3.refresh();
      assertThat(c3.target("trusted_root.json")).isEqualTo(TRUSTED_ROOT);
    }
  }

  @Test
  void tamperedMetadataAndTargetsAreRefused() throws Exception {
    Clock clock = Clock.systemUTC();
    TufRepository repo = TufRepository.open(tmp.resolve("data"), clock, RepositoryConfig.defaults());
    repo.publishTargets(sigstoreTargets());
    Path ts = repo.directory().resolve("timestamp.json");
    byte[] good = Files.readAllBytes(ts);
    Files.writeString(ts, Files.readString(ts).replace("\"version\" : 2,", "\"version\" : 9,"));
    assertThat(Files.readAllBytes(ts)).isNotEqualTo(good);
    try (RepositoryServer server = RepositoryServer.serve(repo.directory())) {
      assertThatThrownBy(() -> client(server, repo.root(1), tmp.resolve("c1"), clock).refresh())
          .isInstanceOf(TufException.class).hasMessageContaining("signatures");

      Files.write(ts, good);
      Path target = repo.directory().resolve("targets/" + MetadataBuilder.targetPath("trusted_root.json", TRUSTED_ROOT));
      Files.writeString(target, "{\"evil\":1}\n");
      TufClient c2 = client(server, repo.root(1), tmp.resolve("c2"), clock);
      c2.refresh();
      assertThatThrownBy(() -> c2.target("trusted_root.json")).hasMessageStartingWith("target trusted_root.json: ");
    }
  }

  @Test
  void refusesKeysThatDoNotMatchThePublishedRootAndFinishesAnInterruptedRotation() throws Exception {
    Clock clock = Clock.systemUTC();
    Path data = tmp.resolve("data");
    TufRepository repo = TufRepository.open(data, clock, RepositoryConfig.defaults());
    SigningKey intruder = SigningKey.generate(SigningKey.Type.ED25519);
    RepositoryKeys.save(data.resolve("keys/timestamp.pem"), intruder);
    assertThatThrownBy(() -> TufRepository.open(data, clock, RepositoryConfig.defaults()))
        .hasMessageContaining("names timestamp key " + repo.key("timestamp").keyId())
        .hasMessageContaining("restore the keys");

    RepositoryKeys.save(data.resolve("keys/timestamp.pem"), repo.key("timestamp"));
    repo.rotate(Set.of("root"));
    // Simulate a crash after publishing root v2 but before promoting its key.
    SigningKey published = repo.key("root");
    RepositoryKeys.save(data.resolve("keys/root.next.pem"), published);
    RepositoryKeys.save(data.resolve("keys/root.pem"), SigningKey.generate(SigningKey.Type.ED25519));
    TufRepository recovered = TufRepository.open(data, clock, RepositoryConfig.defaults());
    assertThat(recovered.key("root")).isEqualTo(published);
    assertThat(data.resolve("keys/root.next.pem")).doesNotExist();

    Files.setPosixFilePermissions(data.resolve("keys/snapshot.pem"), PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> TufRepository.open(data, clock, RepositoryConfig.defaults()))
        .hasMessageContaining("accessible by other users");
  }

  @Test
  void refusesUnsafeTargetNames() throws Exception {
    TufRepository repo = TufRepository.open(tmp.resolve("data"), Clock.systemUTC(), RepositoryConfig.defaults());
    for (String name : List.of("../x", "/etc/passwd", "", "a\\b")) {
      assertThatThrownBy(() -> repo.publishTargets(Map.of(name, new byte[1]))).as(name)
          .hasMessageStartingWith("target name ");
    }
  }
}
