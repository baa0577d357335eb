package dev.signet.registry.server.trust;

import java.util.Locale;

/** What a project's policy does at pull time. */
public enum TrustMode {
  /** No checks: everything is served. */
  OFF,
  /** Everything is served; pulls of content that does not satisfy the policy are recorded. */
  AUDIT,
  /** Manifests that do not satisfy the policy are refused with 412. */
  ENFORCE;

  /** {@code off}, {@code audit} or {@code enforce} (any case). */
  public static TrustMode parse(String s) {
    for (TrustMode m : values()) {
      if (m.name().equalsIgnoreCase(s == null ? "" : s.trim())) {
        return m;
      }
    }
    throw new IllegalArgumentException("mode must be off, audit or enforce, not " + s);
  }

  /** The lower-case wire name. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
