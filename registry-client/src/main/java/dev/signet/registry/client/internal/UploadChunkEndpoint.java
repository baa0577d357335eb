package dev.signet.registry.client.internal;

import dev.signet.oci.reference.Repository;
import dev.signet.registry.client.ErrorCode;
import dev.signet.registry.client.RegistryException;
import dev.signet.registry.client.RegistryTransportException;
import dev.signet.registry.client.auth.AuthScope;
import java.net.URI;

/**
 * {@code PATCH <location>} with one chunk and {@code Content-Range: <start>-<end>} (inclusive); returns
 * the next {@code Location}. Not retried: a registry may have appended the bytes before failing.
 */
public final class UploadChunkEndpoint implements Endpoint<URI> {
  private final Repository repo;
  private final URI location;
  private final byte[] chunk;
  private final long offset;

  public UploadChunkEndpoint(Repository repo, URI location, byte[] chunk, long offset) {
    this.repo = repo;
    this.location = location;
    this.chunk = chunk;
    this.offset = offset;
  }

  @Override
  public HttpCall request(URI base) {
    return HttpCall.of("PATCH", location).body(chunk, "application/octet-stream")
        .header("Content-Range", offset + "-" + (offset + chunk.length - 1));
  }

  @Override
  public AuthScope scope() {
    return AuthScope.push(repo);
  }

  @Override
  public String action() {
    return "PATCH blob upload " + repo + " bytes " + offset + "-" + (offset + chunk.length - 1);
  }

  @Override
  public ErrorCode notFoundCode() {
    return ErrorCode.BLOB_UPLOAD_UNKNOWN;
  }

  @Override
  public boolean retryable() {
    return false;
  }

  @Override
  public URI handle(Response r) throws RegistryException {
    r.expect(202, 204);
    String range = r.header("Range").orElse(null);
    long end = offset + chunk.length - 1;
    if (range != null && !range.trim().endsWith("-" + end)) {
      throw new RegistryTransportException(action(), "registry reports stored range " + range + ", expected 0-"
          + end, r.status(), java.util.List.of(), null);
    }
    return r.header("Location").map(l -> r.uri().resolve(l)).orElse(location);
  }
}
