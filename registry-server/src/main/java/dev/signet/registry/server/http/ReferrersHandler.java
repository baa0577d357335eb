package dev.signet.registry.server.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.oci.Digest;
import dev.signet.oci.MediaTypes;
import dev.signet.registry.server.service.DiscoveryService;
import dev.signet.registry.server.service.Names;
import dev.signet.registry.server.service.RegistryException;
import dev.signet.registry.server.storage.AccessoryRecord;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /v2/<name>/referrers/<digest>} (always 200 with an image index for a valid digest;
 * {@code ?artifactType=} answered with {@code OCI-Filters-Applied}) and Signet's
 * {@code GET /api/v1/repositories/<name>/artifacts/<digest>/accessories}.
 */
final class ReferrersHandler {
  private final DiscoveryService discovery;

  ReferrersHandler(DiscoveryService discovery) {
    this.discovery = discovery;
  }

  void register(Routes routes) {
    routes.add("/v2/(.+)/referrers/([^/]+)", true, Map.of("GET", this::referrers));
    routes.add("/api/v1/repositories/(.+)/artifacts/([^/]+)/accessories", true, Map.of("GET", this::accessories));
  }

  private void referrers(Exchange ex, Routes.PathParams p) throws RegistryException {
    Digest subject = Names.digest(p.param());
    Optional<String> artifactType = ex.query("artifactType");
    byte[] index = discovery.referrers(p.repository(), subject, artifactType.orElse(null));
    if (artifactType.isPresent()) {
      ex.setHeader("OCI-Filters-Applied", "artifactType");
    }
    ex.send(200, MediaTypes.OCI_INDEX, index);
  }

  private void accessories(Exchange ex, Routes.PathParams p) throws RegistryException {
    Digest subject = Names.digest(p.param());
    ArrayNode out = HttpJson.MAPPER.createArrayNode();
    for (AccessoryRecord a : discovery.accessories(p.repository(), subject)) {
      ObjectNode o = out.addObject();
      o.put("digest", a.digest().toString());
      o.put("type", a.type());
      o.put("mediaType", a.mediaType());
      if (a.artifactType() != null) {
        o.put("artifactType", a.artifactType());
      }
      o.put("size", a.size());
      o.put("created", a.created().toString());
      ArrayNode via = o.putArray("via");
      a.via().stream().sorted().forEach(k -> via.add(k.name()));
    }
    ex.send(200, "application/json", HttpJson.write(out));
  }
}
