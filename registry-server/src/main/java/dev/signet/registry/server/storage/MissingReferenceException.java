package dev.signet.registry.server.storage;

import java.util.List;

/** A manifest points at blobs or manifests the repository does not have. */
public final class MissingReferenceException extends StoreException {
  private static final long serialVersionUID = 1L;
  private final transient List<Reference> missing;

  public MissingReferenceException(List<Reference> missing) {
    super("missing " + missing.stream().map(r -> r.kind().name().toLowerCase(java.util.Locale.ROOT) + " "
        + r.digest()).reduce((a, b) -> a + ", " + b).orElse("nothing"));
    this.missing = List.copyOf(missing);
  }

  public List<Reference> missing() {
    return missing;
  }
}
