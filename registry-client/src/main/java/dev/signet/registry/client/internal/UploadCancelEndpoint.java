package dev.signet.registry.client.internal;

import dev.signet.oci.reference.Repository;
import dev.signet.registry.client.ErrorCode;
import dev.signet.registry.client.RegistryException;
import dev.signet.registry.client.auth.AuthScope;
import java.net.URI;

/** {@code DELETE <location>}: abandons an upload session (204). */
public final class UploadCancelEndpoint implements Endpoint<Void> {
  private final Repository repo;
  private final URI location;

  public UploadCancelEndpoint(Repository repo, URI location) {
    this.repo = repo;
    this.location = location;
  }

  @Override
  public HttpCall request(URI base) {
    return HttpCall.of("DELETE", location);
  }

  @Override
  public AuthScope scope() {
    return AuthScope.delete(repo);
  }

  @Override
  public String action() {
    return "DELETE blob upload " + repo;
  }

  @Override
  public ErrorCode notFoundCode() {
    return ErrorCode.BLOB_UPLOAD_UNKNOWN;
  }

  @Override
  public Void handle(Response r) throws RegistryException {
    r.expect(200, 202, 204);
    return null;
  }
}
