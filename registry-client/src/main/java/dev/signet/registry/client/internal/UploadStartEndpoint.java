package dev.signet.registry.client.internal;

import dev.signet.oci.Digest;
import dev.signet.oci.reference.Repository;
import dev.signet.registry.client.ErrorCode;
import dev.signet.registry.client.RegistryException;
import dev.signet.registry.client.RegistryTransportException;
import dev.signet.registry.client.auth.AuthScope;
import java.net.URI;

/**
 * {@code POST /v2/<name>/blobs/uploads/}, optionally with {@code ?mount=<digest>&from=<repo>}, or as the
 * spec's single-request monolithic upload ({@code ?digest=<digest>} with the whole blob as the body): 201
 * means the blob is there (mounted or stored), 202 opens an upload session at {@code Location} (a
 * registry without single-POST uploads, such as distribution 2.8, ignores the body and answers 202).
 */
public final class UploadStartEndpoint implements Endpoint<UploadStartEndpoint.Started> {

  /**
   * @param created true when the registry answered 201 (mounted)
   * @param location the upload session (202) or the blob (201), resolved to an absolute URI
   * @param minChunkLength {@code OCI-Chunk-Min-Length}, or 0
   */
  public record Started(boolean created, URI location, long minChunkLength) {}

  private final Repository repo;
  private final Repository mountFrom;
  private final Digest mountDigest;
  private final Digest uploadDigest;
  private final byte[] content;

  public UploadStartEndpoint(Repository repo) {
    this(repo, null, null, null, null);
  }

  public UploadStartEndpoint(Repository repo, Repository mountFrom, Digest mountDigest) {
    this(repo, mountFrom, mountDigest, null, null);
  }

  private UploadStartEndpoint(Repository repo, Repository mountFrom, Digest mountDigest, Digest uploadDigest,
      byte[] content) {
    this.repo = repo;
    this.mountFrom = mountFrom;
    this.mountDigest = mountDigest;
    this.uploadDigest = uploadDigest;
    this.content = content;
  }

  /** The single-request upload of {@code content} (which hashes to {@code digest}). */
  public static UploadStartEndpoint monolithic(Repository repo, Digest digest, byte[] content) {
    return new UploadStartEndpoint(repo, null, null, digest, content);
  }

  @Override
  public HttpCall request(URI base) {
    URI uri = Paths.v2(base, repo, "blobs/uploads/");
    if (mountDigest != null) {
      uri = Paths.withQueryParam(uri, "mount=" + mountDigest + "&from=" + mountFrom.path());
    } else if (uploadDigest != null) {
      uri = Paths.withQueryParam(uri, "digest=" + uploadDigest);
    }
    return HttpCall.of("POST", uri).body(content == null ? new byte[0] : content, "application/octet-stream");
  }

  @Override
  public AuthScope scope() {
    return mountFrom == null ? AuthScope.push(repo) : AuthScope.mount(repo, mountFrom);
  }

  @Override
  public String action() {
    if (uploadDigest != null) {
      return "POST blob " + repo + "@" + uploadDigest;
    }
    return mountDigest == null
        ? "POST blob upload " + repo
        : "POST blob mount " + repo + "@" + mountDigest + " from " + mountFrom.path();
  }

  @Override
  public ErrorCode notFoundCode() {
    return ErrorCode.NAME_UNKNOWN;
  }

  @Override
  public Started handle(Response r) throws RegistryException {
    r.expect(201, 202);
    String location = r.header("Location").orElse(null);
    if (location == null && r.status() == 202) {
      throw new RegistryTransportException(action(), "registry answered 202 without a Location", 202,
          java.util.List.of(), null);
    }
    URI resolved = location == null ? null : r.uri().resolve(location);
    long min = r.headers().firstValueAsLong("OCI-Chunk-Min-Length").orElse(0);
    return new Started(r.status() == 201, resolved, min);
  }
}
