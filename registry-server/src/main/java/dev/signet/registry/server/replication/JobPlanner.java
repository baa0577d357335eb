package dev.signet.registry.server.replication;

import dev.signet.oci.Digest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns rule runs and push events into jobs.
 *
 * <p>Events are ordering-agnostic. An image pushed under a matching tag queues its job. An accessory
 * (a manifest with a {@code subject}, or one pushed under a legacy or fallback tag) queues again every job
 * that replicated its subject, directly or as an index child or accessory; when none did, it queues a
 * job for the subject if the subject is here under a matching tag. An accessory pushed before its subject
 * queues nothing: the subject's own job copies everything attached to it.
 */
final class JobPlanner {
  private final RuleStore rules;
  private final JobStore jobs;
  private final SourceCatalog catalog;
  private final Clock clock;
  private final String localRegistry;

  JobPlanner(RuleStore rules, JobStore jobs, SourceCatalog catalog, Clock clock, String localRegistry) {
    this.rules = rules;
    this.jobs = jobs;
    this.catalog = catalog;
    this.clock = clock;
    this.localRegistry = localRegistry;
  }

  /** Queues a job for every subject under a matching tag in a matching repository; returns how many. */
  int planRule(ReplicationRule rule) {
    int queued = 0;
    for (String repo : catalog.repositories()) {
      if (!selects(rule, repo)) {
        continue;
      }
      Map<Digest, List<String>> bySubject = new LinkedHashMap<>();
      for (String tag : matchingTags(rule, repo)) {
        catalog.resolve(repo, tag).ifPresent(d -> bySubject.computeIfAbsent(d, k -> new ArrayList<>()).add(tag));
      }
      for (Map.Entry<Digest, List<String>> e : bySubject.entrySet()) {
        jobs.enqueue(rule.name(), repo, e.getKey(), e.getValue(), clock.instant());
        queued++;
      }
    }
    return queued;
  }

  /** Queues what {@code event} calls for under every enabled event rule. */
  void planEvent(ManifestEvent event) {
    planEvent(event, eventRules());
  }

  /** The enabled event rules (read once for a batch of events). */
  List<ReplicationRule> eventRules() {
    return rules.list().stream().filter(r -> r.enabled() && r.trigger() == Trigger.EVENT).toList();
  }

  /** As {@link #planEvent(ManifestEvent)} with the rules already read. */
  void planEvent(ManifestEvent event, List<ReplicationRule> eventRules) {
    Optional<Digest> attachedTo = event.attachedTo();
    for (ReplicationRule rule : eventRules) {
      if (!selects(rule, event.repository())) {
        continue;
      }
      if (attachedTo.isPresent()) {
        planAccessory(rule, event.repository(), attachedTo.get());
      } else {
        List<String> tags = event.tags().stream().filter(rule::tagMatches).toList();
        if (!tags.isEmpty()) {
          jobs.enqueue(rule.name(), event.repository(), event.digest(), tags, clock.instant());
        }
      }
    }
  }

  private void planAccessory(ReplicationRule rule, String repo, Digest subject) {
    List<ReplicationJob> covering = jobs.covering(rule.name(), repo, subject);
    for (ReplicationJob job : covering) {
      jobs.enqueue(rule.name(), repo, job.subject(), List.of(), clock.instant());
    }
    if (!covering.isEmpty() || !catalog.contains(repo, subject)) {
      return;
    }
    List<String> tags = new ArrayList<>();
    for (String tag : matchingTags(rule, repo)) {
      if (catalog.resolve(repo, tag).filter(subject::equals).isPresent()) {
        tags.add(tag);
      }
    }
    if (!tags.isEmpty()) {
      jobs.enqueue(rule.name(), repo, subject, tags, clock.instant());
    }
  }

  private List<String> matchingTags(ReplicationRule rule, String repo) {
    return catalog.tags(repo).stream().filter(t -> !ManifestEvent.isAccessoryTag(t) && rule.tagMatches(t)).toList();
  }

  /**
   * True when {@code rule} replicates {@code repo}, unless into this very registry under a name the rule
   * would select again (which would replicate forever).
   */
  private boolean selects(ReplicationRule rule, String repo) {
    if (!rule.appliesTo(repo)) {
      return false;
    }
    return !rule.destinationRegistry().equals(localRegistry) || !rule.appliesTo(rule.destinationRepository(repo));
  }
}
