package dev.signet.registry.client.internal;

import dev.signet.oci.Digest;
import dev.signet.oci.reference.Repository;
import dev.signet.registry.client.DigestMismatchException;
import dev.signet.registry.client.ErrorCode;
import dev.signet.registry.client.RegistryException;
import dev.signet.registry.client.RegistryTransportException;
import dev.signet.registry.client.auth.AuthScope;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.security.MessageDigest;

/**
 * {@code GET /v2/<name>/blobs/<digest>} streamed into a sink while hashing; refuses more than
 * {@code maxBytes} and fails with {@link DigestMismatchException} when the content does not match.
 */
public final class BlobGetEndpoint implements Endpoint<Long> {
  private final Repository repo;
  private final Digest digest;
  private final OutputStream sink;
  private final long maxBytes;

  public BlobGetEndpoint(Repository repo, Digest digest, OutputStream sink, long maxBytes) {
    this.repo = repo;
    this.digest = digest;
    this.sink = sink;
    this.maxBytes = maxBytes;
  }

  @Override
  public HttpCall request(URI base) {
    return HttpCall.of("GET", Paths.v2(base, repo, "blobs/" + digest));
  }

  @Override
  public AuthScope scope() {
    return AuthScope.pull(repo);
  }

  @Override
  public String action() {
    return "GET blob " + repo + "@" + digest;
  }

  @Override
  public ErrorCode notFoundCode() {
    return ErrorCode.BLOB_UNKNOWN;
  }

  @Override
  public Long handle(Response r) throws RegistryException {
    r.expect(200);
    long declared = r.headers().firstValueAsLong("Content-Length").orElse(-1);
    if (declared > maxBytes) {
      throw new RegistryException(action(), "blob is " + declared + " bytes, more than the limit of " + maxBytes);
    }
    MessageDigest md = digest.newMessageDigest();
    long total = 0;
    try (InputStream in = r.stream()) {
      byte[] buf = new byte[64 * 1024];
      for (int n; (n = in.read(buf)) > 0; ) {
        total += n;
        if (total > maxBytes) {
          throw new RegistryException(action(), "blob is larger than the limit of " + maxBytes + " bytes");
        }
        md.update(buf, 0, n);
        sink.write(buf, 0, n);
      }
    } catch (IOException e) {
      throw new RegistryTransportException(action(), "reading the blob failed after " + total + " bytes: " + e, e);
    }
    String actual = java.util.HexFormat.of().formatHex(md.digest());
    if (!actual.equals(digest.hex())) {
      throw new DigestMismatchException(action(), "the registry served " + total + " bytes whose digest is "
          + digest.algorithm() + ":" + actual);
    }
    return total;
  }
}
