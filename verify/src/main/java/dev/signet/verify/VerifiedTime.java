package dev.signet.verify;

import java.time.Instant;
import java.util.Objects;

/**
 * A verified signing time and where it came from.
 *
 * @param authority the log's or timestamp authority's URL
 */
public record VerifiedTime(Instant time, Source source, String authority) {
  /** The kinds of time source. */
  public enum Source {
    /** A Rekor v1 entry's integrated time, vouched for by its SET. */
    TLOG_INTEGRATED_TIME,
    /** An RFC 3161 timestamp by a trusted timestamp authority. */
    TIMESTAMP_AUTHORITY
  }

  public VerifiedTime {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(authority, "authority");
  }
}
