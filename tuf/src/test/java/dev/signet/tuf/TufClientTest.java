package dev.signet.tuf;

import static dev.signet.tuf.testing.TestRepository.ROOT;
import static dev.signet.tuf.testing.TestRepository.SNAPSHOT;
import static dev.signet.tuf.testing.TestRepository.TARGETS;
import static dev.signet.tuf.testing.TestRepository.TIMESTAMP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.tuf.testing.RepositoryServer;
import dev.signet.tuf.testing.TestKey;
import dev.signet.tuf.testing.TestRepository;
import java.net.URI;
import java.nio.charset.StandardCharsets;
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

/** The client workflow against generated repositories served over HTTP on 127.0.0.1. */
class TufClientTest {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  @TempDir Path tmp;
  private TestRepository repo;
  private RepositoryServer server;
  private FileSystemMetadataCache cache;

  @BeforeEach
  void setUp() throws Exception {
    repo = TestRepository.create(tmp.resolve("repo"), NOW);
    server = RepositoryServer.serve(repo.directory());
    cache = new FileSystemMetadataCache(tmp.resolve("cache").resolve("mirror"));
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  private TufClient client(byte[] anchor) {
    return client(anchor, TufConfig.defaults(), CLOCK);
  }

  private TufClient client(byte[] anchor, TufConfig config, Clock clock) {
    return new TufClient(anchor, new HttpRepositoryFetcher(URI.create(server.url())), cache, clock, config);
  }

  private TufClient fromV1() {
    return client(repo.rootBytes(1));
  }

  @Test
  void happyPathDownloadsTheVerifiedTargetAndCachesPrivately() throws Exception {
    TufClient client = fromV1();
    TrustedMetadataSet trusted = client.refresh();

    assertThat(trusted.targets().orElseThrow().signed().version()).isEqualTo(1);
    byte[] target = client.target("trusted_root.json");
    assertThat(new String(target, StandardCharsets.UTF_8)).contains("trustedroot+json;version=0.1");
    assertThat(server.requests()).contains("/2.root.json", "/timestamp.json", "/1.snapshot.json",
        "/1.targets.json", "/" + repo.targetPath("trusted_root.json"));

    Path dir = cache.directory();
    for (String f : List.of("root.json", "timestamp.json", "snapshot.json", "targets.json", "targets/trusted_root.json")) {
      assertThat(Files.getPosixFilePermissions(dir.resolve(f))).as(f)
          .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }
    assertThat(Files.getPosixFilePermissions(dir)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
    assertThat(Files.readAllBytes(dir.resolve("targets/trusted_root.json"))).isEqualTo(target);
  }

  @Test
  void aSecondRefreshUsesCachedSnapshotAndTargetsAndTheCachedTarget() throws Exception {
    TufClient first = fromV1();
    first.refresh();
    first.target("trusted_root.json");
    int before = server.requests().size();

    TufClient second = client(cache.readMetadata(Role.ROOT).orElseThrow());
    second.refresh();
    second.target("trusted_root.json");

    assertThat(server.requests().subList(before, server.requests().size()))
        .containsExactly("/2.root.json", "/timestamp.json");
  }

  @Test
  void rootRotationOneTwoThreeWithKeyRotationAndThresholdChange() throws Exception {
    TestKey a = TestKey.ecdsa();
    TestKey b = TestKey.ed25519();
    repo.keys(ROOT, List.of(a, b), 2).publishRoot();             // v2: signed by v1's key and a, b
    TestKey c = TestKey.rsa();
    TestKey newTimestamp = TestKey.ecdsa();
    repo.keys(ROOT, List.of(c), 1).keys(TIMESTAMP, List.of(newTimestamp), 1).publishRoot(); // v3: a, b, c
    repo.publishAll();

    TufClient client = fromV1();
    TrustedMetadataSet trusted = client.refresh();

    assertThat(trusted.root().signed().version()).isEqualTo(3);
    assertThat(trusted.root().signed().role(Role.ROOT).threshold()).isEqualTo(1);
    assertThat(MetadataParser.root(cache.readMetadata(Role.ROOT).orElseThrow()).signed().version()).isEqualTo(3);
    assertThat(client.target("trusted_root.json")).isNotEmpty();
  }

  @Test
  void aRotationSignedOnlyByTheNewKeysIsRefused() throws Exception {
    TestKey intruder = TestKey.ecdsa();
    repo.keys(ROOT, List.of(intruder), 1).signers(ROOT, List.of(intruder)).publishRoot();

    assertThatThrownBy(() -> fromV1().refresh())
        .isInstanceOf(TufException.class)
        .hasMessage("root.json v2: 0 of 1 required signatures (keys of trusted root.json v1)");
  }

  @Test
  void aRotationNotSignedByItsOwnNewThresholdIsRefused() throws Exception {
    List<TestKey> oldKeys = repo.keys(ROOT);
    TestKey a = TestKey.ecdsa();
    TestKey b = TestKey.ecdsa();
    List<TestKey> signers = new java.util.ArrayList<>(oldKeys);
    signers.add(a);
    repo.keys(ROOT, List.of(a, b), 2).signers(ROOT, signers).publishRoot();

    assertThatThrownBy(() -> fromV1().refresh())
        .hasMessage("root.json v2: 1 of 2 required signatures (its own root keys)");
  }

  @Test
  void rootRotationsStopAtTheConfiguredCap() throws Exception {
    repo.publishRoot().publishRoot().publishRoot(); // v2, v3, v4

    TufClient client = client(repo.rootBytes(1), TufConfig.defaults().withMaxRootRotations(2), CLOCK);

    assertThat(client.refresh().root().signed().version()).isEqualTo(3);
    assertThat(server.requests()).doesNotContain("/4.root.json");
  }

  @Test
  void aRootVersionThatSkipsIsRefused() throws Exception {
    repo.lastVersion(ROOT, 2).publishRoot(); // writes 3.root.json
    Files.move(repo.directory().resolve("3.root.json"), repo.directory().resolve("2.root.json"));

    assertThatThrownBy(() -> fromV1().refresh())
        .hasMessage("root.json v3: expected version 2 after trusted root.json v1");
  }

  @Test
  void anExpiredFinalRootIsRefusedButAnExpiredIntermediateRootIsNot() throws Exception {
    repo.expires(ROOT, NOW.minusSeconds(60)).publishRoot(); // v2 expired
    assertThatThrownBy(() -> fromV1().refresh()).hasMessage("root.json v2: expired at " + NOW.minusSeconds(60));

    repo.expires(ROOT, NOW.plusSeconds(3600)).publishRoot(); // v3 valid
    assertThat(fromV1().refresh().root().signed().version()).isEqualTo(3);
  }

  @Test
  void expiredTimestampSnapshotAndTargetsAreRefused() throws Exception {
    Instant past = NOW.minusSeconds(1);
    repo.expires(TIMESTAMP, past).publishTimestamp();
    assertThatThrownBy(() -> fromV1().refresh()).hasMessage("timestamp.json v2: expired at " + past);

    repo.expires(TIMESTAMP, NOW.plusSeconds(600)).expires(SNAPSHOT, past).publishSnapshot().publishTimestamp();
    assertThatThrownBy(() -> fromV1().refresh()).hasMessage("snapshot.json v2: expired at " + past);

    repo.expires(SNAPSHOT, NOW.plusSeconds(600)).expires(TARGETS, past).publishAll();
    assertThatThrownBy(() -> fromV1().refresh()).hasMessage("targets.json v2: expired at " + past);
  }

  @Test
  void expiryIsJudgedByTheInjectedClock() throws Exception {
    repo.expires(TIMESTAMP, NOW.plusSeconds(10)).publishTimestamp();
    assertThat(client(repo.rootBytes(1), TufConfig.defaults(), CLOCK).refresh()).isNotNull();

    Clock later = Clock.fixed(NOW.plusSeconds(10), ZoneOffset.UTC);
    assertThatThrownBy(() -> client(repo.rootBytes(1), TufConfig.defaults(), later).refresh())
        .hasMessage("timestamp.json v2: expired at " + NOW.plusSeconds(10));
  }

  @Test
  void aTimestampRollbackIsRefused() throws Exception {
    byte[] v1 = repo.read("timestamp.json");
    repo.publishTimestamp();
    fromV1().refresh();

    repo.write("timestamp.json", v1);

    assertThatThrownBy(() -> fromV1().refresh())
        .hasMessage("timestamp.json v1: rollback, trusted timestamp.json v2 is newer");
  }

  @Test
  void aTimestampThatRollsTheSnapshotVersionBackIsRefused() throws Exception {
    repo.publishSnapshot().publishTimestamp(); // snapshot v2, timestamp v2
    fromV1().refresh();

    repo.lastVersion(SNAPSHOT, 0).publishSnapshot().publishTimestamp(); // timestamp v3 names snapshot v1

    assertThatThrownBy(() -> fromV1().refresh())
        .hasMessage("timestamp.json v3: rollback of snapshot.json from v2 to v1");
  }

  @Test
  void aSnapshotThatRollsTheTargetsVersionBackIsRefused() throws Exception {
    byte[] targetsV1 = repo.read("1.targets.json");
    repo.publishAll(); // targets v2, snapshot v2, timestamp v2
    fromV1().refresh();

    repo.publishSnapshot(1, targetsV1).publishTimestamp(); // snapshot v3 names targets v1

    assertThatThrownBy(() -> fromV1().refresh())
        .hasMessage("snapshot.json v3: rollback of targets.json from v2 to v1");
  }

  @Test
  void aRolledBackTargetsFileIsRefusedEvenWithoutHashesInTheSnapshot() throws Exception {
    repo.metaHashes(false);
    byte[] targetsV1 = repo.read("1.targets.json");
    repo.publishAll();
    repo.write("2.targets.json", targetsV1);

    assertThatThrownBy(() -> fromV1().refresh())
        .hasMessage("targets.json v1: snapshot.json v2 names version 2");
  }

  @Test
  void snapshotLengthAndHashMismatchesAreRefused() throws Exception {
    String path = repo.metadataPath(SNAPSHOT);
    byte[] original = repo.read(path);
    repo.write(path, (new String(original, StandardCharsets.UTF_8) + " ").getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> fromV1().refresh())
        .hasMessage("1.snapshot.json: " + (original.length + 1) + " bytes is more than the allowed " + original.length);

    repo.write(path, new String(original, StandardCharsets.UTF_8).replace("1.0.31", "1.0.32")
        .getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> fromV1().refresh())
        .hasMessageMatching("snapshot\\.json: sha256 [0-9a-f]{64} does not match [0-9a-f]{64} in timestamp\\.json v1");
  }

  @Test
  void targetsLengthAndHashMismatchesAreRefused() throws Exception {
    String path = repo.metadataPath(TARGETS);
    byte[] original = repo.read(path);
    repo.write(path, java.util.Arrays.copyOf(original, original.length - 1));
    assertThatThrownBy(() -> fromV1().refresh())
        .hasMessage("targets.json: length " + (original.length - 1) + " does not match " + original.length
            + " in snapshot.json v1");

    repo.write(path, new String(original, StandardCharsets.UTF_8).replace("Active", "Activx")
        .getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> fromV1().refresh())
        .hasMessageMatching("targets\\.json: sha256 [0-9a-f]{64} does not match [0-9a-f]{64} in snapshot\\.json v1");
  }

  @Test
  void aTamperedTargetFileIsRefusedAndNotCached() throws Exception {
    String path = repo.targetPath("trusted_root.json");
    byte[] original = repo.read(path);
    byte[] evil = original.clone();
    evil[10] ^= 1;
    repo.write(path, evil);
    TufClient client = fromV1();
    client.refresh();

    assertThatThrownBy(() -> client.target("trusted_root.json"))
        .hasMessageMatching("target trusted_root\\.json: sha(256|512) [0-9a-f]+ does not match [0-9a-f]+ in targets\\.json");
    assertThat(cache.readTarget("trusted_root.json")).isEmpty();
  }

  @Test
  void aTamperedCachedTargetIsReplacedByAVerifiedDownload() throws Exception {
    TufClient client = fromV1();
    client.refresh();
    byte[] good = client.target("trusted_root.json");
    cache.writeTarget("trusted_root.json", "{}".getBytes(StandardCharsets.UTF_8));

    assertThat(client.target("trusted_root.json")).isEqualTo(good);
    assertThat(cache.readTarget("trusted_root.json").orElseThrow()).isEqualTo(good);
  }

  @Test
  void anUnknownTargetIsReported() throws Exception {
    TufClient client = fromV1();
    client.refresh();
    assertThatThrownBy(() -> client.target("signing_config.v0.2.json"))
        .hasMessage("targets.json v1: no target signing_config.v0.2.json");
  }

  @Test
  void signaturesBelowTheThresholdAreRefused() throws Exception {
    TestKey t1 = TestKey.ed25519();
    TestKey t2 = TestKey.ecdsa();
    repo.keys(TIMESTAMP, List.of(t1, t2), 2).publishRoot();
    repo.signers(TIMESTAMP, List.of(t1)).publishTimestamp();

    assertThatThrownBy(() -> fromV1().refresh()).hasMessage("timestamp.json v2: 1 of 2 required signatures");
  }

  @Test
  void theSameKeyIdSigningTwiceCountsOnce() throws Exception {
    TestKey t1 = TestKey.ed25519();
    TestKey t2 = TestKey.ecdsa();
    repo.keys(TIMESTAMP, List.of(t1, t2), 2).publishRoot();
    repo.signers(TIMESTAMP, List.of(t1, t1)).publishTimestamp();

    assertThatThrownBy(() -> fromV1().refresh()).hasMessage("timestamp.json v2: 1 of 2 required signatures");

    repo.signers(TIMESTAMP, List.of(t1, t2)).publishTimestamp();
    assertThat(fromV1().refresh().timestamp().orElseThrow().signed().version()).isEqualTo(3);
  }

  @Test
  void aSignatureByAKeyOfAnotherRoleDoesNotCount() throws Exception {
    repo.signers(TIMESTAMP, repo.keys(TARGETS)).publishTimestamp();

    assertThatThrownBy(() -> fromV1().refresh()).hasMessage("timestamp.json v2: 0 of 1 required signatures");
  }

  @Test
  void newTimestampKeysDiscardTheCachedTimestampSoALowerVersionIsAccepted() throws Exception {
    repo.lastVersion(TIMESTAMP, 40).publishTimestamp(); // v41
    fromV1().refresh();

    repo.keys(TIMESTAMP, List.of(TestKey.ed25519()), 1).publishRoot();
    repo.lastVersion(TIMESTAMP, 0).publishTimestamp(); // v1 under the new key

    TrustedMetadataSet trusted = fromV1().refresh();
    assertThat(trusted.timestamp().orElseThrow().signed().version()).isEqualTo(1);
    assertThat(cache.readMetadata(Role.TIMESTAMP).orElseThrow()).isEqualTo(repo.read("timestamp.json"));
  }

  @Test
  void aCachedRootNewerThanTheOneReachedIsARollback() throws Exception {
    repo.publishRoot().publishRoot(); // v2, v3
    fromV1().refresh();
    Files.delete(repo.directory().resolve("3.root.json"));

    assertThatThrownBy(() -> fromV1().refresh())
        .hasMessageStartingWith("root.json v2: rollback, the cache already trusted root.json v3");
    assertThat(MetadataParser.root(cache.readMetadata(Role.ROOT).orElseThrow()).signed().version()).isEqualTo(3);
  }

  @Test
  void withoutConsistentSnapshotsThePlainNamesAreUsed() throws Exception {
    repo.consistentSnapshot(false).publishRoot().publishAll();

    TufClient client = fromV1();
    client.refresh();
    client.target("trusted_root.json");

    assertThat(server.requests()).contains("/snapshot.json", "/targets.json", "/targets/trusted_root.json");
  }

  @Test
  void legacyHexEcdsaKeysVerify() throws Exception {
    TestKey hex = TestKey.ecdsaHex();
    repo.keys(TARGETS, List.of(hex), 1).publishRoot().publishAll();

    TufClient client = fromV1();
    assertThat(client.refresh().targets().orElseThrow().signed().version()).isEqualTo(2);
  }

  @Test
  void anOversizedTimestampIsRefusedWhileReading() throws Exception {
    repo.write("timestamp.json", new byte[20_000]);

    assertThatThrownBy(() -> fromV1().refresh())
        .isInstanceOf(TufFetchException.class)
        .hasMessage("timestamp.json: 20000 bytes is more than the allowed 16384");
  }

  @Test
  void anUnreachableRepositoryIsAFetchFailure() throws Exception {
    server.close();
    assertThatThrownBy(() -> fromV1().refresh())
        .isInstanceOf(TufFetchException.class)
        .hasMessageStartingWith("2.root.json: cannot reach " + server.url() + "/2.root.json");
  }

  @Test
  void offlineTheCachedMetadataIsUsedOnlyWhileUnexpired() throws Exception {
    repo.expires(TIMESTAMP, NOW.plus(Duration.ofDays(1))).publishTimestamp();
    TufClient online = fromV1();
    online.refresh();
    byte[] target = online.target("trusted_root.json");
    server.close();
    byte[] anchor = cache.readMetadata(Role.ROOT).orElseThrow();

    TufClient offline = client(anchor);
    offline.loadCached();
    assertThat(offline.target("trusted_root.json")).isEqualTo(target);

    Clock twoDaysLater = Clock.fixed(NOW.plus(Duration.ofDays(2)), ZoneOffset.UTC);
    assertThatThrownBy(() -> client(anchor, TufConfig.defaults(), twoDaysLater).loadCached())
        .hasMessage("timestamp.json v2: expired at " + NOW.plus(Duration.ofDays(1)));
  }

  @Test
  void aFileMirrorWorksLikeHttp() throws Exception {
    TufClient client = new TufClient(repo.rootBytes(1),
        RepositoryFetchers.forMirror(repo.directory().toUri().toString(), Duration.ofSeconds(5)), cache, CLOCK,
        TufConfig.defaults());
    client.refresh();
    assertThat(client.target("trusted_root.json")).isEqualTo(repo.read(repo.targetPath("trusted_root.json")));
  }
}
