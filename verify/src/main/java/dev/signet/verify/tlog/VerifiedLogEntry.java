package dev.signet.verify.tlog;

import dev.signet.verify.root.TransparencyLog;
import java.time.Instant;
import java.util.Optional;

/**
 * A log entry that verified against a trusted log.
 *
 * @param log the trusted-root log it is in
 * @param logIndex the entry's top-level index
 * @param integratedTime the integrated time, present only when a SET vouches for it (Rekor v1)
 * @param checkpoint the verified checkpoint its inclusion proof reached, when it had one
 */
public record VerifiedLogEntry(
    TransparencyLog log, long logIndex, String kind, String version, Optional<Instant> integratedTime,
    Optional<VerifiedCheckpoint> checkpoint) {
  public VerifiedLogEntry {
    integratedTime = integratedTime == null ? Optional.empty() : integratedTime;
    checkpoint = checkpoint == null ? Optional.empty() : checkpoint;
  }
}
