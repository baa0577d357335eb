package dev.signet.sigstore.log.engine;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How a log instance runs.
 *
 * @param origin the checkpoint origin (Rekor v2: the host of the log's base URL; Rekor v1:
 *     {@code <host> - <tree id>})
 * @param keyName the checkpoint signature's key name (the host)
 * @param integrationInterval how long the first entry of a batch waits for more (0: integrate at once)
 * @param maxBatch the largest batch integrated at once
 * @param maxPending appends waiting beyond this are refused (pushback)
 * @param clock the integration time source
 */
public record LogConfig(String origin, String keyName, Duration integrationInterval, int maxBatch, int maxPending,
    Clock clock) {
  public LogConfig {
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(keyName, "keyName");
    Objects.requireNonNull(clock, "clock");
    if (integrationInterval.isNegative() || maxBatch < 1 || maxPending < 1) {
      throw new IllegalArgumentException("integration interval >= 0, max batch >= 1 and max pending >= 1 required");
    }
  }

  /** A C2SP log named by its host: origin = key name = {@code host}; 100 ms, 4,096 per batch. */
  public static LogConfig of(String host) {
    return new LogConfig(host, host, Duration.ofMillis(100), 4096, 65_536, Clock.systemUTC());
  }

  public LogConfig withBatching(Duration interval, int batch) {
    return new LogConfig(origin, keyName, interval, batch, maxPending, clock);
  }

  public LogConfig withClock(Clock c) {
    return new LogConfig(origin, keyName, integrationInterval, maxBatch, maxPending, c);
  }

  public LogConfig withOrigin(String o) {
    return new LogConfig(o, keyName, integrationInterval, maxBatch, maxPending, clock);
  }

  public LogConfig withMaxPending(int n) {
    return new LogConfig(origin, keyName, integrationInterval, maxBatch, n, clock);
  }
}
