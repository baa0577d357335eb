package dev.signet.registry.server.trust;

import java.util.Locale;

/**
 * How a manifest listed in an image index is judged (multi-arch images are often signed only at the
 * index, and runtimes then pull the platform manifest by digest).
 */
public enum IndexRule {
  /**
   * The default: a manifest is allowed when it satisfies the policy itself, or when an index in the same
   * repository that lists it (directly, or through nested indexes up to {@link #MAX_DEPTH} levels)
   * satisfies it.
   */
  INHERIT,
  /** Every manifest must satisfy the policy itself (sign with {@code --recursive}). */
  OWN;

  /** How many index levels above a manifest are searched for a satisfying index. */
  public static final int MAX_DEPTH = 4;

  /** {@code inherit} or {@code own} (any case). */
  public static IndexRule parse(String s) {
    for (IndexRule r : values()) {
      if (r.name().equalsIgnoreCase(s == null ? "" : s.trim())) {
        return r;
      }
    }
    throw new IllegalArgumentException("indexChildren must be inherit or own, not " + s);
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
