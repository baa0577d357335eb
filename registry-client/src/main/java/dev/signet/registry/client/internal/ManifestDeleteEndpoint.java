package dev.signet.registry.client.internal;

import dev.signet.oci.reference.ImageReference;
import dev.signet.registry.client.ErrorCode;
import dev.signet.registry.client.RegistryException;
import dev.signet.registry.client.UnsupportedByRegistryException;
import dev.signet.registry.client.auth.AuthScope;
import java.net.URI;

/**
 * {@code DELETE /v2/<name>/manifests/<ref>}. Distribution 2.x refuses tag deletes with
 * {@code 400 DIGEST_INVALID}; that is reported as {@link UnsupportedByRegistryException}.
 */
public final class ManifestDeleteEndpoint implements Endpoint<Void> {
  private final ImageReference ref;

  public ManifestDeleteEndpoint(ImageReference ref) {
    this.ref = ref;
  }

  @Override
  public HttpCall request(URI base) {
    return HttpCall.of("DELETE", Paths.v2(base, ref.repository(), "manifests/" + ref.identifier()));
  }

  @Override
  public AuthScope scope() {
    return AuthScope.delete(ref.repository());
  }

  @Override
  public String action() {
    return "DELETE manifest " + ref;
  }

  @Override
  public ErrorCode notFoundCode() {
    return ErrorCode.MANIFEST_UNKNOWN;
  }

  @Override
  public Void handle(Response r) throws RegistryException {
    if (r.status() == 200 || r.status() == 202 || r.status() == 204) {
      return null;
    }
    RegistryException e = r.failure();
    if (ref.tag().isPresent() && r.status() == 400 && e.errorCode().orElse(null) == ErrorCode.DIGEST_INVALID) {
      throw new UnsupportedByRegistryException(action(), "the registry does not delete tags ("
          + e.errors().get(0) + "); delete by digest instead", 400, e.errors(), e);
    }
    throw e;
  }
}
