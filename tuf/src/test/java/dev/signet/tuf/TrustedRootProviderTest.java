package dev.signet.tuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.tuf.testing.RepositoryServer;
import dev.signet.tuf.testing.TestRepository;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustedRootProviderTest {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  @TempDir Path tmp;

  @Test
  void initializeRecordsTheMirrorAndTheProviderRefreshesFromTheCache() throws Exception {
    TestRepository repo = TestRepository.create(tmp.resolve("repo"), NOW);
    Path cacheRoot = tmp.resolve("tuf");
    try (RepositoryServer server = RepositoryServer.serve(repo.directory())) {
      TrustedRootProvider.initialize(cacheRoot, server.url(), repo.rootBytes(1),
          new HttpRepositoryFetcher(URI.create(server.url())), CLOCK, TufConfig.defaults());

      assertThat(Files.readString(cacheRoot.resolve("remote.json"))).isEqualTo("{\"mirror\":\"" + server.url() + "\"}");
      assertThat(cacheRoot.resolve("http:--127.0.0.1:" + URI.create(server.url()).getPort()).resolve("root.json"))
          .exists();

      repo.target("trusted_root.json", "{\"v\":2}".getBytes(StandardCharsets.UTF_8)).publishAll();
      byte[] bytes = TrustedRootProvider.fromCache(cacheRoot, CLOCK, Duration.ofSeconds(5)).trustedRootJson();
      assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("{\"v\":2}");
    }
  }

  @Test
  void offlineItWarnsAndUsesTheVerifiedCacheButNeverAnExpiredOne() throws Exception {
    TestRepository repo = TestRepository.create(tmp.resolve("repo"), NOW);
    repo.expires(TestRepository.TIMESTAMP, NOW.plus(Duration.ofHours(1))).publishTimestamp();
    Path cacheRoot = tmp.resolve("tuf");
    String url;
    byte[] online;
    try (RepositoryServer server = RepositoryServer.serve(repo.directory())) {
      url = server.url();
      TrustedRootProvider.initialize(cacheRoot, url, repo.rootBytes(1), new HttpRepositoryFetcher(URI.create(url)),
          CLOCK, TufConfig.defaults());
      online = TrustedRootProvider.fromCache(cacheRoot, CLOCK, Duration.ofSeconds(5)).trustedRootJson();
    }
    List<String> warnings = new ArrayList<>();

    byte[] offline = TrustedRootProvider.fromCache(cacheRoot, CLOCK, Duration.ofSeconds(5))
        .onWarning(warnings::add).trustedRootJson();

    assertThat(offline).isEqualTo(online);
    assertThat(warnings).singleElement().asString()
        .startsWith("WARNING: TUF repository " + url + " unreachable (").endsWith("); using the cached metadata");

    Clock later = Clock.fixed(NOW.plus(Duration.ofHours(2)), ZoneOffset.UTC);
    assertThatThrownBy(() -> TrustedRootProvider.fromCache(cacheRoot, later, Duration.ofSeconds(5)).trustedRootJson())
        .hasMessage("timestamp.json v2: expired at " + NOW.plus(Duration.ofHours(1)));
  }

  @Test
  void anExpiredRemoteTimestampIsRefusedEvenWithAGoodCache() throws Exception {
    TestRepository repo = TestRepository.create(tmp.resolve("repo"), NOW);
    Path cacheRoot = tmp.resolve("tuf");
    try (RepositoryServer server = RepositoryServer.serve(repo.directory())) {
      TrustedRootProvider.initialize(cacheRoot, server.url(), repo.rootBytes(1),
          new HttpRepositoryFetcher(URI.create(server.url())), CLOCK, TufConfig.defaults());
      repo.expires(TestRepository.TIMESTAMP, NOW.minusSeconds(5)).publishTimestamp();

      assertThatThrownBy(() -> TrustedRootProvider.fromCache(cacheRoot, CLOCK, Duration.ofSeconds(5)).trustedRootJson())
          .hasMessage("timestamp.json v2: expired at " + NOW.minusSeconds(5));
    }
  }

  @Test
  void withoutInitializeItSaysWhatToRun() {
    assertThatThrownBy(() -> TrustedRootProvider.fromCache(tmp, CLOCK, Duration.ofSeconds(5)))
        .hasMessage("no TUF repository initialized in " + tmp
            + ": run signet initialize --mirror URL --root FILE, or pass --trusted-root FILE");
  }

  @Test
  void theDefaultCacheIsTufRootElseHomeSigstoreRoot() {
    assertThat(CacheLayout.cacheRoot(java.util.Map.of("TUF_ROOT", "/x/y"), Path.of("/home/u"))).isEqualTo(Path.of("/x/y"));
    assertThat(CacheLayout.cacheRoot(java.util.Map.of(), Path.of("/home/u"))).isEqualTo(Path.of("/home/u/.sigstore/root"));
    assertThat(CacheLayout.mirrorDirectoryName("https://tuf-repo-cdn.sigstore.dev")).isEqualTo("tuf-repo-cdn.sigstore.dev");
    assertThat(CacheLayout.mirrorDirectoryName("https://example.com/prod/tuf")).isEqualTo("example.com-prod-tuf");
  }
}
