package dev.signet.registry.server.auth;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a bearer token was issued for: per repository, the token-auth actions ({@code pull}, {@code push},
 * {@code delete}, {@code *} for all), as in the {@code access} claim of distribution's tokens. Actions do
 * not imply each other here; {@code *} covers every action.
 */
public record TokenGrant(Map<String, Set<String>> repositories) {

  public TokenGrant {
    Map<String, Set<String>> copy = new TreeMap<>();
    repositories.forEach((repo, actions) -> copy.put(repo, java.util.Collections.unmodifiableSet(new TreeSet<>(actions))));
    repositories = java.util.Collections.unmodifiableMap(copy);
  }

  public static TokenGrant of(List<Scope> scopes) {
    Map<String, Set<String>> out = new TreeMap<>();
    for (Scope s : scopes) {
      if (s.isRepository()) {
        out.computeIfAbsent(s.name(), k -> new TreeSet<>()).addAll(s.actions());
      }
    }
    return new TokenGrant(out);
  }

  /** True when the token covers {@code role}'s action on {@code repository}. */
  public boolean allows(String repository, Role role) {
    Set<String> actions = repositories.get(repository);
    return actions != null && (actions.contains("*") || actions.contains(role.action()));
  }

  /** The grant as {@link Scope}s, one per repository. */
  public List<Scope> scopes() {
    return repositories.entrySet().stream().map(e -> new Scope(Scope.REPOSITORY, e.getKey(), e.getValue())).toList();
  }
}
