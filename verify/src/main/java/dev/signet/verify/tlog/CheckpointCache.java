package dev.signet.verify.tlog;

import dev.signet.verify.VerificationException;
import dev.signet.verify.root.TransparencyLog;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checkpoints already verified, keyed by the exact signed-note text (body and every signature line)
 * and the log it was verified against: many bundles carry the same checkpoint, and a hit skips its
 * signature check. Only successes are kept; any change to the envelope is a different key, so a
 * tampered checkpoint is always verified afresh. One cache serves one witness policy (its owner's).
 * Bounded: when full, new results are not kept. Thread-safe.
 */
public final class CheckpointCache {
  private record Key(String envelope, TransparencyLog log) {}

  private final int maxEntries;
  private final ConcurrentHashMap<Key, VerifiedCheckpoint> verified = new ConcurrentHashMap<>();

  public CheckpointCache(int maxEntries) {
    if (maxEntries < 0) {
      throw new IllegalArgumentException("maxEntries must not be negative");
    }
    this.maxEntries = maxEntries;
  }

  /** {@link CheckpointVerifier#verify(String, TransparencyLog, WitnessPolicy)}, or its earlier success. */
  VerifiedCheckpoint verify(String envelope, TransparencyLog log, WitnessPolicy witnesses,
      dev.signet.crypto.VerifierCache verifiers) throws VerificationException {
    Objects.requireNonNull(envelope, "envelope");
    Key k = new Key(envelope, log);
    VerifiedCheckpoint hit = maxEntries == 0 ? null : verified.get(k);
    if (hit != null) {
      return hit;
    }
    VerifiedCheckpoint cp = CheckpointVerifier.verify(envelope, log, witnesses, verifiers);
    if (verified.size() < maxEntries) {
      verified.putIfAbsent(k, cp);
    }
    return cp;
  }

  /** How many checkpoints are kept. */
  public int size() {
    return verified.size();
  }
}
