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
 * @param trustedRoot the Sigstore trusted root the identity anchors are verified against, or null
 * @param requiredAttestations attestation types (cosign short names or predicate type URIs) that must
 *     each be present, attached to the image and verified by an anchor of the policy
 * @param updated when it was last set (null for the default policy)
 */
public record TrustPolicy(
    String project, TrustMode mode, List<TrustAnchor> anchors, int threshold,
    Map<String, String> requiredAnnotations, IndexRule indexRule, PolicyRoot trustedRoot,
    List<String> requiredAttestations, Instant updated) {

  /** A project name: one repository path component. */
  private static final Pattern PROJECT = Pattern.compile("[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*");

  public TrustPolicy {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(indexRule, "indexRule");
    checkProject(project);
    anchors = List.copyOf(dedupe(anchors));
    requiredAnnotations = java.util.Collections.unmodifiableMap(new TreeMap<>(requiredAnnotations));
    requiredAttestations = requiredAttestations == null ? List.of()
        : requiredAttestations.stream().map(String::trim).distinct().toList();
    requiredAttestations.forEach(PredicateTypes::resolve);
    boolean identities = anchors.stream().anyMatch(a -> a.kind() == TrustAnchor.Kind.IDENTITY);
    if (identities && trustedRoot == null) {
      throw new IllegalArgumentException("identities need a trustedRoot to verify keyless signatures against");
    }
    if (trustedRoot != null && !identities) {
      throw new IllegalArgumentException("a trustedRoot needs at least one identity (issuer and subject) to trust");
    }
    for (TrustAnchor a : anchors) {
      if (a.kind() == TrustAnchor.Kind.IDENTITY && !a.root().digest().equals(trustedRoot.digest())) {
        throw new IllegalArgumentException("identity " + a.pem() + " is bound to another trusted root");
      }
    }
    if (threshold < 1) {
      throw new IllegalArgumentException("threshold must be at least 1, not " + threshold);
    }
    if (mode != TrustMode.OFF && anchors.isEmpty()) {
      throw new IllegalArgumentException("mode " + mode.wireName() + " needs at least one key, certificate "
          + "authority or identity");
    }
    boolean keysOnly = anchors.stream().allMatch(a -> a.kind() == TrustAnchor.Kind.KEY);
    if (mode != TrustMode.OFF && keysOnly && threshold > anchors.size()) {
      throw new IllegalArgumentException("threshold " + threshold + " cannot be met by " + anchors.size()
          + " trusted key" + (anchors.size() == 1 ? "" : "s"));
    }
  }

  /** A policy of keys and CAs only, without trusted root or attestation requirements. */
  public TrustPolicy(String project, TrustMode mode, List<TrustAnchor> anchors, int threshold,
      Map<String, String> requiredAnnotations, IndexRule indexRule, Instant updated) {
    this(project, mode, anchors, threshold, requiredAnnotations, indexRule, null, List.of(), updated);
  }

  /** The policy of a project nobody configured: off, no trust material. */
  public static TrustPolicy off(String project) {
    return new TrustPolicy(project, TrustMode.OFF, List.of(), 1, Map.of(), IndexRule.INHERIT, null);
  }

  /** This policy stamped with {@code time}. */
  public TrustPolicy updatedAt(Instant time) {
    return new TrustPolicy(project, mode, anchors, threshold, requiredAnnotations, indexRule, trustedRoot,
        requiredAttestations, time);
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

  public List<TrustAnchor> identities() {
    return anchors.stream().filter(a -> a.kind() == TrustAnchor.Kind.IDENTITY).toList();
  }

  /** The predicate type URIs of {@link #requiredAttestations()}, in order. */
  public List<String> requiredPredicateTypes() {
    return requiredAttestations.stream().map(PredicateTypes::resolve).distinct().toList();
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
