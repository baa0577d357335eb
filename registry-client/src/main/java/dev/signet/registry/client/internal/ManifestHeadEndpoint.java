package dev.signet.registry.client.internal;

import dev.signet.oci.reference.ImageReference;
import dev.signet.registry.client.RegistryException;
import java.util.Optional;

/** {@code HEAD /v2/<name>/manifests/<ref>}: empty on 404; the raw headers otherwise. */
public final class ManifestHeadEndpoint extends ManifestReadEndpoint<Optional<ManifestHeadEndpoint.Head>> {

  /** What the HEAD answered: the Docker-Content-Digest value (may be null), media type and length. */
  public record Head(String digestHeader, String mediaType, long size) {}

  public ManifestHeadEndpoint(ImageReference ref) {
    super("HEAD", ref);
  }

  @Override
  public Optional<Head> handle(Response r) throws RegistryException {
    if (r.status() == 404) {
      return Optional.empty();
    }
    r.expect(200);
    long size = r.headers().firstValueAsLong("Content-Length").orElse(-1);
    return Optional.of(new Head(r.header("Docker-Content-Digest").orElse(null), r.contentType(), size));
  }
}
