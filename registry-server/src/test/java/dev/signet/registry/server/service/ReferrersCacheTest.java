package dev.signet.registry.server.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.oci.Digest;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ReferrersCacheTest {
  private final AtomicLong version = new AtomicLong();
  private final AtomicInteger builds = new AtomicInteger();

  private byte[] build(String text) {
    builds.incrementAndGet();
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static Digest d(String s) {
    return Digest.sha256(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void servesTheBuiltAnswerUntilTheStoreIsWritten() {
    ReferrersCache cache = new ReferrersCache(version::get, 10, 1 << 20);
    assertThat(cache.get("r", d("a"), null, () -> build("one"))).asString(StandardCharsets.UTF_8).isEqualTo("one");
    assertThat(cache.get("r", d("a"), null, () -> build("two"))).asString(StandardCharsets.UTF_8).isEqualTo("one");
    assertThat(builds).hasValue(1);
    version.incrementAndGet();
    assertThat(cache.get("r", d("a"), null, () -> build("three"))).asString(StandardCharsets.UTF_8).isEqualTo("three");
    assertThat(builds).hasValue(2);
  }

  @Test
  void keysIncludeRepositorySubjectAndArtifactType() {
    ReferrersCache cache = new ReferrersCache(version::get, 10, 1 << 20);
    cache.get("r", d("a"), null, () -> build("all"));
    assertThat(cache.get("r", d("a"), "application/x", () -> build("x"))).asString(StandardCharsets.UTF_8).isEqualTo("x");
    assertThat(cache.get("s", d("a"), null, () -> build("other repo"))).asString(StandardCharsets.UTF_8)
        .isEqualTo("other repo");
    assertThat(cache.get("r", d("b"), null, () -> build("other subject"))).asString(StandardCharsets.UTF_8)
        .isEqualTo("other subject");
    assertThat(builds).hasValue(4);
  }

  @Test
  void aWriteDuringTheBuildIsNeverHiddenByTheCache() {
    ReferrersCache cache = new ReferrersCache(version::get, 10, 1 << 20);
    cache.get("r", d("a"), null, () -> {
      version.incrementAndGet(); // a referrer was pushed while this answer was being built
      return build("maybe stale");
    });
    assertThat(cache.get("r", d("a"), null, () -> build("fresh"))).asString(StandardCharsets.UTF_8).isEqualTo("fresh");
  }

  @Test
  void isBoundedInEntriesAndBytesLeastRecentlyUsedFirst() {
    ReferrersCache cache = new ReferrersCache(version::get, 2, 1 << 20);
    cache.get("r", d("a"), null, () -> build("a"));
    cache.get("r", d("b"), null, () -> build("b"));
    cache.get("r", d("a"), null, () -> build("a again")); // a is now the most recently used
    cache.get("r", d("c"), null, () -> build("c"));       // evicts b
    assertThat(builds).hasValue(3);
    cache.get("r", d("a"), null, () -> build("a rebuilt"));
    assertThat(builds).hasValue(3);
    cache.get("r", d("b"), null, () -> build("b rebuilt"));
    assertThat(builds).hasValue(4);

    ReferrersCache small = new ReferrersCache(version::get, 100, 40);
    small.get("r", d("big"), null, () -> build("x".repeat(11))); // more than a quarter of the budget
    small.get("r", d("big"), null, () -> build("x".repeat(11)));
    assertThat(builds).hasValue(6);
  }
}
