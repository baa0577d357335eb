package dev.signet.registry.server.storage;

import dev.signet.oci.Digest;
import java.util.List;
import java.util.Optional;

/**
 * An HTTP precondition on the current target of a manifest PUT ({@code If-Match} / {@code If-None-Match}),
 * evaluated in the same transaction as the write. Entity tags are compared with the manifest digest,
 * quoted or bare; {@code *} matches anything that exists.
 *
 * @param ifMatch the {@code If-Match} entity tags, or empty for no condition
 * @param ifNoneMatch the {@code If-None-Match} entity tags, or empty for no condition
 */
public record Condition(List<String> ifMatch, List<String> ifNoneMatch) {
  public static final Condition NONE = new Condition(List.of(), List.of());

  public Condition {
    ifMatch = List.copyOf(ifMatch);
    ifNoneMatch = List.copyOf(ifNoneMatch);
  }

  /** True when a write may replace {@code current} (empty when nothing exists at the target). */
  public boolean allows(Optional<Digest> current) {
    if (!ifMatch.isEmpty() && (current.isEmpty() || !matchesAny(ifMatch, current.get()))) {
      return false;
    }
    return ifNoneMatch.isEmpty() || current.isEmpty() || !matchesAny(ifNoneMatch, current.get());
  }

  public boolean isNone() {
    return ifMatch.isEmpty() && ifNoneMatch.isEmpty();
  }

  private static boolean matchesAny(List<String> tags, Digest current) {
    for (String t : tags) {
      String v = t.trim();
      if (v.startsWith("W/")) {
        v = v.substring(2);
      }
      if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
        v = v.substring(1, v.length() - 1);
      }
      if (v.equals("*") || v.equals(current.toString())) {
        return true;
      }
    }
    return false;
  }
}
