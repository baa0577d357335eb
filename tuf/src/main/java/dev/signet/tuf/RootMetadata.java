package dev.signet.tuf;

import java.time.Instant;
import java.util.Map;

/** The {@code signed} part of {@code root.json}. */
public record RootMetadata(
    int version, Instant expires, boolean consistentSnapshot, Map<String, TufKey> keys, Map<Role, RoleKeys> roles)
    implements Metadata {
  public RootMetadata {
    keys = Map.copyOf(keys);
    roles = Map.copyOf(roles);
  }

  public RoleKeys role(Role role) {
    return roles.get(role);
  }
}
