package dev.signet.registry.client.auth;

import dev.signet.oci.reference.Repository;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The access a request needs, as docker token-auth scope strings such as
 * {@code repository:team/app:pull,push}. Equal scopes share one cached token.
 */
public record AuthScope(List<String> scopes) {

  public AuthScope {
    scopes = List.copyOf(new LinkedHashSet<>(scopes));
  }

  /** No repository access (e.g. {@code GET /v2/}). */
  public static AuthScope none() {
    return new AuthScope(List.of());
  }

  public static AuthScope pull(Repository repo) {
    return repository(repo, "pull");
  }

  public static AuthScope push(Repository repo) {
    return repository(repo, "pull,push");
  }

  /** What distribution asks for on DELETE. */
  public static AuthScope delete(Repository repo) {
    return repository(repo, "delete");
  }

  /** Push to {@code to} and pull from {@code from}, for a cross-repository mount. */
  public static AuthScope mount(Repository to, Repository from) {
    return push(to).plus("repository:" + from.path() + ":pull");
  }

  private static AuthScope repository(Repository repo, String actions) {
    return new AuthScope(List.of("repository:" + repo.path() + ":" + actions));
  }

  /** This scope plus another scope string. */
  public AuthScope plus(String scope) {
    List<String> more = new ArrayList<>(scopes);
    more.add(scope);
    return new AuthScope(more);
  }

  /**
   * This scope merged with a challenge's space-separated {@code scope} parameter: actions on a resource
   * this scope already names are added to it, other resources are appended.
   */
  public AuthScope withChallengeScopes(String challengeScope) {
    Map<String, Set<String>> byResource = new LinkedHashMap<>();
    for (String s : scopes) {
      addTo(byResource, s);
    }
    for (String s : challengeScope.trim().split(" +")) {
      addTo(byResource, s);
    }
    List<String> merged = new ArrayList<>();
    byResource.forEach((resource, actions) -> merged.add(resource + String.join(",", actions)));
    return new AuthScope(merged);
  }

  /** The cache key: the scope strings joined by spaces. */
  public String key() {
    return String.join(" ", scopes);
  }

  @Override
  public String toString() {
    return key().isEmpty() ? "(no scope)" : key();
  }

  private static void addTo(Map<String, Set<String>> byResource, String scope) {
    int last = scope.lastIndexOf(':');
    if (last <= 0) {
      return;
    }
    Set<String> actions = byResource.computeIfAbsent(scope.substring(0, last + 1), k -> new LinkedHashSet<>());
    for (String a : scope.substring(last + 1).split(",")) {
      if (!a.isEmpty()) {
        actions.add(a);
      }
    }
  }
}
