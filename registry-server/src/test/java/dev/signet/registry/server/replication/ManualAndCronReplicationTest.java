package dev.signet.registry.server.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.oci.Digest;
import dev.signet.oci.reference.Repository;
import dev.signet.registry.server.replication.http.ReplicationAdminClient;
import dev.signet.registry.server.testkit.MutableClock;
import dev.signet.registry.server.testkit.TestRegistry;
import dev.signet.sign.SignatureFormat;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Manual runs and cron schedules, driven through the admin HTTP API and an injected clock. */
class ManualAndCronReplicationTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  @Test
  void manualRun_replicatesEveryMatchingTag_eventsAreIgnored() throws Exception {
    try (TestRegistry dst = TestRegistry.start(tmp.resolve("dst"));
        ReplicatingRegistry src = ReplicatingRegistry.start(tmp.resolve("src"), Clock.systemUTC(),
            b -> b.pollInterval(null))) {
      ReplicationFixtures f = new ReplicationFixtures();
      ReplicationAdminClient admin = src.admin();
      ObjectNode rule = JSON.createObjectNode().put("name", "nightly").put("source", "prod/*").put("tags", "v*")
          .put("destination", dst.url().toString()).put("destinationPrefix", "dr").put("stripPrefix", "prod/");
      JsonNode added = admin.addRule(rule);
      assertThat(added.path("trigger").asText()).isEqualTo("manual");
      assertThat(admin.listRules().path("rules")).hasSize(1);

      Repository api = src.repository("prod/api");
      Digest v1 = f.pushImage(api, "v1", "manual-1");
      Digest v2 = f.pushImage(api, "v2", "manual-2");
      f.tag(api, v2, "v2-latest");
      f.pushImage(api, "dev", "manual-dev");
      f.pushImage(src.repository("prod/team/deep"), "v1", "manual-deep"); // prod/* is one segment only
      f.sign(api, v1, SignatureFormat.BUNDLE);
      src.replication().tick();
      assertThat(admin.status(Optional.empty(), Optional.empty(), 100).path("jobs")).as("manual: no events").isEmpty();

      assertThat(admin.run("nightly").path("queued").asInt()).isEqualTo(2);
      JsonNode queued = admin.status(Optional.of("nightly"), Optional.of("queued"), 100).path("jobs");
      assertThat(queued).hasSize(2);
      src.replication().tick();

      JsonNode done = admin.status(Optional.of("nightly"), Optional.empty(), 100).path("jobs");
      assertThat(done).hasSize(2).allMatch(j -> j.path("state").asText().equals("succeeded"));
      Repository there = dst.repository("dr/api");
      assertThat(f.head(there, "v1")).contains(v1);
      assertThat(f.head(there, "v2")).contains(v2);
      assertThat(f.head(there, "v2-latest")).contains(v2);
      assertThat(f.head(there, "dev")).isEmpty();
      assertThat(f.head(dst.repository("dr/team/deep"), "v1")).isEmpty();
      assertThat(f.verify(ReplicationFixtures.ref(there, "v1")).signatures()).isNotEmpty();

      assertThat(admin.deleteRule("nightly").path("deleted").asText()).isEqualTo("nightly");
      assertThat(admin.listRules().path("rules")).isEmpty();
      assertThat(admin.status(Optional.empty(), Optional.empty(), 100).path("jobs")).isEmpty();
      assertThatThrownBy(() -> admin.run("nightly")).isInstanceOf(ReplicationAdminClient.AdminException.class)
          .hasMessageContaining("no replication rule named nightly")
          .satisfies(e -> assertThat(((ReplicationAdminClient.AdminException) e).status()).isEqualTo(404));
    }
  }

  @Test
  void badRules_areRefusedWith400_andDuplicatesWith409() throws Exception {
    try (ReplicatingRegistry src = ReplicatingRegistry.start(tmp.resolve("src"), Clock.systemUTC(),
        b -> b.pollInterval(null))) {
      ReplicationAdminClient admin = src.admin();
      ObjectNode ok = JSON.createObjectNode().put("name", "r1").put("source", "**").put("destination", "https://x.io");
      admin.addRule(ok);
      assertThatThrownBy(() -> admin.addRule(ok)).hasMessageContaining("exists")
          .satisfies(e -> assertThat(((ReplicationAdminClient.AdminException) e).status()).isEqualTo(409));
      for (ObjectNode bad : new ObjectNode[] {
          ok.deepCopy().put("name", "Bad Name"),
          ok.deepCopy().put("name", "r2").put("destination", "ftp://x.io"),
          ok.deepCopy().put("name", "r2").put("destination", "https://user:pw@x.io"),
          ok.deepCopy().put("name", "r2").put("trigger", "cron"),
          ok.deepCopy().put("name", "r2").put("trigger", "cron").put("cron", "61 * * * *"),
          ok.deepCopy().put("name", "r2").put("trigger", "sometimes")}) {
        assertThatThrownBy(() -> admin.addRule(bad)).as(bad.toString())
            .satisfies(e -> assertThat(((ReplicationAdminClient.AdminException) e).status()).isEqualTo(400));
      }
    }
  }

  @Test
  void cron_plansOncePerScheduledMinute_withAnInjectedClock() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:20Z"));
    try (TestRegistry dst = TestRegistry.start(tmp.resolve("dst"));
        ReplicatingRegistry src = ReplicatingRegistry.start(tmp.resolve("src"), clock, b -> b.pollInterval(null))) {
      ReplicationFixtures f = new ReplicationFixtures();
      ReplicationAdminClient admin = src.admin();
      admin.addRule(JSON.createObjectNode().put("name", "every-5").put("source", "**")
          .put("destination", dst.url().toString()).put("trigger", "cron").put("cron", "*/5 * * * *"));
      assertThat(admin.listRules().path("rules").path(0).path("nextRun").asText()).isEqualTo("2025-03-01T10:05:00Z");
      Repository repo = src.repository("svc/a");
      Digest first = f.pushImage(repo, "1", "cron-1");

      src.replication().tick(); // 10:00 is scheduled
      assertThat(f.head(dst.repository("svc/a"), "1")).contains(first);
      Instant firstRun = onlyJob(src).updated();

      Digest second = f.pushImage(repo, "2", "cron-2");
      clock.advance(Duration.ofSeconds(30)); // still 10:00: planned already
      src.replication().tick();
      clock.advance(Duration.ofMinutes(2)); // 10:02: not scheduled
      src.replication().tick();
      assertThat(f.head(dst.repository("svc/a"), "2")).isEmpty();
      assertThat(onlyJob(src).updated()).isEqualTo(firstRun);

      clock.advance(Duration.ofMinutes(3)); // 10:05
      src.replication().tick();
      assertThat(f.head(dst.repository("svc/a"), "2")).contains(second);
    }
  }

  private static ReplicationJob onlyJob(ReplicatingRegistry src) {
    return src.replication().jobs(Optional.empty(), Optional.empty(), 10).stream()
        .filter(j -> j.tags().contains("1")).findFirst().orElseThrow();
  }
}
