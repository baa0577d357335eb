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

  /**
   * A number that changes after every committed write of this store (and so after every write that may
   * change an answer of this index), for callers that cache answers built from it: an answer computed
   * after reading version {@code v} is current while the version is still {@code v}. Local to this
   * process's store.
   */
  long version();
}
