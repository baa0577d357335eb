package dev.signet.registry.server.http;

import dev.signet.registry.client.ErrorCode;
import dev.signet.registry.server.service.ManifestService;
import dev.signet.registry.server.service.Names;
import dev.signet.registry.server.service.RegistryException;
import dev.signet.registry.server.storage.Condition;
import dev.signet.registry.server.storage.ManifestRecord;
import java.util.List;
import java.util.Map;

/**
 * {@code /v2/<name>/manifests/<tag-or-digest>}: GET/HEAD (with {@code ETag: "<digest>"} and
 * {@code If-None-Match}), PUT (with {@code If-Match} / {@code If-None-Match} and {@code ?tag=}),
 * DELETE (by digest: the manifest and its accessories; by tag: the tag).
 */
final class ManifestsHandler {
  private final ManifestService manifests;

  ManifestsHandler(ManifestService manifests) {
    this.manifests = manifests;
  }

  void register(Routes routes) {
    routes.add("/v2/(.+)/manifests/([^/]+)", true, Map.of("GET", this::get, "PUT", this::put, "DELETE",
        this::delete));
  }

  private void get(Exchange ex, Routes.PathParams p) throws RegistryException {
    ManifestRecord m = manifests.getForPull(p.repository(), p.param(), ex.principal());
    String etag = "\"" + m.digest() + "\"";
    ex.setHeader("Docker-Content-Digest", m.digest().toString());
    ex.setHeader("ETag", etag);
    List<String> ifNoneMatch = ex.csvHeader("If-None-Match");
    if (!ifNoneMatch.isEmpty() && !new Condition(List.of(), ifNoneMatch).allows(java.util.Optional.of(m.digest()))) {
      ex.send(304);
      return;
    }
    ex.send(200, m.mediaType(), m.content());
  }

  private void put(Exchange ex, Routes.PathParams p) throws RegistryException {
    byte[] body = ex.readBody(ManifestService.MAX_MANIFEST_BYTES, ErrorCode.MANIFEST_INVALID);
    Condition condition = new Condition(ex.csvHeader("If-Match"), ex.csvHeader("If-None-Match"));
    List<String> extraTags = Names.looksLikeDigest(p.param()) ? ex.queryAll("tag") : List.of();
    ManifestService.PutResult r = manifests.put(p.repository(), p.param(),
        ex.header("Content-Type").orElse(null), body, condition, extraTags);
    ex.setHeader("Location", "/v2/" + p.repository() + "/manifests/" + r.digest());
    ex.setHeader("Docker-Content-Digest", r.digest().toString());
    if (r.subject() != null) {
      ex.setHeader("OCI-Subject", r.subject().toString());
    }
    extraTags.forEach(t -> ex.addHeader("OCI-Tag", t));
    ex.send(201);
  }

  private void delete(Exchange ex, Routes.PathParams p) throws RegistryException {
    manifests.delete(p.repository(), p.param());
    ex.send(202);
  }
}
