package dev.signet.registry.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When and how long to wait before repeating a request that failed with an I/O error or with 429,
 * 502, 503 or 504: exponential backoff with jitter (a random pause between half and all of the
 * step), at most {@code maxAttempts} tries in total, and a registry's {@code Retry-After} honoured
 * up to {@code maxRetryAfter} (beyond that, the error is returned at once rather than stalling).
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("need 0 <= initialBackoff <= maxBackoff");
    }
  }

  /** 4 attempts, 200 ms doubling to at most 5 s, Retry-After up to 60 s. */
  public static RetryPolicy defaults() {
    return new RetryPolicy(4, Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofSeconds(60));
  }

  /** Exactly one attempt. */
  public static RetryPolicy none() {
    return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);
  }

  /**
   * True for the statuses that are worth repeating: 408, 429, 500, 502, 503, 504 (go-containerregistry's
   * set; distribution answers 500 to reads that race a concurrent tag write).
   */
  public static boolean isRetryableStatus(int status) {
    return status == 408 || status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
  }

  /** The pause before attempt {@code attempt + 1} (attempt counts from 1), with jitter. */
  public Duration backoff(int attempt) {
    long cap = Math.min(maxBackoff.toMillis(), initialBackoff.toMillis() << Math.min(attempt - 1, 20));
    return Duration.ofMillis(cap <= 0 ? 0 : ThreadLocalRandom.current().nextLong(cap / 2, cap + 1));
  }
}
