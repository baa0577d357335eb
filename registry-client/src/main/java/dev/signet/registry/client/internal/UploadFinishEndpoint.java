package dev.signet.registry.client.internal;

import dev.signet.oci.Digest;
import dev.signet.oci.reference.Repository;
import dev.signet.registry.client.DigestMismatchException;
import dev.signet.registry.client.ErrorCode;
import dev.signet.registry.client.RegistryException;
import dev.signet.registry.client.auth.AuthScope;
import java.net.URI;

/** {@code PUT <location>?digest=<digest>}, optionally carrying (the rest of) the content; expects 201. */
public final class UploadFinishEndpoint implements Endpoint<Void> {
  private final Repository repo;
  private final URI location;
  private final Digest digest;
  private final byte[] content;

  public UploadFinishEndpoint(Repository repo, URI location, Digest digest, byte[] content) {
    this.repo = repo;
    this.location = location;
    this.digest = digest;
    this.content = content;
  }

  @Override
  public HttpCall request(URI base) {
    return HttpCall.of("PUT", Paths.withQueryParam(location, "digest=" + digest))
        .body(content, "application/octet-stream");
  }

  @Override
  public AuthScope scope() {
    return AuthScope.push(repo);
  }

  @Override
  public String action() {
    return "PUT blob " + repo + "@" + digest;
  }

  @Override
  public ErrorCode notFoundCode() {
    return ErrorCode.BLOB_UPLOAD_UNKNOWN;
  }

  @Override
  public Void handle(Response r) throws RegistryException {
    r.expect(201, 204);
    String reported = r.header("Docker-Content-Digest").map(String::trim).orElse(null);
    if (reported != null && Digest.isDigest(reported) && reported.startsWith(digest.algorithm() + ":")
        && !reported.equals(digest.toString())) {
      throw new DigestMismatchException(action(), "registry stored the blob as " + reported);
    }
    return null;
  }
}
