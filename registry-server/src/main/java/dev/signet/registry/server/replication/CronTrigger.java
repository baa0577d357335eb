package dev.signet.registry.server.replication;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Plans cron rules whose schedule names the current minute, once per minute per rule (the planned minute
 * is persisted, so neither a second tick nor a second server plans it again). Minutes that passed while
 * the registry was down are not caught up.
 */
final class CronTrigger {
  private final RuleStore rules;
  private final JobPlanner planner;
  private final Clock clock;

  CronTrigger(RuleStore rules, JobPlanner planner, Clock clock) {
    this.rules = rules;
    this.planner = planner;
    this.clock = clock;
  }

  /** Returns how many jobs were queued. */
  int tick() {
    Instant minute = clock.instant().truncatedTo(ChronoUnit.MINUTES);
    long epochMinute = minute.getEpochSecond() / 60;
    int queued = 0;
    for (ReplicationRule rule : rules.list()) {
      if (rule.enabled() && rule.cron().isPresent() && rule.cron().get().matches(minute.atZone(ZoneOffset.UTC))
          && rules.markScheduled(rule.name(), epochMinute)) {
        queued += planner.planRule(rule);
      }
    }
    return queued;
  }
}
