package dev.signet.sign.internal;

import java.util.concurrent.ThreadLocalRandom;

/** Waits between attempts of an optimistic update. */
public interface Pauser {
  /** Backoff before attempt {@code attempt + 1}. */
  void pause(int attempt);

  /**
   * Waits long enough for a concurrent writer that read before our write to have written too, so a
   * second read-back catches an overwrite on registries without conditional requests. {@code window}
   * is how long our own read-modify-write took: other writers on the same registry take about as long.
   */
  void settle(long windowMillis);

  /** Real sleeps: exponential backoff with full jitter (up to 20 ms × 2^attempt, capped at 1 s). */
  static Pauser jittered() {
    return new Pauser() {
      @Override
      public void pause(int attempt) {
        long cap = Math.min(1000, 20L << Math.min(attempt, 6));
        sleep(ThreadLocalRandom.current().nextLong(cap / 4, cap + 1));
      }

      @Override
      public void settle(long windowMillis) {
        long base = Math.max(250, Math.min(10_000, 3 * windowMillis));
        sleep(base + ThreadLocalRandom.current().nextLong(100));
      }
    };
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
