package dev.signet.tuf;

import java.time.Instant;
import java.util.Map;

/**
 * The {@code signed} part of {@code targets.json}. {@code delegated} says whether the file delegates
 * to other roles (which this client does not follow).
 */
public record TargetsMetadata(int version, Instant expires, Map<String, TargetFile> targets, boolean delegated)
    implements Metadata {
  public TargetsMetadata {
    targets = Map.copyOf(targets);
  }
}
