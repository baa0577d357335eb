package dev.signet.tuf;

import java.time.Instant;
import java.util.Map;

/** The {@code signed} part of {@code snapshot.json}: versions (and maybe lengths/hashes) of targets metadata. */
public record SnapshotMetadata(int version, Instant expires, Map<String, MetaFile> meta) implements Metadata {
  public SnapshotMetadata {
    meta = Map.copyOf(meta);
  }
}
