package dev.signet.registry.server.replication;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.cosign.SignatureTags;
import dev.signet.oci.Digest;
import dev.signet.registry.server.service.Registry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Event planning over an in-memory catalog: which pushes queue which jobs, in any order. */
class JobPlannerTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
  private static final Digest IMAGE = digest("image");
  private static final Digest BUNDLE = digest("bundle");
  private static final Digest SBOM = digest("sbom");
  private static final Digest SBOM_SIG = digest("sbom-sig");

  @TempDir Path dir;
  private Registry registry;
  private ReplicationDatabase db;
  private RuleStore rules;
  private JobStore jobs;
  private final FakeCatalog catalog = new FakeCatalog();
  private JobPlanner planner;

  @BeforeEach
  void open() throws Exception {
    registry = Registry.open(dir, CLOCK, false);
    db = new ReplicationDatabase(dir.resolve("metadata.db"));
    rules = new RuleStore(db, SecretBox.open(dir.resolve("replication.key")));
    jobs = new JobStore(db);
    planner = new JobPlanner(rules, jobs, catalog, CLOCK, "127.0.0.1:5000");
    rules.insert(ReplicationFixtures.rule("ev", "prod/**", "v*", URI.create("https://m.io"), "", Trigger.EVENT),
        CLOCK.instant());
    rules.insert(ReplicationFixtures.rule("man", "**", "*", URI.create("https://m.io"), "", Trigger.MANUAL),
        CLOCK.instant());
  }

  @AfterEach
  void close() {
    db.close();
    registry.close();
  }

  @Test
  void imagePushes_queueAJob_onlyForMatchingRepositoriesAndTags_underEventRules() {
    catalog.put("prod/app", IMAGE, "v1", "dev");
    planner.planEvent(new ManifestEvent("prod/app", IMAGE, List.of("dev"), Optional.empty()));
    planner.planEvent(new ManifestEvent("prod/app", IMAGE, List.of(), Optional.empty()));
    planner.planEvent(new ManifestEvent("staging/app", IMAGE, List.of("v1"), Optional.empty()));
    assertThat(all()).isEmpty();
    planner.planEvent(new ManifestEvent("prod/app", IMAGE, List.of("v1"), Optional.empty()));
    assertThat(all()).singleElement().satisfies(j -> {
      assertThat(j.rule()).isEqualTo("ev");
      assertThat(j.subject()).isEqualTo(IMAGE);
      assertThat(j.tags()).containsExactly("v1");
    });
  }

  @Test
  void accessoryBeforeItsSubject_queuesNothing_theSubjectsJobBringsIt() {
    planner.planEvent(new ManifestEvent("prod/app", BUNDLE, List.of(), Optional.of(IMAGE)));
    planner.planEvent(new ManifestEvent("prod/app", BUNDLE, List.of(SignatureTags.signatureTag(IMAGE)),
        Optional.empty()));
    assertThat(all()).isEmpty();
  }

  @Test
  void accessoryOfAnUntaggedOrUnselectedSubject_queuesNothing() {
    catalog.put("prod/app", IMAGE, "dev");
    planner.planEvent(new ManifestEvent("prod/app", BUNDLE, List.of(), Optional.of(IMAGE)));
    assertThat(all()).isEmpty();
  }

  @Test
  void accessoryOfASelectedSubjectNotYetReplicated_queuesTheSubjectWithItsTags() {
    catalog.put("prod/app", IMAGE, "v1", "v1.1", "dev");
    planner.planEvent(new ManifestEvent("prod/app", BUNDLE, List.of(SignatureTags.referrersFallbackTag(IMAGE)),
        Optional.empty()));
    assertThat(all()).singleElement().satisfies(j -> {
      assertThat(j.subject()).isEqualTo(IMAGE);
      assertThat(j.tags()).containsExactlyInAnyOrder("v1", "v1.1");
    });
  }

  @Test
  void accessoryAfterItsSubjectWasReplicated_queuesTheJobThatCoveredIt_evenTwoLevelsDown() {
    catalog.put("prod/app", IMAGE, "v1");
    planner.planEvent(new ManifestEvent("prod/app", IMAGE, List.of("v1"), Optional.empty()));
    ReplicationJob job = jobs.claimDue(CLOCK.instant()).orElseThrow();
    jobs.succeed(job.id(), List.of("v1"), "copied", Set.of(IMAGE, SBOM), CLOCK.instant());

    planner.planEvent(new ManifestEvent("prod/app", SBOM_SIG, List.of(SignatureTags.signatureTag(SBOM)),
        Optional.empty()));
    assertThat(all()).singleElement().satisfies(j -> {
      assertThat(j.id()).isEqualTo(job.id());
      assertThat(j.state()).isEqualTo(JobState.QUEUED);
      assertThat(j.tags()).containsExactly("v1");
    });
  }

  @Test
  void manualRun_groupsTagsBySubject_andSkipsAccessoryTags() {
    catalog.put("prod/app", IMAGE, "v1", "latest", SignatureTags.signatureTag(IMAGE));
    catalog.put("other", BUNDLE, "x");
    assertThat(planner.planRule(rules.find("man").orElseThrow())).isEqualTo(2);
    assertThat(all()).extracting(ReplicationJob::tags)
        .containsExactlyInAnyOrder(List.of("v1", "latest"), List.of("x"));
  }

  @Test
  void aRuleIntoThisRegistryThatWouldSelectItsOwnCopies_isSkipped() throws Exception {
    rules.insert(ReplicationFixtures.rule("self", "**", "*", URI.create("http://127.0.0.1:5000"), "copy",
        Trigger.EVENT), CLOCK.instant());
    rules.insert(ReplicationFixtures.rule("promote", "prod/**", "*", URI.create("http://127.0.0.1:5000"), "release",
        Trigger.EVENT), CLOCK.instant());
    catalog.put("prod/app", IMAGE, "v1");
    planner.planEvent(new ManifestEvent("prod/app", IMAGE, List.of("v1"), Optional.empty()));
    assertThat(all()).extracting(ReplicationJob::rule).containsExactlyInAnyOrder("ev", "promote");
  }

  private List<ReplicationJob> all() {
    return jobs.list(Optional.empty(), Optional.empty(), 100);
  }

  private static Digest digest(String s) {
    return Digest.sha256(s.getBytes(StandardCharsets.UTF_8));
  }

  /** Repositories → tag → digest. */
  private static final class FakeCatalog implements SourceCatalog {
    private final Map<String, Map<String, Digest>> repos = new LinkedHashMap<>();
    private final Map<String, List<Digest>> manifests = new HashMap<>();

    void put(String repo, Digest digest, String... tags) {
      Map<String, Digest> t = repos.computeIfAbsent(repo, k -> new LinkedHashMap<>());
      for (String tag : tags) {
        t.put(tag, digest);
      }
      manifests.computeIfAbsent(repo, k -> new ArrayList<>()).add(digest);
    }

    @Override
    public List<String> repositories() {
      return new ArrayList<>(repos.keySet());
    }

    @Override
    public List<String> tags(String repository) {
      return new ArrayList<>(repos.getOrDefault(repository, Map.of()).keySet());
    }

    @Override
    public Optional<Digest> resolve(String repository, String tag) {
      return Optional.ofNullable(repos.getOrDefault(repository, Map.of()).get(tag));
    }

    @Override
    public boolean contains(String repository, Digest digest) {
      return manifests.getOrDefault(repository, List.of()).contains(digest);
    }
  }
}
