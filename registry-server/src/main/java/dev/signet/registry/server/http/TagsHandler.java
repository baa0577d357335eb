package dev.signet.registry.server.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.registry.server.service.DiscoveryService;
import dev.signet.registry.server.service.RegistryException;
import dev.signet.registry.server.storage.Page;
import java.util.List;
import java.util.Map;

/** {@code GET /v2/<name>/tags/list} and {@code GET /v2/_catalog}, paginated with {@code n}, {@code last}, {@code Link}. */
final class TagsHandler {
  private final DiscoveryService discovery;

  TagsHandler(DiscoveryService discovery) {
    this.discovery = discovery;
  }

  void register(Routes routes) {
    routes.add("/v2/_catalog", false, Map.of("GET", this::catalog));
    routes.add("/v2/(.+)/tags/list", true, Map.of("GET", this::tags));
  }

  private void tags(Exchange ex, Routes.PathParams p) throws RegistryException {
    int n = Pagination.size(ex);
    Page<String> page = discovery.tags(p.repository(), ex.query("last").orElse(null), Math.max(n, 1));
    List<String> items = n == 0 ? List.of() : page.items();
    ObjectNode body = HttpJson.MAPPER.createObjectNode();
    body.put("name", p.repository());
    ArrayNode tags = body.putArray("tags");
    items.forEach(tags::add);
    Pagination.link(ex, "/v2/" + p.repository() + "/tags/list", items, n, page.more());
    ex.send(200, "application/json", HttpJson.write(body));
  }

  private void catalog(Exchange ex, Routes.PathParams p) throws RegistryException {
    int n = Pagination.size(ex);
    Page<String> page = n == 0 ? new Page<>(List.of(), false) : discovery.catalog(ex.query("last").orElse(null), n);
    ObjectNode body = HttpJson.MAPPER.createObjectNode();
    ArrayNode repos = body.putArray("repositories");
    page.items().forEach(repos::add);
    Pagination.link(ex, "/v2/_catalog", page.items(), n, page.more());
    ex.send(200, "application/json", HttpJson.write(body));
  }
}
