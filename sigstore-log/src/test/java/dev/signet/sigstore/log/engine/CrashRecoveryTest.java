package dev.signet.sigstore.log.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.signet.sigstore.log.note.LogKey;
import dev.signet.sigstore.log.note.NoteSigner;
import dev.signet.sigstore.log.storage.FileLogStorage;
import dev.signet.verify.tlog.CheckpointVerifier;
import dev.signet.verify.tlog.Merkle;
import dev.signet.verify.tlog.WitnessPolicy;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 during concurrent appends: a child JVM appends 1,000 entries from 16 threads and is killed
 * (SIGKILL) after 300 acknowledgements; on restart every acknowledged entry is at its acknowledged index,
 * all proofs verify, fsck is clean, the checkpoint did not move backwards, and the log goes on.
 */
class CrashRecoveryTest {
  @TempDir
  Path dir;

  @Test
  void everyAcknowledgedEntrySurvivesKillMinusNine() throws Exception {
    Map<Integer, Long> acked = new HashMap<>();
    long sizeSeenBeforeKill = runAndKill(0, 1000, 300, acked);
    assertTrue(acked.size() >= 300 && acked.size() < 1000, "killed mid-way after " + acked.size() + " acks");
    NoteSigner signer = new NoteSigner(LogFixture.HOST, LogKey.load(dir.resolve("key.pem")));
    LogState first;
    try (FileLogStorage storage = FileLogStorage.open(dir.resolve("log"));
        TileLog log = TileLog.open(storage, signer, LogConfig.of(LogFixture.HOST))) {
      first = log.state();
      checkAll(log, signer, acked);
      assertTrue(first.size() >= sizeSeenBeforeKill);
      assertEquals(List.of(), Fsck.check(storage, signer, LogFixture.HOST));
    }
    // a second crash on top of the recovered log, then consistency with the first recovery's checkpoint
    Map<Integer, Long> acked2 = new HashMap<>();
    runAndKill(1000, 500, 100, acked2);
    try (FileLogStorage storage = FileLogStorage.open(dir.resolve("log"));
        TileLog log = TileLog.open(storage, signer, LogConfig.of(LogFixture.HOST))) {
      checkAll(log, signer, acked);
      checkAll(log, signer, acked2);
      LogState now = log.state();
      assertTrue(now.size() >= first.size(), "the checkpoint never moves backwards");
      var trusted = LogFixture.trusted(signer);
      CheckpointVerifier.verifyConsistency(CheckpointVerifier.verify(first.checkpoint(), trusted, WitnessPolicy.none())
          .checkpoint(), CheckpointVerifier.verify(now.checkpoint(), trusted, WitnessPolicy.none()).checkpoint(),
          now.size() == first.size() ? List.of() : log.consistencyProof(first.size(), now.size()));
      assertEquals(List.of(), Fsck.check(storage, signer, LogFixture.HOST));
      Appended more = log.append(LogFixture.entry(5000)).get();
      assertEquals(now.size(), more.index());
    }
  }

  private void checkAll(TileLog log, NoteSigner signer, Map<Integer, Long> acked) throws Exception {
    LogState s = log.state();
    CheckpointVerifier.verify(s.checkpoint(), LogFixture.trusted(signer), WitnessPolicy.none());
    for (var e : acked.entrySet()) {
      long index = e.getValue();
      assertTrue(index < s.size(), "acknowledged index " + index + " is in the recovered tree of " + s.size());
      assertArrayEquals(LogFixture.entry(e.getKey()), log.entry(index), "entry " + e.getKey() + " at " + index);
      Merkle.verifyInclusion(index, s.size(), Merkle.leafHash(LogFixture.entry(e.getKey())),
          log.inclusionProof(index, s.size()), s.root());
    }
  }

  /** Runs the child, kills it after {@code killAfter} acks; returns the log size it had reported at start. */
  private long runAndKill(int from, int count, int killAfter, Map<Integer, Long> acked) throws Exception {
    Files.createDirectories(dir);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(),
        dir.toString(), Integer.toString(from), Integer.toString(count))
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    long ready = -1;
    boolean done = false;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        String[] f = line.split(" ");
        if (f[0].equals("READY")) {
          ready = Long.parseLong(f[1]);
        } else if (f[0].equals("ACK")) {
          acked.put(Integer.parseInt(f[1]), Long.parseLong(f[2]));
          if (acked.size() == killAfter) {
            // kill -9 by pid (Process.destroyForcibly would also close our end of its stdout);
            // acks it printed before dying are read on and checked too
            new ProcessBuilder("kill", "-KILL", Long.toString(p.pid())).inheritIO().start().waitFor();
          }
        } else if (f[0].equals("DONE")) {
          done = true;
        }
      }
    } finally {
      p.destroyForcibly();
      p.waitFor(30, TimeUnit.SECONDS);
    }
    assertFalse(done, "the child finished before it was killed");
    assertEquals(137, p.exitValue(), "killed by SIGKILL");
    return ready;
  }
}
