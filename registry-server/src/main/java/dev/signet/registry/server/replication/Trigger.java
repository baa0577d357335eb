package dev.signet.registry.server.replication;

import java.util.Locale;

/** What starts a rule's replication (a manual run is always possible, whatever the trigger). */
public enum Trigger {
  /** Only {@code POST …/rules/<name>/run}. */
  MANUAL,
  /** Every manifest push that the rule selects, including accessories of what it replicated. */
  EVENT,
  /** Every matching tag, at the minutes of a 5-field cron schedule (UTC). */
  CRON;

  /** Case-insensitive. */
  public static Trigger parse(String s) {
    try {
      return valueOf(s.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown trigger '" + s + "': use manual, event or cron", e);
    }
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
