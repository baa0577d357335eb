package dev.signet.tuf;

import java.util.List;

/** A role entry of root metadata: the key ids allowed to sign for it and how many must. */
public record RoleKeys(List<String> keyIds, int threshold) {
  public RoleKeys {
    keyIds = List.copyOf(keyIds);
  }
}
