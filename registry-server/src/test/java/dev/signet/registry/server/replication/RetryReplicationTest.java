package dev.signet.registry.server.replication;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signet.oci.Digest;
import dev.signet.oci.reference.InvalidReferenceException;
import dev.signet.oci.reference.Repository;
import dev.signet.registry.client.RetryPolicy;
import dev.signet.registry.server.RegistryServer;
import dev.signet.registry.server.testkit.MutableClock;
import dev.signet.sign.SignatureFormat;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A destination that is down: attempts are counted, retried with backoff, resumed after a restart. */
class RetryReplicationTest {
  private static final UnaryOperator<ReplicationService.Builder> MANUAL_TICKS = b -> b.pollInterval(null)
      .backoff(new Backoff(3, Duration.ofSeconds(10), Duration.ofMinutes(5))).requestRetry(RetryPolicy.none());

  @TempDir Path tmp;

  @Test
  void destinationDown_failsAfterMaxAttempts_thenARetrySucceedsOnceItIsUp() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2025-05-01T08:00:00Z"));
    int port = freePort();
    URI down = URI.create("http://127.0.0.1:" + port);
    try (ReplicatingRegistry src = ReplicatingRegistry.start(tmp.resolve("src"), clock, MANUAL_TICKS)) {
      ReplicationFixtures f = new ReplicationFixtures();
      src.replication().addRule(ReplicationFixtures.rule("offsite", "**", "*", down, "", Trigger.EVENT));
      Repository app = src.repository("app");
      Digest image = f.pushImage(app, "v1", "retry-a");
      f.sign(app, image, SignatureFormat.BUNDLE);

      src.replication().tick();
      ReplicationJob job = onlyJob(src);
      assertThat(job.state()).isEqualTo(JobState.QUEUED);
      assertThat(job.attempts()).isEqualTo(1);
      assertThat(job.lastError().orElseThrow()).containsIgnoringCase("connect");
      assertThat(job.nextAttempt()).contains(clock.instant().plusSeconds(10));

      src.replication().tick(); // not due yet
      assertThat(onlyJob(src).attempts()).isEqualTo(1);
      clock.advance(Duration.ofSeconds(10));
      src.replication().tick();
      assertThat(onlyJob(src).attempts()).isEqualTo(2);
      assertThat(onlyJob(src).nextAttempt()).contains(clock.instant().plusSeconds(20));
      clock.advance(Duration.ofSeconds(20));
      src.replication().tick();
      job = onlyJob(src);
      assertThat(job.state()).isEqualTo(JobState.FAILED);
      assertThat(job.attempts()).isEqualTo(3);
      clock.advance(Duration.ofHours(1));
      src.replication().tick();
      assertThat(onlyJob(src).attempts()).as("no attempts after giving up").isEqualTo(3);

      JsonNode status = src.admin().status(Optional.empty(), Optional.of("failed"), 10).path("jobs").path(0);
      assertThat(status.path("state").asText()).isEqualTo("failed");
      assertThat(status.path("attempts").asInt()).isEqualTo(3);
      assertThat(status.path("maxAttempts").asInt()).isEqualTo(3);
      assertThat(status.path("lastError").asText()).containsIgnoringCase("connect");
      assertThat(status.path("subject").asText()).isEqualTo(image.toString());

      try (RegistryServer dst = RegistryServer.builder().dataDir(tmp.resolve("dst")).port(port).build().start()) {
        assertThat(src.replication().run("offsite")).isEqualTo(1);
        src.replication().tick();
        job = onlyJob(src);
        assertThat(job.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(job.attempts()).isEqualTo(1);
        assertThat(job.lastError()).isEmpty();
        Repository there = repository(dst, "app");
        assertThat(f.verify(ReplicationFixtures.ref(there, "v1")).signatures()).isNotEmpty();
      }
    }
  }

  @Test
  void transientFailure_retrySucceeds_andJobsSurviveARestart() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2025-05-01T08:00:00Z"));
    int port = freePort();
    Path srcDir = tmp.resolve("src");
    Digest image;
    try (ReplicatingRegistry src = ReplicatingRegistry.start(srcDir, clock, MANUAL_TICKS)) {
      ReplicationFixtures f = new ReplicationFixtures();
      src.replication().addRule(ReplicationFixtures.rule("later", "**", "*",
          URI.create("http://127.0.0.1:" + port), "", Trigger.EVENT));
      image = f.pushImage(src.repository("svc"), "stable", "restart-a");
      src.replication().tick();
      assertThat(onlyJob(src).attempts()).isEqualTo(1);
      assertThat(onlyJob(src).state()).isEqualTo(JobState.QUEUED);
    }
    clock.advance(Duration.ofSeconds(10));
    try (RegistryServer dst = RegistryServer.builder().dataDir(tmp.resolve("dst")).port(port).build().start();
        ReplicatingRegistry src = ReplicatingRegistry.start(srcDir, clock, MANUAL_TICKS)) {
      src.replication().tick(); // the persisted job resumes after the restart
      ReplicationJob job = onlyJob(src);
      assertThat(job.state()).isEqualTo(JobState.SUCCEEDED);
      assertThat(job.attempts()).isEqualTo(2);
      assertThat(new ReplicationFixtures().head(repository(dst, "svc"), "stable")).contains(image);
    }
  }

  static ReplicationJob onlyJob(ReplicatingRegistry src) {
    return SignetToDistributionReplicationTest.onlyJob(src);
  }

  static Repository repository(RegistryServer server, String path) throws InvalidReferenceException {
    return Repository.parse("127.0.0.1:" + server.port() + "/" + path);
  }

  /** A loopback port nothing listens on (bound, then released). */
  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
