package dev.signet.registry.server.storage;

import dev.signet.oci.Descriptor;
import dev.signet.oci.Digest;
import java.util.List;

/** Indexed look-ups of what is attached to a subject; neither method reads stored manifest bytes. */
public interface AccessoryIndex {

  /**
   * Descriptors (media type, size, digest, artifactType, annotations) of the manifests whose
   * {@code subject} is {@code subject}, sorted by digest, optionally only those of {@code artifactType}.
   */
  List<Descriptor> referrers(String repository, Digest subject, String artifactType);

  /** Every manifest attached to {@code subject} in any way, sorted by creation time then digest. */
  List<AccessoryRecord> accessories(String repository, Digest subject);
}
