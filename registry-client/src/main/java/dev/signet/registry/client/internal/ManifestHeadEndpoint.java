package dev.signet.registry.client.internal;

import dev.signet.oci.MediaTypes;
import dev.signet.oci.reference.ImageReference;
import dev.signet.registry.client.ErrorCode;
import dev.signet.registry.client.RegistryException;
import dev.signet.registry.client.auth.AuthScope;
import java.net.URI;
import java.util.Optional;

/** {@code HEAD /v2/<name>/manifests/<ref>}: empty on 404; the raw headers otherwise. */
public final class ManifestHeadEndpoint implements Endpoint<Optional<ManifestHeadEndpoint.Head>> {

  /** What the HEAD answered: the Docker-Content-Digest value (may be null), media type and length. */
  public record Head(String digestHeader, String mediaType, long size) {}

  private final ImageReference ref;

  public ManifestHeadEndpoint(ImageReference ref) {
    this.ref = ref;
  }

  @Override
  public HttpCall request(URI base) {
    return HttpCall.of("HEAD", Paths.v2(base, ref.repository(), "manifests/" + ref.identifier()))
        .header("Accept", MediaTypes.manifestAccept());
  }

  @Override
  public AuthScope scope() {
    return AuthScope.pull(ref.repository());
  }

  @Override
  public String action() {
    return "HEAD manifest " + ref;
  }

  @Override
  public ErrorCode notFoundCode() {
    return ErrorCode.MANIFEST_UNKNOWN;
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
