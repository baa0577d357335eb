package dev.signet.registry.server.replication;

import dev.signet.registry.client.RegistryException;
import dev.signet.registry.client.UnauthorizedException;
import dev.signet.sign.SigningException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs due jobs one after another: a success records what was covered; a failure is retried with
 * {@link Backoff} until the attempts run out. Error messages are stored and logged with the rule's secret
 * scrubbed, and never with a stack trace.
 */
final class JobRunner {
  private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);
  private static final int MAX_ERROR = 2000;
  /** Jobs run per call, so that events and schedules are looked at in between. */
  private static final int BATCH = 100;

  private final RuleStore rules;
  private final JobStore jobs;
  private final SourceCatalog catalog;
  private final Replicator replicator;
  private final Backoff backoff;
  private final Clock clock;

  JobRunner(RuleStore rules, JobStore jobs, SourceCatalog catalog, Replicator replicator, Backoff backoff,
      Clock clock) {
    this.rules = rules;
    this.jobs = jobs;
    this.catalog = catalog;
    this.replicator = replicator;
    this.backoff = backoff;
    this.clock = clock;
  }

  /** Runs the jobs that are due; returns how many ran. */
  int runDue() {
    int ran = 0;
    for (Optional<ReplicationJob> job; ran < BATCH && (job = jobs.claimDue(clock.instant())).isPresent(); ran++) {
      run(job.get());
    }
    return ran;
  }

  private void run(ReplicationJob job) {
    Optional<ReplicationRule> rule = rules.find(job.rule()).filter(ReplicationRule::enabled);
    if (rule.isEmpty()) {
      jobs.fail(job.id(), "rule " + job.rule() + " was deleted or disabled", Optional.empty(), clock.instant());
      return;
    }
    if (!catalog.contains(job.repository(), job.subject())) {
      jobs.fail(job.id(), job.repository() + "@" + job.subject() + " is no longer in this registry", Optional.empty(),
          clock.instant());
      return;
    }
    // Tags that moved elsewhere since the job was queued are left alone at the destination.
    List<String> tags = job.tags().stream()
        .filter(t -> catalog.resolve(job.repository(), t).filter(job.subject()::equals).isPresent()).toList();
    try {
      Replicator.Outcome outcome = replicator.replicate(rule.get(), job.repository(), job.subject(), tags);
      jobs.succeed(job.id(), tags, outcome.summary(), outcome.covered(), clock.instant());
      LOG.info("replication {}: {}@{} {}", job.rule(), job.repository(), job.subject(), outcome.summary());
    } catch (SigningException | RegistryException | RuntimeException e) {
      failed(job, rule.get(), e);
    }
  }

  private void failed(ReplicationJob job, ReplicationRule rule, Exception e) {
    int attempt = job.attempts() + 1;
    String error = scrub(describe(e), rule);
    Instant now = clock.instant();
    Optional<Instant> retryAt = attempt < backoff.maxAttempts()
        ? Optional.of(now.plus(backoff.delay(attempt))) : Optional.empty();
    jobs.fail(job.id(), error, retryAt, now);
    LOG.warn("replication {}: {}@{} failed (attempt {} of {}{}): {}", job.rule(), job.repository(), job.subject(),
        attempt, backoff.maxAttempts(), retryAt.map(t -> ", retry at " + t).orElse(", giving up"), error);
  }

  private static String describe(Throwable e) {
    StringBuilder out = new StringBuilder(e instanceof UnauthorizedException ? "authentication failed: " : "");
    out.append(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
      if (c.getMessage() != null && !out.toString().contains(c.getMessage())) {
        out.append(": ").append(c.getMessage());
      }
    }
    return out.toString();
  }

  /** Removes the rule's secret from {@code message} (defence in depth: clients should never echo it). */
  static String scrub(String message, ReplicationRule rule) {
    String out = message;
    Optional<String> secret = rule.credential().flatMap(DestinationCredential::secret);
    if (secret.isPresent() && !secret.get().isEmpty()) {
      out = out.replace(secret.get(), "***");
    }
    return out.length() > MAX_ERROR ? out.substring(0, MAX_ERROR) + "…" : out;
  }
}
