package dev.signet.tuf;

import java.time.Instant;

/** What every top-level metadata file's {@code signed} part has. */
public sealed interface Metadata permits RootMetadata, TimestampMetadata, SnapshotMetadata, TargetsMetadata {
  int version();

  Instant expires();

  /** {@code root.json v3} etc., the prefix of messages about this file. */
  default String label(Role role) {
    return role.fileName() + " v" + version();
  }
}
