package dev.signet.registry.server.lifecycle;

import dev.signet.oci.Digest;
import dev.signet.registry.client.ErrorCode;
import dev.signet.registry.server.service.Accessories;
import dev.signet.registry.server.service.ManifestService;
import dev.signet.registry.server.service.Registry;
import dev.signet.registry.server.service.RegistryException;
import dev.signet.registry.server.storage.AccessoryRecord;
import dev.signet.registry.server.trust.TrustPolicy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tag immutability and retention per project.
 *
 * <p><b>Immutability.</b> A tag matching one of the project's immutable patterns cannot be moved to another
 * manifest, deleted, or deleted with its manifest; pushing the identical manifest again is allowed. Cosign
 * accessory tags ({@code sha256-<hex>.sig|.att|.sbom}, the fallback {@code sha256-<hex>}) and referrers
 * (pushed by digest) are never immutable, so an immutable image can always gain signatures.
 *
 * <p><b>Retention</b>, per repository of the project: a tag is kept when it is among the
 * {@code keepLastTags.count} most recently pushed tags matching {@code keepLastTags.pattern}, or was pushed
 * within {@code keepDays} days; immutable tags and accessory tags are always kept; every other tag is
 * deleted (as in Harbor, rules retain and everything not retained goes). Then each manifest those tags
 * named that no tag references any more — and that no index lists and that is no accessory itself — is
 * deleted with its accessories. A policy without rules deletes nothing.
 */
