package dev.signet.registry.server.auth;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One docker token-auth scope, {@code type:name:actions} such as {@code repository:team/app:pull,push}.
 * The name may itself contain colons (the type ends at the first colon, the actions start after the last).
 */
public record Scope(String type, String name, Set<String> actions) {
  public static final String REPOSITORY = "repository";

  public Scope {
    actions = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(actions));
  }

  public boolean isRepository() {
    return REPOSITORY.equals(type);
  }

  /** Parses the space-separated scopes of one or more {@code scope} parameters; malformed ones are skipped. */
  public static List<Scope> parseAll(List<String> params) {
    List<Scope> out = new ArrayList<>();
    for (String param : params) {
      for (String s : param.trim().split("\\s+")) {
        int first = s.indexOf(':');
        int last = s.lastIndexOf(':');
        if (first <= 0 || last <= first + 1) {
          continue;
        }
        Set<String> actions = new LinkedHashSet<>();
        for (String a : s.substring(last + 1).split(",")) {
          if (!a.isBlank()) {
            actions.add(a.trim());
          }
        }
        if (actions.isEmpty()) {
          continue;
        }
        String type = s.substring(0, first);
        // "repository(plugin)" and the like: the class in parentheses does not matter here
        int paren = type.indexOf('(');
        out.add(new Scope(paren > 0 ? type.substring(0, paren) : type, s.substring(first + 1, last), actions));
      }
    }
    return out;
  }

  /** {@code type:name:a,b}. */
  public String format() {
    return type + ":" + name + ":" + String.join(",", actions);
  }
}
