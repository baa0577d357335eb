package dev.signet.registry.server.trust;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A project's verified-pull policy.
 *
 * @param project the first path component of the repositories it governs
 * @param anchors trusted keys and certificate authorities, in the order given
 * @param threshold how many distinct trusted signers (keys) must have signed
 * @param requiredAnnotations pairs every counted signature must carry in its signed payload (simple
 *     signing {@code optional}, in-toto subject annotations)
 * @param updated when it was last set (null for the default policy)
 */
public record TrustPolicy(
    String project, TrustMode mode, List<TrustAnchor> anchors, int threshold,
    Map<String, String> requiredAnnotations, IndexRule indexRule, Instant updated) {

  /** A project name: one repository path component. */
  private static final Pattern PROJECT = Pattern.compile("[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*");

  public TrustPolicy {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(indexRule, "indexRule");
    checkProject(project);
    anchors = List.copyOf(dedupe(anchors));
    requiredAnnotations = java.util.Collections.unmodifiableMap(new TreeMap<>(requiredAnnotations));
    if (threshold < 1) {
      throw new IllegalArgumentException("threshold must be at least 1, not " + threshold);
    }
    if (mode != TrustMode.OFF && anchors.isEmpty()) {
      throw new IllegalArgumentException("mode " + mode.wireName() + " needs at least one key or certificate "
          + "authority");
    }
    boolean keysOnly = anchors.stream().allMatch(a -> a.kind() == TrustAnchor.Kind.KEY);
    if (mode != TrustMode.OFF && keysOnly && threshold > anchors.size()) {
      throw new IllegalArgumentException("threshold " + threshold + " cannot be met by " + anchors.size()
          + " trusted key" + (anchors.size() == 1 ? "" : "s"));
    }
  }

  /** The policy of a project nobody configured: off, no trust material. */
  public static TrustPolicy off(String project) {
    return new TrustPolicy(project, TrustMode.OFF, List.of(), 1, Map.of(), IndexRule.INHERIT, null);
  }

  /** Throws IllegalArgumentException unless {@code project} is a valid project name. */
  public static String checkProject(String project) {
    if (project == null || !PROJECT.matcher(project).matches()) {
      throw new IllegalArgumentException("invalid project name " + project);
    }
    return project;
  }

  /** The project a repository belongs to: its first path component. */
  public static String projectOf(String repository) {
    int slash = repository.indexOf('/');
    return slash < 0 ? repository : repository.substring(0, slash);
  }

  public Set<String> fingerprints() {
    return anchors.stream().map(TrustAnchor::fingerprint).collect(Collectors.toUnmodifiableSet());
  }

  public List<TrustAnchor> keys() {
    return anchors.stream().filter(a -> a.kind() == TrustAnchor.Kind.KEY).toList();
  }

  public List<TrustAnchor> certificateAuthorities() {
    return anchors.stream().filter(a -> a.kind() == TrustAnchor.Kind.CA).toList();
  }

  /** True when the signed {@code annotations} hold every required pair. */
  public boolean annotationsSatisfied(Map<String, String> annotations) {
    return requiredAnnotations.entrySet().stream()
        .allMatch(e -> e.getValue().equals(annotations.get(e.getKey())));
  }

  private static List<TrustAnchor> dedupe(List<TrustAnchor> anchors) {
    Map<String, TrustAnchor> byFingerprint = new LinkedHashMap<>();
    anchors.forEach(a -> byFingerprint.putIfAbsent(a.fingerprint(), a));
    return new ArrayList<>(byFingerprint.values());
  }
}
