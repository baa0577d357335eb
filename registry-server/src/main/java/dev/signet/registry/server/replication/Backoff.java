package dev.signet.registry.server.replication;

import java.time.Duration;

/**
 * How failed jobs are retried: up to {@code maxAttempts} attempts in all, waiting {@code initial} after
 * the first failure and twice as long after each further one, at most {@code max}.
 */
public record Backoff(int maxAttempts, Duration initial, Duration max) {
  public Backoff {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    if (initial.isNegative() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("need 0 <= initial <= max");
    }
  }

  /** 8 attempts: after 10 s, 20 s, 40 s, … (about 21 minutes in all), at most 1 h apart. */
  public static Backoff defaults() {
    return new Backoff(8, Duration.ofSeconds(10), Duration.ofHours(1));
  }

  /** The wait after failed attempt number {@code attempt} (from 1). */
  public Duration delay(int attempt) {
    long millis = initial.toMillis() << Math.min(Math.max(attempt - 1, 0), 30);
    return millis < 0 || millis > max.toMillis() ? max : Duration.ofMillis(millis);
  }
}
