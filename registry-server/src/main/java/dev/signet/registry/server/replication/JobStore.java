package dev.signet.registry.server.replication;

import dev.signet.oci.Digest;
import dev.signet.oci.InvalidDigestException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Jobs in {@code replication_jobs}, one per (rule, repository, subject), and what each last replicated
 * ({@code replication_covered}). Queuing a job that exists merges its tags: a queued job stays queued, a
 * running one is marked to run again when it ends, a finished one is queued afresh.
 */
final class JobStore {
  private final ReplicationDatabase db;

  JobStore(ReplicationDatabase db) {
    this.db = db;
  }

  /** Queues (rule, repository, subject) with these tags added to the job's; returns the job id. */
  long enqueue(String rule, String repository, Digest subject, Collection<String> tags, Instant now) {
    long t = now.toEpochMilli();
    return db.write(c -> {
      Optional<ReplicationJob> existing = find(c, rule, repository, subject);
      if (existing.isEmpty()) {
        ReplicationDatabase.update(c, "INSERT INTO replication_jobs (rule, repository, digest, tags, state, created, "
            + "updated, next_attempt) VALUES (?, ?, ?, ?, 'QUEUED', ?, ?, ?)", rule, repository, subject,
            join(tags), t, t, t);
        return find(c, rule, repository, subject).orElseThrow().id();
      }
      ReplicationJob j = existing.get();
      Set<String> merged = new LinkedHashSet<>(j.tags());
      merged.addAll(tags);
      switch (j.state()) {
        case QUEUED -> ReplicationDatabase.update(c, "UPDATE replication_jobs SET tags = ?, updated = ? WHERE id = ?",
            join(merged), t, j.id());
        case RUNNING -> ReplicationDatabase.update(c, "UPDATE replication_jobs SET tags = ?, rerun = 1, updated = ? "
            + "WHERE id = ?", join(merged), t, j.id());
        default -> ReplicationDatabase.update(c, "UPDATE replication_jobs SET tags = ?, state = 'QUEUED', attempts = 0, "
            + "rerun = 0, next_attempt = ?, updated = ? WHERE id = ?", join(merged), t, t, j.id());
      }
      return j.id();
    });
  }

  /** Marks the next due job running and returns it. */
  Optional<ReplicationJob> claimDue(Instant now) {
    long t = now.toEpochMilli();
    return db.write(c -> {
      Optional<ReplicationJob> due = ReplicationDatabase.one(c, "SELECT * FROM replication_jobs WHERE state = 'QUEUED' "
          + "AND next_attempt <= ? ORDER BY next_attempt, id LIMIT 1", JobStore::job, t);
      if (due.isPresent()) {
        ReplicationDatabase.update(c, "UPDATE replication_jobs SET state = 'RUNNING', updated = ? WHERE id = ?", t,
            due.get().id());
      }
      return due;
    });
  }

  /** Records a success; a job asked to run again meanwhile is queued once more. */
  void succeed(long id, List<String> tags, String result, Set<Digest> covered, Instant now) {
    long t = now.toEpochMilli();
    db.write(c -> {
      int updated = ReplicationDatabase.update(c, "UPDATE replication_jobs SET tags = ?, result = ?, last_error = NULL, "
          + "attempts = CASE rerun WHEN 1 THEN 0 ELSE attempts + 1 END, "
          + "state = CASE rerun WHEN 1 THEN 'QUEUED' ELSE 'SUCCEEDED' END, rerun = 0, next_attempt = ?, "
          + "finished = ?, updated = ? WHERE id = ?", join(tags), result, t, t, t, id);
      if (updated == 0) {
        return 0; // the rule was deleted meanwhile
      }
      ReplicationDatabase.update(c, "DELETE FROM replication_covered WHERE job = ?", id);
      for (Digest d : covered) {
        ReplicationDatabase.update(c, "INSERT OR IGNORE INTO replication_covered (job, digest) VALUES (?, ?)", id, d);
      }
      return updated;
    });
  }

