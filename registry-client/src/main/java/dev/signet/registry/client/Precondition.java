package dev.signet.registry.client;

import java.util.Optional;

/**
 * A condition on a manifest PUT: {@code If-Match: <etag>} (replace only what was read) or
 * {@code If-None-Match: *} (create only). A registry that checks the condition answers 412, raised as
 * {@link PreconditionFailedException}; registries that ignore these headers (distribution 2.8) just
 * store the manifest.
 */
public final class Precondition {
  private static final Precondition NONE = new Precondition(null, null);

  private final String header;
  private final String value;

  private Precondition(String header, String value) {
    this.header = header;
    this.value = value;
  }

  public static Precondition none() {
    return NONE;
  }

  /** Replace only if the current manifest still has this ETag (as returned by {@link Manifest#etag()}). */
  public static Precondition ifMatch(String etag) {
    if (etag == null || etag.isBlank()) {
      throw new IllegalArgumentException("an ETag is required");
    }
    return new Precondition("If-Match", etag);
  }

  /** Create only: fail if anything exists under the reference. */
  public static Precondition ifNoneMatchAny() {
    return new Precondition("If-None-Match", "*");
  }

  /** The header name, or empty for {@link #none()}. */
  public Optional<String> headerName() {
    return Optional.ofNullable(header);
  }

  public Optional<String> headerValue() {
    return Optional.ofNullable(value);
  }

  @Override
  public String toString() {
    return header == null ? "unconditional" : header + ": " + value;
  }
}
