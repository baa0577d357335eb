package dev.signet.registry.server.storage;

import dev.signet.oci.Digest;
import java.util.Objects;

/** An accessory attached to a subject (which need not exist yet) in the same repository. */
public record Link(Digest subject, Digest accessory, LinkKind kind) {
  public Link {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(accessory, "accessory");
    Objects.requireNonNull(kind, "kind");
  }
}
