package dev.signet.tuf.repo;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link TufRepository} signs: the key type of newly generated keys and how long each role's
 * metadata stays valid. {@link TufRepository#refresh()} re-signs a role once less than half of its
 * lifetime is left, so a daily refresh keeps the defaults (timestamp one week) valid.
 */
public record RepositoryConfig(
    SigningKey.Type keyType, Duration rootExpiry, Duration targetsExpiry, Duration snapshotExpiry,
    Duration timestampExpiry) {
  public RepositoryConfig {
    Objects.requireNonNull(keyType, "keyType");
    for (Duration d : new Duration[] {rootExpiry, targetsExpiry, snapshotExpiry, timestampExpiry}) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("expiry durations must be positive");
      }
    }
  }

  /** Ed25519 keys; root and targets one year, snapshot four weeks, timestamp one week. */
  public static RepositoryConfig defaults() {
    return new RepositoryConfig(SigningKey.Type.ED25519, Duration.ofDays(365), Duration.ofDays(365),
        Duration.ofDays(28), Duration.ofDays(7));
  }

  public RepositoryConfig withKeyType(SigningKey.Type type) {
    return new RepositoryConfig(type, rootExpiry, targetsExpiry, snapshotExpiry, timestampExpiry);
  }

  public RepositoryConfig withTimestampExpiry(Duration d) {
    return new RepositoryConfig(keyType, rootExpiry, targetsExpiry, snapshotExpiry, d);
  }

  public RepositoryConfig withSnapshotExpiry(Duration d) {
    return new RepositoryConfig(keyType, rootExpiry, targetsExpiry, d, timestampExpiry);
  }

  Duration expiry(String role) {
    return switch (role) {
      case MetadataBuilder.ROOT -> rootExpiry;
      case MetadataBuilder.TARGETS -> targetsExpiry;
      case MetadataBuilder.SNAPSHOT -> snapshotExpiry;
      case MetadataBuilder.TIMESTAMP -> timestampExpiry;
      default -> throw new IllegalArgumentException(role);
    };
  }
}
