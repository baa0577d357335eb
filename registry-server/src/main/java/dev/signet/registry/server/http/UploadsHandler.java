package dev.signet.registry.server.http;

import dev.signet.oci.Digest;
import dev.signet.registry.client.ErrorCode;
import dev.signet.registry.server.service.BlobService;
import dev.signet.registry.server.service.Names;
import dev.signet.registry.server.service.RegistryException;
import dev.signet.registry.server.service.UploadService;
import dev.signet.registry.server.storage.BlobInfo;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Blob uploads: {@code POST /v2/<name>/blobs/uploads/} (session, monolithic {@code ?digest=}, or
 * {@code ?mount=&from=}), and on {@code /v2/<name>/blobs/uploads/<id>}: PATCH (chunk with
 * {@code Content-Range}), PUT {@code ?digest=} (close), GET (status), DELETE (cancel).
 */
final class UploadsHandler {
  private static final Pattern CONTENT_RANGE = Pattern.compile("(?:bytes[ =])?(\\d+)-(\\d+)(?:/(?:\\d+|\\*))?");
  private final UploadService uploads;
  private final BlobService blobs;

  UploadsHandler(UploadService uploads, BlobService blobs) {
    this.uploads = uploads;
    this.blobs = blobs;
  }

  void register(Routes routes) {
    routes.add("/v2/(.+)/blobs/uploads/?", true, Map.of("POST", this::post));
    routes.add("/v2/(.+)/blobs/uploads/([^/]+)", true,
        Map.of("PATCH", this::patch, "PUT", this::put, "GET", this::status, "DELETE", this::cancel));
  }

  private void post(Exchange ex, Routes.PathParams p) throws RegistryException {
    String repo = p.repository();
    Optional<String> mount = ex.query("mount");
    if (mount.isPresent()) {
      Digest digest = Names.digest(mount.get());
      if (blobs.mount(repo, ex.query("from").orElse(null), digest)) {
        created(ex, repo, digest);
        return;
      }
    } else if (ex.query("digest").isPresent()) {
      Digest digest = Names.digest(ex.query("digest").get());
      uploads.putMonolithic(repo, digest, ex.body());
      created(ex, repo, digest);
      return;
    }
    String id = uploads.start(repo);
    session(ex, repo, id, 0);
    ex.send(202);
  }

  private void patch(Exchange ex, Routes.PathParams p) throws RegistryException {
    Long start = contentRangeStart(ex);
    long size = uploads.append(p.repository(), p.param(), start, ex.body());
    session(ex, p.repository(), p.param(), size);
    ex.send(202);
  }

  private void put(Exchange ex, Routes.PathParams p) throws RegistryException {
    Digest digest = Names.digest(ex.query("digest").orElseThrow(() ->
        RegistryException.of(ErrorCode.DIGEST_INVALID, "the digest query parameter is required")));
    BlobInfo info = uploads.finish(p.repository(), p.param(), digest, contentRangeStart(ex), ex.body());
    created(ex, p.repository(), info.digest());
  }

  private void status(Exchange ex, Routes.PathParams p) throws RegistryException {
    long size = uploads.status(p.repository(), p.param());
    session(ex, p.repository(), p.param(), size);
    ex.send(204);
  }

  private void cancel(Exchange ex, Routes.PathParams p) throws RegistryException {
    uploads.cancel(p.repository(), p.param());
    ex.send(204);
  }

  /** The start of {@code Content-Range}, or null to append; 416 when it does not describe a chunk. */
  private static Long contentRangeStart(Exchange ex) throws RegistryException {
    Optional<String> header = ex.header("Content-Range");
    if (header.isEmpty()) {
      return null;
    }
    Matcher m = CONTENT_RANGE.matcher(header.get().trim());
    if (!m.matches()) {
      throw RegistryException.rangeInvalid("malformed Content-Range " + header.get());
    }
    long start;
    long end;
    try {
      start = Long.parseLong(m.group(1));
      end = Long.parseLong(m.group(2));
    } catch (NumberFormatException e) {
      throw RegistryException.rangeInvalid("Content-Range " + header.get() + " is beyond any blob size");
    }
    long length = ex.contentLength();
    if (end < start || end == Long.MAX_VALUE || (length >= 0 && length != end - start + 1)) {
      throw RegistryException.rangeInvalid("Content-Range " + header.get() + " does not match the body length");
    }
    return start;
  }

  private static void session(Exchange ex, String repo, String id, long size) {
    ex.setHeader("Location", "/v2/" + repo + "/blobs/uploads/" + id);
    ex.setHeader("Range", "0-" + Math.max(0, size - 1));
    ex.setHeader("Docker-Upload-UUID", id);
  }

  private static void created(Exchange ex, String repo, Digest digest) {
    ex.setHeader("Location", "/v2/" + repo + "/blobs/" + digest);
    ex.setHeader("Docker-Content-Digest", digest.toString());
    ex.send(201);
  }
}
