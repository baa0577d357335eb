package dev.signet.registry.server.replication;

import java.util.Locale;

/** Where a replication job stands. A job waiting for a retry is {@link #QUEUED} with a later next attempt. */
public enum JobState {
  QUEUED,
  RUNNING,
  SUCCEEDED,
  /** Every attempt failed (or the job cannot run); a new event or a manual run queues it again. */
  FAILED;

  public static JobState parse(String s) {
    try {
      return valueOf(s.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown job state '" + s + "': use queued, running, succeeded or failed", e);
    }
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