public final class LifecycleService implements ManifestService.TagGuard, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LifecycleService.class);

  private final LifecycleDb db;
  private final Registry registry;
  private final Clock clock;
  private final Map<String, LifecyclePolicy> cache = new ConcurrentHashMap<>();
  private final Object runLock = new Object();
  private ScheduledExecutorService scheduler;

  private LifecycleService(LifecycleDb db, Registry registry, Clock clock) {
    this.db = db;
    this.registry = registry;
    this.clock = clock;
  }

  /**
   * Opens the lifecycle table of the metadata database {@code databaseFile} (already migrated) and guards
   * {@code registry}'s tag writes.
   */
  public static LifecycleService open(Path databaseFile, Registry registry, Clock clock) {
    LifecycleService s = new LifecycleService(new LifecycleDb(databaseFile), registry, clock);
    registry.manifests().setTagGuard(s);
    return s;
  }

  /** The project's policy (nothing immutable, no retention when none was set). */
  public LifecyclePolicy policy(String project) {
    return cache.computeIfAbsent(project, p -> db.policy(p).orElseGet(() -> LifecyclePolicy.none(p)));
  }

  /** Replaces the project's policy, stamped with the current time. */
  public LifecyclePolicy setPolicy(LifecyclePolicy p) {
    LifecyclePolicy stamped = new LifecyclePolicy(p.project(), p.immutableTags(), p.keepLastTags(), p.keepDays(),
        p.runEveryMinutes(), clock.instant());
    db.put(stamped);
    cache.put(p.project(), stamped);
    return stamped;
  }

  // ---- immutability ----

  /** The immutable pattern {@code tag} of {@code repo} matches, or null (accessory tags never do). */
  public String immutablePattern(String repo, String tag) {
    if (Accessories.legacyTag(tag).isPresent()) {
      return null;
    }
    return policy(TrustPolicy.projectOf(repo)).immutablePattern(tag);
  }

  @Override
  public void checkTagWrite(String repo, String tag, Digest digest) throws RegistryException {
    String pattern = immutablePattern(repo, tag);
    if (pattern == null) {
      return;
    }
    Digest current = current(repo, tag);
    if (current != null && !current.equals(digest)) {
      throw immutable("tag " + tag + " of " + repo + " is immutable (pattern '" + pattern + "' of project "
          + TrustPolicy.projectOf(repo) + ") and names " + current + "; it cannot be moved to " + digest
          + " - push under a new tag");
    }
  }

  @Override
  public void checkTagDelete(String repo, String tag) throws RegistryException {
    String pattern = immutablePattern(repo, tag);
    if (pattern != null && current(repo, tag) != null) {
      throw immutable("tag " + tag + " of " + repo + " is immutable (pattern '" + pattern + "' of project "
          + TrustPolicy.projectOf(repo) + ") and cannot be deleted");
    }
  }

  @Override
  public void checkManifestDelete(String repo, Digest digest) throws RegistryException {
    if (policy(TrustPolicy.projectOf(repo)).immutableTags().isEmpty()) {
      return;
    }
    for (String tag : db.tagsOf(repo, digest)) {
      String pattern = immutablePattern(repo, tag);
      if (pattern != null) {
        throw immutable("manifest " + digest + " of " + repo + " is tagged " + tag + ", which is immutable "
            + "(pattern '" + pattern + "'); it cannot be deleted");
      }
    }
  }

  private Digest current(String repo, String tag) {
    try {
      return registry.manifests().get(repo, tag).digest();
    } catch (RegistryException e) {
      return null; // no such tag yet
    }
  }

  private static RegistryException immutable(String message) {
    return RegistryException.withStatus(ErrorCode.DENIED, 409, message);
  }

  // ---- retention ----

  /** Applies the project's retention rules (or, with {@code dryRun}, reports what they would delete). */
  public RetentionReport runRetention(String project, boolean dryRun) {
    TrustPolicy.checkProject(project);
    synchronized (runLock) {
      LifecyclePolicy policy = policy(project);
      Instant now = clock.instant();
      List<RetentionReport.TagEntry> doomedTags = new ArrayList<>();
      List<RetentionReport.TagEntry> immutable = new ArrayList<>();
      Map<String, List<LifecycleDb.TagRow>> byRepo = new LinkedHashMap<>();
      for (LifecycleDb.TagRow t : db.tags(project)) {
        byRepo.computeIfAbsent(t.repo(), r -> new ArrayList<>()).add(t);
      }
      Map<String, Set<Digest>> candidates = new LinkedHashMap<>();
      for (Map.Entry<String, List<LifecycleDb.TagRow>> e : byRepo.entrySet()) {
        String repo = e.getKey();
        Set<LifecycleDb.TagRow> doomed = policy.hasRetention()
            ? doomed(policy, e.getValue(), now, immutable) : Set.of();
        Set<Digest> stillTagged = new HashSet<>();
        for (LifecycleDb.TagRow t : e.getValue()) {
          if (doomed.contains(t)) {
            doomedTags.add(new RetentionReport.TagEntry(repo, t.name(), t.digest()));
            candidates.computeIfAbsent(repo, r -> new LinkedHashSet<>()).add(t.digest());
          } else {
            stillTagged.add(t.digest());
          }
        }
        Set<Digest> c = candidates.get(repo);
        if (c != null) {
          c.removeAll(stillTagged);
        }
      }
      if (!dryRun) {
        for (RetentionReport.TagEntry t : doomedTags) {
          try {
            registry.manifests().delete(t.repository(), t.tag());
          } catch (RegistryException ex) {
            LOG.info("retention: tag {}:{} not deleted: {}", t.repository(), t.tag(), ex.getMessage());
          }
        }
      }
      List<RetentionReport.ManifestEntry> doomedManifests = new ArrayList<>();
      for (Map.Entry<String, Set<Digest>> e : candidates.entrySet()) {
        String repo = e.getKey();
        for (Digest d : e.getValue()) {
          if (db.referencedOrAccessory(repo, d) || (!dryRun && !db.tagsOf(repo, d).isEmpty())) {
            continue; // listed by an index, itself an accessory, or tagged again meanwhile
          }
          if (dryRun) {
            doomedManifests.add(new RetentionReport.ManifestEntry(repo, d, accessoriesOf(repo, d)));
            continue;
          }
          try {
            List<Digest> deleted = registry.manifests().delete(repo, d.toString());
            doomedManifests.add(new RetentionReport.ManifestEntry(repo, d,
                deleted.stream().filter(x -> !x.equals(d)).toList()));
          } catch (RegistryException ex) {
            LOG.info("retention: manifest {}@{} not deleted: {}", repo, d, ex.getMessage());
          }
        }
      }
      if (!dryRun && db.policy(project).isPresent()) {
        db.markRun(project, now);
      }
      RetentionReport report = new RetentionReport(project, dryRun, now, doomedTags, doomedManifests, immutable);
      LOG.info("retention of project {}{}: {} tag(s), {} manifest(s)", project, dryRun ? " (dry run)" : "",
          doomedTags.size(), doomedManifests.size());
      return report;
    }
  }

  private Set<LifecycleDb.TagRow> doomed(LifecyclePolicy policy, List<LifecycleDb.TagRow> tags, Instant now,
      List<RetentionReport.TagEntry> immutable) {
    Set<LifecycleDb.TagRow> kept = new HashSet<>();
    List<LifecycleDb.TagRow> ordinary = new ArrayList<>();
    for (LifecycleDb.TagRow t : tags) {
      if (Accessories.legacyTag(t.name()).isPresent()) {
        kept.add(t);
      } else if (policy.immutablePattern(t.name()) != null) {
        kept.add(t);
        immutable.add(new RetentionReport.TagEntry(t.repo(), t.name(), t.digest()));
      } else {
        ordinary.add(t);
      }
    }
    if (policy.keepLastTags() != null) {
      ordinary.stream().filter(t -> policy.keepLastTags().matches(t.name()))
          .sorted(Comparator.comparing(LifecycleDb.TagRow::updated).reversed()
              .thenComparing(LifecycleDb.TagRow::name, Comparator.reverseOrder()))
          .limit(policy.keepLastTags().count()).forEach(kept::add);
    }
    if (policy.keepDays() != null) {
      Instant cutoff = now.minus(Duration.ofDays(policy.keepDays()));
      ordinary.stream().filter(t -> !t.updated().isBefore(cutoff)).forEach(kept::add);
    }
    Set<LifecycleDb.TagRow> doomed = new LinkedHashSet<>(ordinary);
    doomed.removeAll(kept);
    return doomed;
  }

  private List<Digest> accessoriesOf(String repo, Digest subject) {
    List<Digest> out = new ArrayList<>();
    Set<Digest> seen = new HashSet<>();
    List<Digest> todo = new ArrayList<>(List.of(subject));
    while (!todo.isEmpty()) {
      Digest d = todo.remove(todo.size() - 1);
      for (AccessoryRecord a : registry.discovery().accessories(repo, d)) {
        if (seen.add(a.digest())) {
          out.add(a.digest());
          todo.add(a.digest());
        }
      }
    }
    return out;
  }

  // ---- schedule ----

  /**
   * Every {@code tick}, runs retention for each project whose policy sets {@code runEveryMinutes} and whose
   * last run is at least that long ago.
   */
  public synchronized void startSchedule(Duration tick) {
    if (scheduler != null) {
      return;
    }
    scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "signet-retention");
      t.setDaemon(true);
      return t;
    });
    scheduler.scheduleWithFixedDelay(this::runDue, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Runs retention for the projects that are due (what the schedule does on each tick). */
  public void runDue() {
    try {
      Instant now = clock.instant();
      for (LifecycleDb.Scheduled s : db.scheduled()) {
        if (s.lastRun() == null || !s.lastRun().plus(Duration.ofMinutes(s.everyMinutes())).isAfter(now)) {
          runRetention(s.project(), false);
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("scheduled retention failed: {}", e.toString(), e);
    }
  }

  @Override
  public synchronized void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      try {
        scheduler.awaitTermination(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      scheduler = null;
    }
    registry.manifests().setTagGuard(null);
  }
}
