package dev.signet.cli.command.sigstore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.cli.CliRunner;
import dev.signet.tuf.TrustedRootProvider;
import dev.signet.tuf.testing.RepositoryServer;
import dev.signet.tuf.testing.TestKey;
import dev.signet.tuf.testing.TestRepository;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code signet initialize} in-process against a generated TUF repository served on 127.0.0.1. */
class InitializeCommandTest {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  @TempDir Path dir;
  private TestRepository repo;
  private RepositoryServer server;
  private CliRunner cli;

  @BeforeEach
  void setUp() throws Exception {
    repo = TestRepository.create(dir.resolve("repo"), NOW);
    server = RepositoryServer.serve(repo.directory());
    Files.write(dir.resolve("root.json"), repo.rootBytes(1));
    cli = CliRunner.in(dir).clock(Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  private Path mirrorDir(Path cacheRoot) {
    return cacheRoot.resolve("http:--127.0.0.1:" + URI.create(server.url()).getPort());
  }

  @Test
  void initializesCachesAndPrintsWhatItTrusts() throws Exception {
    repo.keys(TestRepository.ROOT, List.of(TestKey.ecdsa()), 1).publishRoot();
    String sha = TestRepository.hex("SHA-256", repo.rootBytes(1));

    CliRunner.Result r = cli.run("initialize", "--mirror", server.url(), "--root", "root.json", "--root-checksum", sha);

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("Initialized TUF repository " + server.url())
        .contains("root.json v2").contains("targets.json v1")
        .containsPattern("trusted_root\\.json  sha256:[0-9a-f]{64}  \\d+ bytes  Unknown \\(Active\\)  \\[cached\\]");
    Path cacheRoot = dir.resolve(".sigstore/root");
    assertThat(Files.readString(cacheRoot.resolve("remote.json"))).contains(server.url());
    Path cached = mirrorDir(cacheRoot).resolve("targets/trusted_root.json");
    assertThat(Files.readAllBytes(cached)).isEqualTo(repo.read(repo.targetPath("trusted_root.json")));
    assertThat(Files.getPosixFilePermissions(cached)).isEqualTo(PosixFilePermissions.fromString("rw-------"));

    // The verify commands' entry point reads the same cache.
    byte[] viaProvider = TrustedRootProvider.fromCache(cacheRoot, Clock.fixed(NOW, ZoneOffset.UTC),
        Duration.ofSeconds(5)).trustedRootJson();
    assertThat(viaProvider).isEqualTo(Files.readAllBytes(cached));
  }

  @Test
  void withoutMirrorItRefusesInOneLineAndContactsNobody() {
    CliRunner.Result r = cli.run("initialize");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.errLines()).containsExactly("Error: initialize needs --mirror URL and --root FILE of your TUF"
        + " repository (Signet does not contact the public-good Sigstore repository by default)");
    assertThat(server.requests()).isEmpty();
    assertThat(dir.resolve(".sigstore")).doesNotExist();
  }

  @Test
  void withoutRootItSaysSignetEmbedsNone() {
    CliRunner.Result r = cli.run("initialize", "--mirror", server.url());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.errLines()).containsExactly("Error: initialize needs --root FILE: the trusted initial root.json of "
        + server.url() + " (Signet embeds no root)");
  }

  @Test
  void aWrongRootChecksumIsRefusedBeforeAnyDownload() {
    String wrong = "0".repeat(64);

    CliRunner.Result r = cli.run("initialize", "--mirror", server.url(), "--root", "root.json", "--root-checksum", wrong);

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.errLines()).singleElement().asString()
        .matches("Error: --root root\\.json: sha256 [0-9a-f]{64} does not match --root-checksum 0{64}");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void anExpiredTimestampFailsWithOneLineAndNoStackTrace() {
    repo.expires(TestRepository.TIMESTAMP, NOW.minusSeconds(60)).publishTimestamp();

    CliRunner.Result r = cli.run("initialize", "--mirror", server.url(), "--root", "root.json");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).startsWith("Error: timestamp.json v2: expired at " + NOW.minusSeconds(60) + "\n");
    assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception");
    assertThat(dir.resolve(".sigstore/root/remote.json")).doesNotExist();
  }

  @Test
  void flagsBindCosignEnvironmentVariablesAndTufRootPicksTheCache() throws Exception {
    Path cacheRoot = dir.resolve("elsewhere");

    CliRunner.Result r = cli.env("COSIGN_MIRROR", server.url()).env("COSIGN_ROOT", "root.json")
        .env("TUF_ROOT", cacheRoot.toString()).run("initialize");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(mirrorDir(cacheRoot).resolve("root.json")).exists();
    assertThat(dir.resolve(".sigstore")).doesNotExist();
  }

  @Test
  void aRootUrlWithoutChecksumWarns() {
    CliRunner.Result r = cli.run("initialize", "--mirror", server.url(), "--root", server.url() + "/1.root.json");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.err()).contains("WARNING: --root is downloaded without --root-checksum");
  }
}
