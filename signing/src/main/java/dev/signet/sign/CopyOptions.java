package dev.signet.sign;

import java.util.Set;

/**
 * Options of {@code copy}: {@code only} restricts accessories to these categories ({@code sig},
 * {@code att}, {@code sbom}; empty copies everything, including other referrers); {@code force}
 * overwrites a destination tag that points elsewhere.
 */
public record CopyOptions(Set<String> only, boolean force) {
  public CopyOptions {
    only = Set.copyOf(only);
  }

  public static CopyOptions all() {
    return new CopyOptions(Set.of(), false);
  }

  boolean includes(Accessory a) {
    return only.isEmpty() || only.contains(a.category());
  }
}
