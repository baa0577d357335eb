package dev.signet.registry.server.storage;

import dev.signet.oci.Digest;
import java.time.Instant;
import java.util.Set;

/**
 * A manifest attached to a subject, as listed by the accessories API.
 *
 * @param via every way it is attached (subject field, legacy tag, fallback index)
 */
public record AccessoryRecord(
    Digest digest, String type, String mediaType, String artifactType, long size, Instant created,
    Set<LinkKind> via) {
  public AccessoryRecord {
    via = Set.copyOf(via);
  }
}
