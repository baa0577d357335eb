package dev.signet.registry.server.lifecycle;

import dev.signet.registry.server.replication.Glob;
import dev.signet.registry.server.trust.TrustPolicy;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A project's lifecycle policy: immutable tag patterns and retention rules.
 *
 * @param immutableTags tag globs ({@link Glob} syntax, e.g. {@code v*}); a matching tag cannot be moved or deleted
 * @param keepLastTags keep the {@code count} most recently pushed tags matching {@code pattern}, per repository
 *     (null: no such rule)
 * @param keepDays keep tags pushed within this many days (null: no such rule)
 * @param runEveryMinutes run retention on this interval (null: manual runs only)
 * @param updated when the policy was stored (null before)
 */
public record LifecyclePolicy(String project, List<String> immutableTags, KeepLast keepLastTags, Integer keepDays,
    Integer runEveryMinutes, Instant updated) {

  /** Keep the last {@code count} tags matching {@code pattern}. */
  public record KeepLast(String pattern, int count) {
    public KeepLast {
      Glob.of(pattern);
      if (count < 0) {
        throw new IllegalArgumentException("keepLastTags.count must not be negative, not " + count);
      }
    }

    boolean matches(String tag) {
      return Glob.of(pattern).matches(tag);
    }
  }

  public LifecyclePolicy {
    TrustPolicy.checkProject(project);
    immutableTags = List.copyOf(new LinkedHashSet<>(immutableTags == null ? List.of() : immutableTags));
    immutableTags.forEach(Glob::of);
    if (keepDays != null && keepDays < 0) {
      throw new IllegalArgumentException("keepDays must not be negative, not " + keepDays);
    }
    if (runEveryMinutes != null && runEveryMinutes < 1) {
      throw new IllegalArgumentException("runEveryMinutes must be at least 1, not " + runEveryMinutes);
    }
  }

  /** No immutable tags, no retention. */
  public static LifecyclePolicy none(String project) {
    return new LifecyclePolicy(project, List.of(), null, null, null, null);
  }

  /** Whether any retention rule is set (without one, a retention run deletes nothing). */
  public boolean hasRetention() {
    return keepLastTags != null || keepDays != null;
  }

  /** The first immutable pattern {@code tag} matches, or null. */
  public String immutablePattern(String tag) {
    for (String p : immutableTags) {
      if (Glob.of(p).matches(tag)) {
        return p;
      }
    }
    return null;
  }
}
