package dev.signet.registry.server.service;

import dev.signet.oci.Digest;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Blobs a client has recently been told exist (HEAD, GET, mount): an online garbage collection spares
 * them for its grace period, so a client that skips an upload because the blob is there can still push
 * the manifest that references it.
 */
public final class RecentBlobs {
  private final ConcurrentHashMap<Digest, Instant> seen = new ConcurrentHashMap<>();
  private final Clock clock;

  public RecentBlobs(Clock clock) {
    this.clock = clock;
  }

  public void touch(Digest digest) {
    seen.put(digest, clock.instant());
  }

  public boolean touchedSince(Digest digest, Instant cutoff) {
    Instant t = seen.get(digest);
    return t != null && !t.isBefore(cutoff);
  }

  /** Forgets touches older than {@code cutoff}. */
  public void prune(Instant cutoff) {
    seen.values().removeIf(t -> t.isBefore(cutoff));
  }
}
