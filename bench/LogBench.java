import dev.signet.sigstore.log.engine.Appended;
import dev.signet.sigstore.log.engine.Fsck;
import dev.signet.sigstore.log.engine.LogConfig;
import dev.signet.sigstore.log.engine.TileLog;
import dev.signet.sigstore.log.note.LogKey;
import dev.signet.sigstore.log.note.NoteSigner;
import dev.signet.sigstore.log.storage.FileLogStorage;
import dev.signet.sigstore.log.storage.LogStorage;
import dev.signet.sigstore.log.storage.MemoryLogStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Log append throughput: {@code LogBench <file|memory> <dir> <entries> <outstanding> <intervalMs> <maxBatch>}.
 * Appends {@code entries} distinct 700-byte entries (the size of a hashedrekord body with a certificate)
 * keeping {@code outstanding} appends in flight, and counts an append when it is acknowledged — durable and
 * covered by a published checkpoint. Prints {@code key value} lines: appends/s over the wall time, ack
 * latency p50/p99 (ms), batches, and whether fsck is clean afterwards.
 */
public final class LogBench {
  public static void main(String[] args) throws Exception {
    String kind = args[0];
    Path dir = Path.of(args[1]);
    int n = Integer.parseInt(args[2]);
    int outstanding = Integer.parseInt(args[3]);
    Duration interval = Duration.ofMillis(Long.parseLong(args[4]));
    int batch = Integer.parseInt(args[5]);
    Files.createDirectories(dir);
    LogStorage storage = kind.equals("file") ? FileLogStorage.open(dir.resolve("log")) : new MemoryLogStorage();
    NoteSigner signer = new NoteSigner("bench.signet.test", LogKey.generate(LogKey.Type.ED25519));
    TileLog log = TileLog.open(storage, signer, LogConfig.of("bench.signet.test").withBatching(interval, batch)
        .withMaxPending(Math.max(outstanding * 2, 65_536)));
    Random r = new Random(1);
    byte[][] entries = new byte[n][];
    for (int i = 0; i < n; i++) {
      entries[i] = new byte[700];
      r.nextBytes(entries[i]);
    }
    // warm-up (JIT, directories), not counted
    run(log, entries, 0, Math.min(n / 10, 20_000), outstanding, new long[0]);
    int from = Math.min(n / 10, 20_000);
    long[] latencies = new long[n - from];
    long batchesBefore = batches(log, storage);
    long t0 = System.nanoTime();
    run(log, entries, from, n, outstanding, latencies);
    double seconds = (System.nanoTime() - t0) / 1e9;
    long batchesAfter = batches(log, storage);
    Arrays.sort(latencies);
    System.out.printf("appends_per_s %.0f%n", (n - from) / seconds);
    System.out.printf("ack_p50_ms %.1f%n", latencies[latencies.length / 2] / 1e6);
    System.out.printf("ack_p99_ms %.1f%n", latencies[(int) (latencies.length * 0.99)] / 1e6);
    System.out.printf("batches %d%n", batchesAfter - batchesBefore);
    System.out.printf("entries_per_batch %.0f%n", (double) (n - from) / Math.max(1, batchesAfter - batchesBefore));
    log.close();
    System.out.printf("fsck_problems %d%n", Fsck.check(storage, signer, "bench.signet.test").size());
    storage.close();
  }

  private static void run(TileLog log, byte[][] entries, int from, int to, int outstanding, long[] latencies)
      throws Exception {
    Semaphore window = new Semaphore(outstanding);
    AtomicLong failures = new AtomicLong();
    CompletableFuture<?>[] all = new CompletableFuture<?>[to - from];
    for (int i = from; i < to; i++) {
      window.acquire();
      long start = System.nanoTime();
      int slot = i - from;
      all[slot] = log.append(entries[i]).whenComplete((Appended a, Throwable t) -> {
        if (t != null) {
          failures.incrementAndGet();
        } else if (latencies.length > 0) {
          latencies[slot] = System.nanoTime() - start;
        }
        window.release();
      });
    }
    CompletableFuture.allOf(all).join();
    if (failures.get() > 0) {
      throw new IllegalStateException(failures.get() + " appends failed");
    }
  }

  /** Number of batch records = published batches. */
  private static long batches(TileLog log, LogStorage storage) throws Exception {
    long count = 0;
    long size = log.state().size();
    for (long start = 0; start < size; count++) {
      String rec = new String(storage.get("batch/" + start).orElseThrow());
      start += Long.parseLong(rec.trim().split(" ")[0]);
    }
    return count;
  }
}
