package dev.signet.registry.server.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signet.cosign.SignatureTags;
import dev.signet.oci.Digest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Retention: keep last N, keep D days, dry runs, accessories follow their subject. */
class RetentionTest extends LifecycleTestBase {

  private Digest push(String repo, String tag, String seed) {
    clock.advance(Duration.ofMinutes(1));
    return registry.pushImage(repo, tag, seed);
  }

  private static List<String> tags(JsonNode report) {
    List<String> out = new ArrayList<>();
    report.path("deletedTags").forEach(t -> out.add(t.path("repository").asText() + ":" + t.path("tag").asText()));
    return out;
  }

  @Test
  void keepLastN_deletesOlderTagsTheirManifestsAndAccessories_keepsSurvivorsSignatures() throws Exception {
    setLifecycle("prod", "{\"retention\":{\"keepLastTags\":{\"pattern\":\"build-*\",\"count\":2}}}");
    Digest b1 = push("prod/app", "build-1", "1");
    Digest b2 = push("prod/app", "build-2", "2");
    Digest b3 = push("prod/app", "build-3", "3");
    Digest b4 = push("prod/app", "build-4", "4");
    Digest other = push("prod/lib", "build-1", "lib"); // another repository counts on its own
    Digest sig1 = digestOf(sign.legacy("prod/app", b1, KEY));
    Digest bundle1 = digestOf(sign.bundle("prod/app", b1, KEY));
    Digest sig4 = digestOf(sign.legacy("prod/app", b4, KEY));
    Digest bundle4 = digestOf(sign.bundle("prod/app", b4, KEY));

    JsonNode dry = runRetention("prod", true);
    assertThat(dry.path("dryRun").asBoolean()).isTrue();
    assertThat(tags(dry)).containsExactlyInAnyOrder("prod/app:build-1", "prod/app:build-2");
    assertThat(dry.path("deletedManifests").findValuesAsText("digest")).containsExactlyInAnyOrder(b1.toString(),
        b2.toString());
    assertThat(dry.toString()).contains(sig1.toString(), bundle1.toString());
    // nothing went
    assertThat(status("prod/app", "build-1")).isEqualTo(200);
    assertThat(status("prod/app", sig1.toString())).isEqualTo(200);
    assertThat(referrers("prod/app", b1)).hasSize(1);

    JsonNode run = runRetention("prod", false);
    assertThat(tags(run)).containsExactlyInAnyOrder("prod/app:build-1", "prod/app:build-2");
    for (String gone : List.of("build-1", "build-2", b1.toString(), b2.toString(), sig1.toString(),
        bundle1.toString(), SignatureTags.signatureTag(b1))) {
      assertThat(status("prod/app", gone)).as(gone).isEqualTo(404);
    }
    assertThat(referrers("prod/app", b1)).isEmpty();
    assertThat(accessories("prod/app", b1)).isEmpty();
    // survivors and their signatures stay
    assertThat(status("prod/app", "build-3")).isEqualTo(200);
    assertThat(status("prod/app", "build-4")).isEqualTo(200);
    assertThat(status("prod/app", SignatureTags.signatureTag(b4))).isEqualTo(200);
    assertThat(referrers("prod/app", b4).findValuesAsText("digest")).containsExactly(bundle4.toString());
    assertThat(accessories("prod/app", b4).findValuesAsText("digest")).contains(sig4.toString(), bundle4.toString());
    assertThat(status("prod/lib", "build-1")).isEqualTo(200);
    assertThat(status("prod/lib", other.toString())).isEqualTo(200);
    assertThat(b3).isNotNull();

    // a second run has nothing left to do
    assertThat(tags(runRetention("prod", false))).isEmpty();
  }

  @Test
  void retention_neverDeletesImmutableTags_andKeepsManifestsStillTagged() {
    setLifecycle("prod", "{\"immutableTags\":[\"v*\"],\"retention\":{\"keepLastTags\":{\"pattern\":\"*\","
        + "\"count\":1}}}");
    Digest v1 = push("prod/app", "v1", "v1");
    push("prod/app", "alias", "v1"); // same manifest as v1
    Digest a = push("prod/app", "a", "a");
    push("prod/app", "a-copy", "a"); // same manifest as a, newer: kept
    Digest old = push("prod/app", "old", "old");
    Digest newest = push("prod/app", "newest", "new");

    JsonNode run = runRetention("prod", false);
    assertThat(tags(run)).containsExactlyInAnyOrder("prod/app:alias", "prod/app:a", "prod/app:a-copy",
        "prod/app:old");
    assertThat(run.path("keptImmutable").findValuesAsText("tag")).containsExactly("v1");
    // v1's manifest stays (its immutable tag names it); the others' go
    assertThat(status("prod/app", "v1")).isEqualTo(200);
    assertThat(status("prod/app", v1.toString())).isEqualTo(200);
    assertThat(status("prod/app", a.toString())).isEqualTo(404);
    assertThat(status("prod/app", old.toString())).isEqualTo(404);
    assertThat(status("prod/app", newest.toString())).isEqualTo(200);
  }

  @Test
  void keepDays_withTheInjectedClock() throws Exception {
    setLifecycle("prod", "{\"retention\":{\"keepDays\":7}}");
    Digest old = push("prod/app", "old", "old");
    Digest sig = digestOf(sign.legacy("prod/app", old, KEY));
    clock.advance(Duration.ofDays(5));
    Digest middle = push("prod/app", "middle", "middle");
    clock.advance(Duration.ofDays(3)); // old is 8 days old, middle 3
    Digest fresh = push("prod/app", "fresh", "fresh");

    assertThat(tags(runRetention("prod", true))).containsExactly("prod/app:old");
    assertThat(status("prod/app", "old")).isEqualTo(200);
    assertThat(tags(runRetention("prod", false))).containsExactly("prod/app:old");
    assertThat(status("prod/app", old.toString())).isEqualTo(404);
    assertThat(status("prod/app", sig.toString())).isEqualTo(404);
    assertThat(status("prod/app", middle.toString())).isEqualTo(200);

    clock.advance(Duration.ofDays(5)); // middle is 8 days old now
    assertThat(tags(runRetention("prod", false))).containsExactly("prod/app:middle");
    assertThat(status("prod/app", fresh.toString())).isEqualTo(200);
  }

  @Test
  void noRules_deleteNothing_andScheduledRunsHappenWhenDue() throws Exception {
    push("prod/app", "a", "a");
    assertThat(tags(runRetention("prod", false))).isEmpty();

    setLifecycle("prod", "{\"retention\":{\"keepLastTags\":{\"pattern\":\"*\",\"count\":1},\"runEveryMinutes\":60}}");
    push("prod/app", "b", "b");
    LifecycleService lifecycle = LifecycleService.open(data.resolve("metadata.db"),
        registry.server().registry(), clock);
    try {
      lifecycle.runDue(); // never ran: due
      assertThat(status("prod/app", "a")).isEqualTo(404);
      push("prod/app", "c", "c");
      lifecycle.runDue(); // ran a minute ago: not due
      assertThat(status("prod/app", "b")).isEqualTo(200);
      clock.advance(Duration.ofMinutes(60));
      lifecycle.runDue();
      assertThat(status("prod/app", "b")).isEqualTo(404);
      assertThat(status("prod/app", "c")).isEqualTo(200);
    } finally {
      lifecycle.close();
    }
  }
}
