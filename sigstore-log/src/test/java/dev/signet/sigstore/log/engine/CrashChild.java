package dev.signet.sigstore.log.engine;

import dev.signet.sigstore.log.note.LogKey;
import dev.signet.sigstore.log.note.NoteSigner;
import dev.signet.sigstore.log.storage.FileLogStorage;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Child JVM of {@link CrashRecoveryTest}: appends entries {@code from..from+count} from 16 threads to the
 * log in {@code dir} and prints {@code ACK <entry> <index>} once each append is acknowledged; the parent
 * kills it with SIGKILL part-way.
 */
public final class CrashChild {
  private CrashChild() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int from = Integer.parseInt(args[1]);
    int count = Integer.parseInt(args[2]);
    NoteSigner signer = new NoteSigner(LogFixture.HOST, LogKey.loadOrCreate(dir.resolve("key.pem"), LogKey.Type.ED25519));
    PrintStream out = new PrintStream(System.out, false);
    FileLogStorage storage = FileLogStorage.open(dir.resolve("log"));
    TileLog log = TileLog.open(storage, signer, LogConfig.of(LogFixture.HOST).withBatching(Duration.ofMillis(2), 16));
    out.println("READY " + log.state().size());
    out.flush();
    AtomicInteger next = new AtomicInteger(from);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 16; t++) {
      Thread th = new Thread(() -> {
        for (int i = next.getAndIncrement(); i < from + count; i = next.getAndIncrement()) {
          try {
            Appended a = log.append(LogFixture.entry(i)).get();
            synchronized (out) {
              out.println("ACK " + i + " " + a.index());
              out.flush();
            }
          } catch (Exception e) {
            synchronized (out) {
              out.println("FAIL " + i + " " + e);
              out.flush();
            }
          }
        }
      });
      th.start();
      threads.add(th);
    }
    for (Thread th : threads) {
      th.join();
    }
    out.println("DONE");
    out.flush();
    log.close();
    storage.close();
  }
}
