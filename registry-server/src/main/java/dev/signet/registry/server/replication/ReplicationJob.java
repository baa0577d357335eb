package dev.signet.registry.server.replication;

import dev.signet.oci.Digest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One replication job: a rule applied to one subject (a manifest of this registry, with the tags that
 * should point at it at the destination). There is at most one job per (rule, repository, subject); a
 * new event or run queues it again.
 *
 * @param attempts attempts of the current run (reset when it is queued again after finishing)
 * @param lastError the last failure, credentials scrubbed; cleared by a success
 * @param result what the last successful attempt did ({@code up to date}, or what it copied)
 * @param nextAttempt when a queued job becomes due
 */
public record ReplicationJob(long id, String rule, String repository, Digest subject, List<String> tags,
    JobState state, int attempts, Optional<String> lastError, Optional<String> result, Instant created,
    Instant updated, Optional<Instant> nextAttempt, Optional<Instant> finished) {

  public ReplicationJob {
    tags = List.copyOf(tags);
  }
}
