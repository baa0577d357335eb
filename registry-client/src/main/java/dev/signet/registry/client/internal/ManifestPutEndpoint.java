package dev.signet.registry.client.internal;

import dev.signet.oci.Digest;
import dev.signet.oci.reference.Repository;
import dev.signet.registry.client.DigestMismatchException;
import dev.signet.registry.client.ErrorCode;
import dev.signet.registry.client.Precondition;
import dev.signet.registry.client.RegistryException;
import dev.signet.registry.client.auth.AuthScope;
import java.net.URI;

/**
 * {@code PUT /v2/<name>/manifests/<tagOrDigest>} with the exact bytes; returns their digest after
 * checking it against the registry's {@code Docker-Content-Digest}.
 */
public final class ManifestPutEndpoint implements Endpoint<Digest> {
  private final Repository repo;
  private final String reference;
  private final byte[] body;
  private final String mediaType;
  private final Precondition precondition;
  private final Digest digest;

  /** @param digest the digest of {@code body} (computed by the caller with the algorithm to report) */
  public ManifestPutEndpoint(Repository repo, String reference, byte[] body, String mediaType,
      Precondition precondition, Digest digest) {
    this.repo = repo;
    this.reference = reference;
    this.body = body.clone();
    this.mediaType = mediaType;
    this.precondition = precondition;
    this.digest = digest;
  }

  @Override
  public HttpCall request(URI base) {
    HttpCall call = HttpCall.of("PUT", Paths.v2(base, repo, "manifests/" + reference)).body(body, mediaType);
    if (precondition.headerName().isPresent()) {
      call = call.header(precondition.headerName().get(), precondition.headerValue().orElseThrow());
    }
    return call;
  }

  @Override
  public AuthScope scope() {
    return AuthScope.push(repo);
  }

  @Override
  public String action() {
    return "PUT manifest " + repo + (reference.contains(":") ? "@" : ":") + reference;
  }

  @Override
  public ErrorCode notFoundCode() {
    return ErrorCode.NAME_UNKNOWN;
  }

  @Override
  public Digest handle(Response r) throws RegistryException {
    if (r.status() < 200 || r.status() > 299) {
      throw r.failure();
    }
    String reported = r.header("Docker-Content-Digest").map(String::trim).orElse(null);
    if (reported != null && Digest.isDigest(reported) && reported.startsWith(digest.algorithm() + ":")
        && !reported.equals(digest.toString())) {
      throw new DigestMismatchException(action(), "registry reports digest " + reported + " for content whose digest is "
          + digest + " (it did not store the exact bytes)");
    }
    return digest;
  }
}
