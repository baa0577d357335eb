package dev.signet.sigstore.log.engine;

import static dev.signet.sigstore.log.engine.LogFixture.entry;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signet.sigstore.log.note.NoteSigner;
import dev.signet.sigstore.log.storage.FileLogStorage;
import dev.signet.sigstore.log.storage.MemoryLogStorage;
import dev.signet.sigstore.log.storage.StorageException;
import dev.signet.sigstore.log.tiles.TilePaths;
import dev.signet.testing.sigstore.ReferenceMerkle;
import dev.signet.verify.tlog.Checkpoint;
import dev.signet.verify.tlog.CheckpointVerifier;
import dev.signet.verify.tlog.Merkle;
import dev.signet.verify.tlog.VerifiedCheckpoint;
import dev.signet.verify.tlog.WitnessPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TileLogTest {
  @TempDir
  Path dir;

  private final NoteSigner signer = LogFixture.ed25519();

  private static LogConfig fast() {
    return LogConfig.of(LogFixture.HOST).withBatching(Duration.ZERO, 1000);
  }

  private static List<Appended> appendAll(TileLog log, int from, int to) throws Exception {
    List<CompletableFuture<Appended>> fs = new ArrayList<>();
    for (int i = from; i < to; i++) {
      fs.add(log.append(entry(i)));
    }
    List<Appended> out = new ArrayList<>();
    for (var f : fs) {
      out.add(f.get());
    }
    return out;
  }

  private VerifiedCheckpoint verifyCheckpoint(LogState s) throws Exception {
    return CheckpointVerifier.verify(s.checkpoint(), LogFixture.trusted(signer), WitnessPolicy.none());
  }

  @Test
  void rootsProofsAndTilesAgreeWithTheReferenceAcrossTileBoundaries() throws Exception {
    MemoryLogStorage storage = new MemoryLogStorage();
    ReferenceMerkle ref = new ReferenceMerkle();
    int n = 70_000;
    try (TileLog log = TileLog.open(storage, signer, fast())) {
      List<Appended> acks = appendAll(log, 0, n);
      for (int i = 0; i < n; i++) {
        ref.add(entry(i));
        assertEquals(i, acks.get(i).index(), "appends are acknowledged in order");
      }
      LogState s = log.state();
      assertEquals(n, s.size());
      assertArrayEquals(ref.root(n), s.root());
      VerifiedCheckpoint cp = verifyCheckpoint(s);
      assertEquals(n, cp.checkpoint().size());
      assertEquals(LogFixture.HOST, cp.checkpoint().origin());
      Random r = new Random(7);
      for (int k = 0; k < 200; k++) {
        int i = k < 5 ? new int[] {0, 255, 256, 65_535, n - 1}[k] : r.nextInt(n);
        List<byte[]> proof = log.inclusionProof(i, n);
        Merkle.verifyInclusion(i, n, Merkle.leafHash(entry(i)), proof, s.root());
        assertEquals(ref.inclusionProof(i, n).size(), proof.size());
        int size = 1 + r.nextInt(n);
        List<byte[]> c = log.consistencyProof(size, n);
        Merkle.verifyConsistency(size, n, ref.root(size), s.root(), c);
      }
      // the spec's 70,000 example: 273 full L0 tiles + L0 .p/112, 1 full L1 + L1 .p/17, L2 .p/1
      assertTrue(storage.get(TilePaths.tile(0, 272, 256)).isPresent());
      assertTrue(storage.get(TilePaths.tile(0, 273, 112)).isPresent());
      assertTrue(storage.get(TilePaths.tile(1, 0, 256)).isPresent());
      assertTrue(storage.get(TilePaths.tile(1, 1, 17)).isPresent());
      assertTrue(storage.get(TilePaths.tile(2, 0, 1)).isPresent());
      assertTrue(storage.get(TilePaths.entries(273, 112)).isPresent());
      assertArrayEquals(entry(69_999), log.entry(69_999));
      assertEquals(List.of(), Fsck.check(storage, signer, LogFixture.HOST));
    }
  }

  @Test
  void proofsAtEverySizeAroundTileBoundariesEqualTheReferenceProofs() throws Exception {
    ReferenceMerkle ref = new ReferenceMerkle();
    // one entry per batch: every size is published, so every partial tile exists
    try (TileLog log = TileLog.open(new MemoryLogStorage(), signer, LogConfig.of(LogFixture.HOST)
        .withBatching(Duration.ZERO, 1))) {
      int n = 520;
      for (int i = 0; i < n; i++) {
        log.append(entry(i)).get();
        ref.add(entry(i));
      }
      int[] sizes = {1, 2, 3, 7, 8, 255, 256, 257, 258, 511, 512, 513, 520};
      for (int size : sizes) {
        assertArrayEquals(ref.root(size), log.reader().root(size), "root at " + size);
        for (int i = 0; i < size; i += Math.max(1, size / 40)) {
          assertProofEquals(ref.inclusionProof(i, size), log.inclusionProof(i, size), "inclusion " + i + "/" + size);
        }
        for (int m : sizes) {
          if (m <= size) {
            assertProofEquals(ref.consistencyProof(m, size), log.consistencyProof(m, size), "consistency " + m + "->" + size);
          }
        }
      }
    }
  }

  private static void assertProofEquals(List<byte[]> expected, List<byte[]> actual, String what) {
    assertEquals(expected.size(), actual.size(), what);
    for (int i = 0; i < expected.size(); i++) {
      assertArrayEquals(expected.get(i), actual.get(i), what + " hash " + i);
    }
  }

  @Test
  void batchingGroupsConcurrentAppendsUnderOneCheckpoint() throws Exception {
    LogConfig cfg = LogConfig.of(LogFixture.HOST).withBatching(Duration.ofMillis(300), 64);
    MemoryLogStorage storage = new MemoryLogStorage();
    try (TileLog log = TileLog.open(storage, signer, cfg)) {
      List<Appended> acks = appendAll(log, 0, 200);
      Set<Long> sizes = new HashSet<>();
      acks.forEach(a -> sizes.add(a.state().size()));
      // 200 entries with at most 64 per batch and a 300 ms window: 4 batches (64, 64, 64, 8)
      assertEquals(Set.of(64L, 128L, 192L, 200L), sizes);
      for (Appended a : acks) {
        assertTrue(a.index() < a.state().size(), "the acknowledging checkpoint covers the entry");
        Merkle.verifyInclusion(a.index(), a.state().size(), a.leafHash(), log.inclusionProof(a.index(),
            a.state().size()), a.state().root());
      }
      assertTrue(storage.get("batch/128").isPresent());
      assertTrue(storage.get("journal/128").isEmpty(), "journals are removed once published");
    }
  }

  @Test
  void aDuplicateEntryAnswersTheFirstIndexAndAddsNothing() throws Exception {
    try (TileLog log = TileLog.open(new MemoryLogStorage(), signer, fast())) {
      appendAll(log, 0, 10);
      Appended again = log.append(entry(3)).get();
      assertTrue(again.duplicate());
      assertEquals(3, again.index());
      CompletableFuture<Appended> a = log.append(entry(50));
      CompletableFuture<Appended> b = log.append(entry(50));
      assertEquals(a.get().index(), b.get().index());
      assertEquals(11, log.state().size());
    }
  }

  @Test
  void restartKeepsTheLogAndNewCheckpointsAreConsistentWithOldOnes() throws Exception {
    Path data = dir.resolve("log");
    List<LogState> checkpoints = new ArrayList<>();
    for (int round = 0; round < 4; round++) {
      try (FileLogStorage storage = FileLogStorage.open(data); TileLog log = TileLog.open(storage, signer, fast())) {
        if (round > 0) {
          LogState before = checkpoints.get(checkpoints.size() - 1);
          assertEquals(before.size(), log.state().size(), "restart recovers the published size");
          assertArrayEquals(before.root(), log.state().root());
        }
        appendAll(log, round * 300, round * 300 + 300 - round * 17);
        checkpoints.add(log.state());
        for (LogState old : checkpoints) {
          Checkpoint earlier = verifyCheckpoint(old).checkpoint();
          Checkpoint later = verifyCheckpoint(log.state()).checkpoint();
          CheckpointVerifier.verifyConsistency(earlier, later, old.size() == log.state().size() ? List.of()
              : log.consistencyProof(old.size(), log.state().size()));
        }
        assertEquals(List.of(), Fsck.check(storage, signer, LogFixture.HOST));
      }
    }
    try (FileLogStorage storage = FileLogStorage.open(data); TileLog log = TileLog.open(storage, signer, fast())) {
      Appended dup = log.append(entry(5)).get();
      assertTrue(dup.duplicate(), "the entry index is rebuilt on restart");
      assertEquals(5, dup.index());
    }
  }

  @Test
  void aStorageFailureFailsTheAppendsAndLeavesTheLogConsistent() throws Exception {
    MemoryLogStorage storage = new MemoryLogStorage();
    try (TileLog log = TileLog.open(storage, signer, fast())) {
      appendAll(log, 0, 300);
      LogState before = log.state();
      storage.setFailing(true);
      ExecutionException e = assertThrows(ExecutionException.class, () -> log.append(entry(1000)).get());
      assertInstanceOf(StorageException.class, e.getCause());
      assertEquals(before.size(), log.state().size(), "no checkpoint for a failed batch");
      storage.setFailing(false);
      Appended next = log.append(entry(1001)).get();
      assertEquals(300, next.index());
      Merkle.verifyInclusion(next.index(), next.state().size(), next.leafHash(),
          log.inclusionProof(next.index(), next.state().size()), next.state().root());
      CheckpointVerifier.verifyConsistency(verifyCheckpoint(before).checkpoint(),
          verifyCheckpoint(log.state()).checkpoint(), log.consistencyProof(before.size(), log.state().size()));
      assertEquals(List.of(), Fsck.check(storage, signer, LogFixture.HOST));
    }
  }

  @Test
  void aStaleWriterCannotMoveTheCheckpointBackwards() throws Exception {
    MemoryLogStorage storage = new MemoryLogStorage();
    try (TileLog first = TileLog.open(storage, signer, fast())) {
      appendAll(first, 0, 10);
      try (TileLog second = TileLog.open(storage, signer, fast())) {
        appendAll(second, 10, 20);
      }
      LogState newer = LogState.decode(storage.readState().orElseThrow());
      assertEquals(20, newer.size());
      // the first writer's state is stale: its batch must fail rather than publish size 11
      ExecutionException e = assertThrows(ExecutionException.class, () -> first.append(entry(99)).get());
      assertTrue(e.getCause().getMessage().contains("another writer"), e.getCause().getMessage());
      assertEquals(20, LogState.decode(storage.readState().orElseThrow()).size());
      // after recovering it continues from the newer state
      Appended a = first.append(entry(100)).get();
      assertEquals(20, a.index());
      Appended other = first.append(entry(15)).get();
      assertTrue(other.duplicate(), "entries of the other writer are known after recovery");
      assertEquals(15, other.index());
      assertEquals(first.state().integratedTime(), first.integratedTime(20));
      assertEquals(List.of(), Fsck.check(storage, signer, LogFixture.HOST));
    }
  }

  @Test
  void pushbackAndClosedLogsRefuseAppendsAsUnavailable() throws Exception {
    LogConfig cfg = LogConfig.of(LogFixture.HOST).withBatching(Duration.ofMillis(500), 1000).withMaxPending(2);
    TileLog log = TileLog.open(new MemoryLogStorage(), signer, cfg);
    CompletableFuture<Appended> a = log.append(entry(1));
    CompletableFuture<Appended> b = log.append(entry(2));
    CompletableFuture<Appended> c = log.append(entry(3));
    ExecutionException busy = assertThrows(ExecutionException.class, c::get);
    assertInstanceOf(LogUnavailableException.class, busy.getCause());
    assertTrue(busy.getCause().getMessage().contains("retry later"));
    log.close();
    assertEquals(0, a.get().index(), "appends queued before close are integrated");
    assertEquals(1, b.get().index());
    ExecutionException closed = assertThrows(ExecutionException.class, () -> log.append(entry(4)).get());
    assertInstanceOf(LogUnavailableException.class, closed.getCause());
    assertThrows(IllegalArgumentException.class, () -> log.append(new byte[65_536]));
  }

  @Test
  void fsckFindsATamperedTileAndATamperedEntry() throws Exception {
    MemoryLogStorage storage = new MemoryLogStorage();
    try (TileLog log = TileLog.open(storage, signer, fast())) {
      appendAll(log, 0, 600);
    }
    assertEquals(List.of(), Fsck.check(storage, signer, LogFixture.HOST));
    MemoryLogStorage tampered = copy(storage, TilePaths.entries(1, 256), entry(999_999));
    List<String> problems = Fsck.check(tampered, signer, LogFixture.HOST);
    assertFalse(problems.isEmpty());
    assertTrue(problems.get(0).contains("entry bundle") || problems.get(0).contains("tile/0/001"), problems.toString());
    byte[] tile = storage.get(TilePaths.tile(0, 0, 256)).orElseThrow();
    tile[5] ^= 1;
    List<String> p2 = Fsck.check(copy(storage, TilePaths.tile(0, 0, 256), tile), signer, LogFixture.HOST);
    assertTrue(p2.stream().anyMatch(m -> m.contains("tile/0/000 does not match")), p2.toString());
  }

  private static MemoryLogStorage copy(MemoryLogStorage from, String replace, byte[] with) throws Exception {
    MemoryLogStorage to = new MemoryLogStorage();
    for (String p : List.of("batch/0")) {
      to.putIfAbsent(p, from.get(p).orElseThrow());
    }
    // copy every tile path the fsck may read
    for (int level = 0; level < 3; level++) {
      for (long n = 0; n < 4; n++) {
        for (int w = 1; w <= 256; w++) {
          String t = TilePaths.tile(level, n, w);
          var b = from.get(t);
          if (b.isPresent()) {
            to.putIfAbsent(t, t.equals(replace) ? with : b.get());
          }
          String e = TilePaths.entries(n, w);
          var eb = from.get(e);
          if (level == 0 && eb.isPresent()) {
            byte[] bytes = e.equals(replace) ? dev.signet.sigstore.log.tiles.EntryBundle.encode(
                replaceFirst(eb.get(), with)) : eb.get();
            to.putIfAbsent(e, bytes);
          }
        }
      }
    }
    to.compareAndSetState(null, from.readState().orElseThrow());
    return to;
  }

  private static List<byte[]> replaceFirst(byte[] bundle, byte[] entry) {
    List<byte[]> es = new ArrayList<>(dev.signet.sigstore.log.tiles.EntryBundle.decode(bundle));
    es.set(0, entry);
    return es;
  }
}