  /**
   * Records a failed attempt: queued again at {@code retryAt}, or failed for good when empty (unless it was
   * asked to run again meanwhile).
   */
  void fail(long id, String error, Optional<Instant> retryAt, Instant now) {
    long t = now.toEpochMilli();
    Long retry = retryAt.map(Instant::toEpochMilli).orElse(null);
    db.write(c -> ReplicationDatabase.update(c, "UPDATE replication_jobs SET last_error = ?, updated = ?, "
        + "attempts = CASE WHEN ? IS NULL AND rerun = 1 THEN 0 ELSE attempts + 1 END, "
        + "state = CASE WHEN ? IS NOT NULL OR rerun = 1 THEN 'QUEUED' ELSE 'FAILED' END, "
        + "next_attempt = COALESCE(?, ?), finished = CASE WHEN ? IS NULL THEN ? ELSE finished END, rerun = 0 "
        + "WHERE id = ?", error, t, retry, retry, retry, t, retry, t, id));
  }

  /** After a restart: jobs that were running when the process stopped run again. */
  int requeueRunning(Instant now) {
    return db.write(c -> ReplicationDatabase.update(c, "UPDATE replication_jobs SET state = 'QUEUED', "
        + "next_attempt = ?, updated = ? WHERE state = 'RUNNING'", now.toEpochMilli(), now.toEpochMilli()));
  }

  /** Jobs of {@code rule} in {@code repository} whose subject is {@code digest} or whose success covered it. */
  List<ReplicationJob> covering(String rule, String repository, Digest digest) {
    return db.read(c -> ReplicationDatabase.list(c, "SELECT * FROM replication_jobs j WHERE rule = ? AND repository = ? "
        + "AND (digest = ? OR EXISTS (SELECT 1 FROM replication_covered v WHERE v.job = j.id AND v.digest = ?))",
        JobStore::job, rule, repository, digest, digest));
  }

  /** Most recently updated first. */
  List<ReplicationJob> list(Optional<String> rule, Optional<JobState> state, int limit) {
    return db.read(c -> ReplicationDatabase.list(c, "SELECT * FROM replication_jobs WHERE (? IS NULL OR rule = ?) "
        + "AND (? IS NULL OR state = ?) ORDER BY updated DESC, id DESC LIMIT ?", JobStore::job, rule.orElse(null),
        rule.orElse(null), state.map(Enum::name).orElse(null), state.map(Enum::name).orElse(null), limit));
  }

  private static Optional<ReplicationJob> find(Connection c, String rule, String repository, Digest subject)
      throws SQLException {
    return ReplicationDatabase.one(c, "SELECT * FROM replication_jobs WHERE rule = ? AND repository = ? AND digest = ?",
        JobStore::job, rule, repository, subject);
  }

  private static ReplicationJob job(ResultSet rs) throws SQLException {
    String tags = rs.getString("tags");
    Digest digest;
    try {
      digest = Digest.parse(rs.getString("digest"));
    } catch (InvalidDigestException e) {
      throw new SQLException("corrupt digest in replication_jobs: " + e.getMessage(), e);
    }
    return new ReplicationJob(rs.getLong("id"), rs.getString("rule"), rs.getString("repository"), digest,
        tags.isEmpty() ? List.of() : new ArrayList<>(Arrays.asList(tags.split("\n"))),
        JobState.valueOf(rs.getString("state")), rs.getInt("attempts"), Optional.ofNullable(rs.getString("last_error")),
        Optional.ofNullable(rs.getString("result")), Instant.ofEpochMilli(rs.getLong("created")),
        Instant.ofEpochMilli(rs.getLong("updated")),
        ReplicationDatabase.optionalLong(rs, "next_attempt").map(Instant::ofEpochMilli),
        ReplicationDatabase.optionalLong(rs, "finished").map(Instant::ofEpochMilli));
  }

  private static String join(Collection<String> tags) {
    return String.join("\n", new LinkedHashSet<>(tags));
  }
}
