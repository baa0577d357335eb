package dev.signet.registry.client.internal;

import dev.signet.oci.Digest;
import dev.signet.oci.ManifestFormatException;
import dev.signet.oci.Manifests;
import dev.signet.oci.MediaTypes;
import dev.signet.oci.reference.ImageReference;
import dev.signet.registry.client.DigestMismatchException;
import dev.signet.registry.client.Manifest;
import dev.signet.registry.client.RegistryException;
import dev.signet.registry.client.RegistryTransportException;
import java.util.Set;

/**
 * {@code GET /v2/<name>/manifests/<ref>}: the bytes, verified against the requested digest and against
 * {@code Docker-Content-Digest}; the media type from {@code Content-Type}, else from the document.
 */
public final class ManifestGetEndpoint extends ManifestReadEndpoint<Manifest> {
  private static final Set<String> GENERIC_TYPES =
      Set.of("", "application/json", "text/plain", "application/octet-stream");

  private final long maxBytes;

  public ManifestGetEndpoint(ImageReference ref, long maxBytes) {
    super("GET", ref);
    this.maxBytes = maxBytes;
  }

  @Override
  public Manifest handle(Response r) throws RegistryException {
    r.expect(200);
    byte[] bytes = r.bytes(maxBytes);
    Digest digest = verify(bytes, r.header("Docker-Content-Digest").orElse(null));
    return new Manifest(bytes, mediaType(r.contentType(), bytes), digest, r.header("ETag"));
  }

  private Digest verify(byte[] bytes, String header) throws RegistryException {
    if (ref.digest().isPresent()) {
      Digest wanted = ref.digest().get();
      if (!wanted.matches(bytes)) {
        throw new DigestMismatchException(action(), "the registry served content whose digest is "
            + Digest.of(wanted.algorithm(), bytes) + ", not " + wanted);
      }
    }
    Digest reported = header == null || !Digest.isDigest(header.trim()) ? null : parse(header.trim());
    if (reported != null && !reported.matches(bytes)) {
      throw new DigestMismatchException(action(), "Docker-Content-Digest " + reported
          + " does not match the served content (" + Digest.of(reported.algorithm(), bytes) + ")");
    }
    return ref.digest().orElse(reported != null ? reported : Digest.sha256(bytes));
  }

  private String mediaType(String contentType, byte[] bytes) throws RegistryException {
    if (!GENERIC_TYPES.contains(contentType)) {
      return contentType;
    }
    try {
      String declared = Manifests.declaredMediaType(bytes);
      if (declared != null) {
        return declared;
      }
      return Manifests.isIndex(bytes) ? MediaTypes.OCI_INDEX : MediaTypes.OCI_MANIFEST;
    } catch (ManifestFormatException e) {
      throw new RegistryTransportException(action(), "registry answered HTTP 200 with "
          + (contentType.isEmpty() ? "an untyped body" : contentType) + " that is not a manifest: " + e.getMessage(), e);
    }
  }

  private static Digest parse(String s) {
    try {
      return Digest.parse(s);
    } catch (dev.signet.oci.InvalidDigestException e) {
      throw new IllegalStateException(e);
    }
  }
}
