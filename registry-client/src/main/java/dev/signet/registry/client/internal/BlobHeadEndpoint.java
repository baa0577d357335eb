package dev.signet.registry.client.internal;

import dev.signet.oci.Digest;
import dev.signet.oci.reference.Repository;
import dev.signet.registry.client.ErrorCode;
import dev.signet.registry.client.RegistryException;
import dev.signet.registry.client.auth.AuthScope;
import java.net.URI;
import java.util.Optional;

/** {@code HEAD /v2/<name>/blobs/<digest>}: the size (-1 if unknown), or empty when absent. */
public final class BlobHeadEndpoint implements Endpoint<Optional<Long>> {
  private final Repository repo;
  private final Digest digest;

  public BlobHeadEndpoint(Repository repo, Digest digest) {
    this.repo = repo;
    this.digest = digest;
  }

  @Override
  public HttpCall request(URI base) {
    return HttpCall.of("HEAD", Paths.v2(base, repo, "blobs/" + digest));
  }

  @Override
  public AuthScope scope() {
    return AuthScope.pull(repo);
  }

  @Override
  public String action() {
    return "HEAD blob " + repo + "@" + digest;
  }

  @Override
  public ErrorCode notFoundCode() {
    return ErrorCode.BLOB_UNKNOWN;
  }

  @Override
  public Optional<Long> handle(Response r) throws RegistryException {
    if (r.status() == 404) {
      return Optional.empty();
    }
    r.expect(200);
    return Optional.of(r.headers().firstValueAsLong("Content-Length").orElse(-1));
  }
}
