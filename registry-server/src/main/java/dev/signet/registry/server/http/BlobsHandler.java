package dev.signet.registry.server.http;

import dev.signet.oci.Digest;
import dev.signet.registry.server.service.BlobService;
import dev.signet.registry.server.service.Names;
import dev.signet.registry.server.service.RegistryException;
import java.util.Map;
import java.util.Optional;

/** {@code /v2/<name>/blobs/<digest>}: HEAD, GET (with single byte ranges), DELETE. */
final class BlobsHandler {
  private static final String OCTETS = "application/octet-stream";
  private final BlobService blobs;

  BlobsHandler(BlobService blobs) {
    this.blobs = blobs;
  }

  void register(Routes routes) {
    routes.add("/v2/(.+)/blobs/([^/]+)", true, Map.of("GET", this::get, "DELETE", this::delete));
  }

  private void get(Exchange ex, Routes.PathParams p) throws RegistryException {
    Digest digest = Names.digest(p.param());
    BlobService.OpenBlob blob = blobs.open(p.repository(), digest);
    long size = blob.info().size();
    ex.setHeader("Docker-Content-Digest", digest.toString());
    ex.setHeader("ETag", "\"" + digest + "\"");
    ex.setHeader("Accept-Ranges", "bytes");
    ex.setHeader("Cache-Control", "max-age=31536000");
    Optional<ByteRange> range;
    try {
      range = ByteRange.parse(ex.header("Range").orElse(null), size);
    } catch (ByteRange.Unsatisfiable e) {
      closeQuietly(blob);
      ex.setHeader("Content-Range", "bytes */" + size);
      throw RegistryException.rangeInvalid(e.getMessage());
    }
    if (range.isPresent()) {
      ex.setHeader("Content-Range", range.get().contentRange(size));
      ex.send(206, OCTETS, blob.channel(), range.get().first(), range.get().length());
    } else {
      ex.send(200, OCTETS, blob.channel(), 0, size);
    }
  }

  private void delete(Exchange ex, Routes.PathParams p) throws RegistryException {
    blobs.delete(p.repository(), Names.digest(p.param()));
    ex.send(202);
  }

  private static void closeQuietly(BlobService.OpenBlob blob) {
    try {
      blob.channel().close();
    } catch (java.io.IOException ignored) {
      // nothing was read
    }
  }
}
