package dev.signet.registry.client.internal;

import dev.signet.oci.MediaTypes;
import dev.signet.oci.reference.ImageReference;
import dev.signet.registry.client.ErrorCode;
import dev.signet.registry.client.auth.AuthScope;
import java.net.URI;

/** What GET and HEAD of {@code /v2/<name>/manifests/<ref>} share: the path, Accept, pull scope, action. */
abstract class ManifestReadEndpoint<T> implements Endpoint<T> {
  final ImageReference ref;
  private final String method;

  ManifestReadEndpoint(String method, ImageReference ref) {
    this.method = method;
    this.ref = ref;
  }

  @Override
  public HttpCall request(URI base) {
    return HttpCall.of(method, Paths.v2(base, ref.repository(), "manifests/" + ref.identifier()))
        .header("Accept", MediaTypes.manifestAccept());
  }

  @Override
  public AuthScope scope() {
    return AuthScope.pull(ref.repository());
  }

  @Override
  public String action() {
    return method + " manifest " + ref;
  }

  @Override
  public ErrorCode notFoundCode() {
    return ErrorCode.MANIFEST_UNKNOWN;
  }
}
