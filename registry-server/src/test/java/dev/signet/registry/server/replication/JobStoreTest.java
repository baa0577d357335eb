package dev.signet.registry.server.replication;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.oci.Digest;
import dev.signet.registry.server.service.Registry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobStoreTest {
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  private static final Digest A = Digest.sha256("a".getBytes(StandardCharsets.UTF_8));
  private static final Digest SIG = Digest.sha256("sig".getBytes(StandardCharsets.UTF_8));

  @TempDir Path dir;
  private Registry registry;
  private ReplicationDatabase db;
  private JobStore jobs;

  @BeforeEach
  void open() {
    registry = Registry.open(dir, Clock.systemUTC(), false);
    db = new ReplicationDatabase(dir.resolve("metadata.db"));
    jobs = new JobStore(db);
  }

  @AfterEach
  void close() {
    db.close();
    registry.close();
  }

  @Test
  void enqueue_isOneJobPerRuleRepositoryAndSubject_mergingTags() {
    long id = jobs.enqueue("r", "app", A, List.of("v1"), T0);
    assertThat(jobs.enqueue("r", "app", A, List.of("v2", "v1"), T0)).isEqualTo(id);
    assertThat(jobs.enqueue("other", "app", A, List.of(), T0)).isNotEqualTo(id);
    ReplicationJob job = jobs.list(Optional.of("r"), Optional.empty(), 10).get(0);
    assertThat(job.tags()).containsExactly("v1", "v2");
    assertThat(job.state()).isEqualTo(JobState.QUEUED);
  }

  @Test
  void aJobQueuedWhileRunning_runsOnceMore() {
    jobs.enqueue("r", "app", A, List.of("v1"), T0);
    ReplicationJob running = jobs.claimDue(T0).orElseThrow();
    assertThat(jobs.claimDue(T0)).isEmpty();
    jobs.enqueue("r", "app", A, List.of(), T0.plusSeconds(1)); // an accessory arrived meanwhile
    jobs.succeed(running.id(), List.of("v1"), "copied", Set.of(A, SIG), T0.plusSeconds(2));
    ReplicationJob again = jobs.claimDue(T0.plusSeconds(2)).orElseThrow();
    jobs.succeed(again.id(), List.of("v1"), "up to date", Set.of(A, SIG), T0.plusSeconds(3));
    ReplicationJob done = jobs.list(Optional.empty(), Optional.empty(), 10).get(0);
    assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(done.result()).contains("up to date");
    assertThat(jobs.covering("r", "app", SIG)).extracting(ReplicationJob::id).containsExactly(done.id());
    assertThat(jobs.covering("r", "other-repo", SIG)).isEmpty();
  }

  @Test
  void failures_waitForTheRetryTime_thenFailForGood_andANewRunStartsAfresh() {
    jobs.enqueue("r", "app", A, List.of(), T0);
    ReplicationJob j = jobs.claimDue(T0).orElseThrow();
    jobs.fail(j.id(), "down", Optional.of(T0.plusSeconds(10)), T0);
    assertThat(jobs.claimDue(T0.plusSeconds(9))).isEmpty();
    j = jobs.claimDue(T0.plusSeconds(10)).orElseThrow();
    assertThat(j.attempts()).isEqualTo(1);
    jobs.fail(j.id(), "still down", Optional.empty(), T0.plusSeconds(10));
    ReplicationJob failed = jobs.list(Optional.empty(), Optional.empty(), 1).get(0);
    assertThat(failed.state()).isEqualTo(JobState.FAILED);
    assertThat(failed.attempts()).isEqualTo(2);
    assertThat(failed.lastError()).contains("still down");
    assertThat(failed.finished()).contains(T0.plusSeconds(10));
    assertThat(jobs.claimDue(T0.plusSeconds(3600))).isEmpty();

    jobs.enqueue("r", "app", A, List.of(), T0.plusSeconds(20));
    ReplicationJob fresh = jobs.claimDue(T0.plusSeconds(20)).orElseThrow();
    assertThat(fresh.attempts()).isZero();
  }

  @Test
  void jobsLeftRunning_areQueuedAgainAfterARestart() {
    jobs.enqueue("r", "app", A, List.of("v1"), T0);
    jobs.claimDue(T0).orElseThrow();
    db.close(); // the process stops mid-copy
    db = new ReplicationDatabase(dir.resolve("metadata.db"));
    jobs = new JobStore(db);
    assertThat(jobs.requeueRunning(T0.plusSeconds(60))).isEqualTo(1);
    assertThat(jobs.claimDue(T0.plusSeconds(60))).map(ReplicationJob::tags).contains(List.of("v1"));
  }
}
