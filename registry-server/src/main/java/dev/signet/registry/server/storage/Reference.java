package dev.signet.registry.server.storage;

import dev.signet.oci.Digest;
import java.util.Objects;

/** Something a manifest points at and that must exist in its repository: a blob or another manifest. */
public record Reference(Kind kind, Digest digest) {

  /** What is referenced. */
  public enum Kind {
    /** A config or layer, in the repository's linked blobs. */
    BLOB,
    /** A child manifest of an index, in the repository's manifests. */
    MANIFEST
  }

  public Reference {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(digest, "digest");
  }

  public static Reference blob(Digest digest) {
    return new Reference(Kind.BLOB, digest);
  }

  public static Reference manifest(Digest digest) {
    return new Reference(Kind.MANIFEST, digest);
  }
}
