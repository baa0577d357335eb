package dev.signet.sigstore.log.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link LogStorage} must have; each implementation's test extends this. */
public abstract class LogStorageContract {
  protected LogStorage storage;

  /** A fresh, empty storage. */
  protected abstract LogStorage create() throws Exception;

  /** The same storage reopened (as after a restart); implementations without persistence return null. */
  protected abstract LogStorage reopen() throws Exception;

  @BeforeEach
  void setUp() throws Exception {
    storage = create();
  }

  @AfterEach
  void tearDown() throws Exception {
    if (storage != null) {
      storage.close();
    }
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void putThenGetReturnsTheBytes() throws Exception {
    assertTrue(storage.putIfAbsent("tile/0/x001/234.p/5", b("hello")));
    assertArrayEquals(b("hello"), storage.get("tile/0/x001/234.p/5").orElseThrow());
    assertTrue(storage.get("tile/0/000").isEmpty());
  }

  @Test
  void putIfAbsentIsIdempotentForSameBytesAndRefusesDifferentBytes() throws Exception {
    assertTrue(storage.putIfAbsent("tile/entries/000", b("a")));
    assertFalse(storage.putIfAbsent("tile/entries/000", b("a")));
    StorageException e = assertThrows(StorageException.class, () -> storage.putIfAbsent("tile/entries/000", b("b")));
    assertTrue(e.getMessage().contains("tile/entries/000"), e.getMessage());
    assertArrayEquals(b("a"), storage.get("tile/entries/000").orElseThrow());
  }

  @Test
  void badPathsAreRefused() {
    for (String p : List.of("", "/abs", "a//b", "../x", "a/./b", ".state/state", "a/b/", "sp ace")) {
      assertThrows(IllegalArgumentException.class, () -> storage.putIfAbsent(p, b("x")), p);
    }
  }

  @Test
  void deleteRemovesAndToleratesAbsence() throws Exception {
    storage.putIfAbsent("journal/5", b("x"));
    storage.delete("journal/5");
    storage.delete("journal/5");
    assertTrue(storage.get("journal/5").isEmpty());
  }

  @Test
  void compareAndSetStateNeedsTheCurrentValue() throws Exception {
    assertTrue(storage.readState().isEmpty());
    assertFalse(storage.compareAndSetState(b("x"), b("one")));
    assertTrue(storage.compareAndSetState(null, b("one")));
    assertFalse(storage.compareAndSetState(null, b("two")));
    assertFalse(storage.compareAndSetState(b("zero"), b("two")));
    assertTrue(storage.compareAndSetState(b("one"), b("two")));
    assertArrayEquals(b("two"), storage.readState().orElseThrow());
  }

  @Test
  void concurrentCompareAndSetLetsExactlyOneWinPerValue() throws Exception {
    storage.compareAndSetState(null, b("0"));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    AtomicInteger wins = new AtomicInteger();
    List<Future<?>> fs = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      fs.add(pool.submit(() -> {
        for (int i = 0; i < 50; i++) {
          byte[] cur = storage.readState().orElseThrow();
          int n = Integer.parseInt(new String(cur, StandardCharsets.UTF_8));
          if (storage.compareAndSetState(cur, b(Integer.toString(n + 1)))) {
            wins.incrementAndGet();
          }
        }
        return null;
      }));
    }
    for (Future<?> f : fs) {
      f.get();
    }
    pool.shutdown();
    assertEquals(wins.get(), Integer.parseInt(new String(storage.readState().orElseThrow(), StandardCharsets.UTF_8)));
  }

  @Test
  void concurrentPutsOfTheSameObjectAllSucceedWithOneWriter() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    AtomicInteger written = new AtomicInteger();
    List<Future<?>> fs = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      fs.add(pool.submit(() -> {
        if (storage.putIfAbsent("tile/1/000", b("same"))) {
          written.incrementAndGet();
        }
        return null;
      }));
    }
    for (Future<?> f : fs) {
      f.get();
    }
    pool.shutdown();
    assertEquals(1, written.get());
  }

  @Test
  void syncedObjectsAndStateSurviveReopen() throws Exception {
    storage.putIfAbsent("tile/0/000", b("tile"));
    storage.sync();
    storage.compareAndSetState(null, b("state"));
    storage.close();
    storage = reopen();
    if (storage == null) {
      return; // not persistent
    }
    assertArrayEquals(b("tile"), storage.get("tile/0/000").orElseThrow());
    assertArrayEquals(b("state"), storage.readState().orElseThrow());
  }
}
