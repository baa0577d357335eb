package dev.signet.registry.server.auth.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.registry.server.auth.Access;
import dev.signet.registry.server.auth.AccountNames;
import dev.signet.registry.server.auth.AuthServices;
import dev.signet.registry.server.auth.Gate;
import dev.signet.registry.server.auth.Principal;
import dev.signet.registry.server.auth.Role;
import dev.signet.registry.server.service.DiscoveryService;
import dev.signet.registry.server.service.RegistryException;
import dev.signet.registry.server.storage.Page;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v2/_catalog} in auth mode: only the repositories the caller may pull (by account, whatever the
 * token's scope), paginated with {@code n}, {@code last} and {@code Link} like the unfiltered catalog.
 * Without credentials it answers 401 with a {@code registry:catalog:*} challenge.
 */
final class CatalogEndpoint {
  private static final int SCAN = 500;

  private final Gate gate;
  private final Access access;
  private final DiscoveryService discovery;

  CatalogEndpoint(AuthServices auth, DiscoveryService discovery) {
    this.gate = auth.gate();
    this.access = auth.access();
    this.discovery = discovery;
  }

  void handle(AuthExchange ex) throws ApiException, RegistryException {
    if (!ex.method().equals("GET") && !ex.method().equals("HEAD")) {
      ex.setResponseHeader("Allow", "GET, HEAD");
      throw new ApiException(405, "UNSUPPORTED", ex.method() + " is not supported on /v2/_catalog");
    }
    Gate.Authenticated who = gate.authenticate(ex);
    if (!who.presented()) {
      throw gate.challenge(ex, "registry:catalog:*", null, "authentication required");
    }
    int n = size(ex);
    String cursor = ex.query("last").orElse(null);
    List<String> out = new ArrayList<>();
    Map<String, Boolean> pullable = new HashMap<>();
    boolean more = n > 0;
    boolean full = false;
    while (more && !full) {
      Page<String> page = discovery.catalog(cursor, SCAN);
      List<String> items = page.items();
      more = page.more();
      for (int i = 0; i < items.size() && !full; i++) {
        cursor = items.get(i);
        if (pullable.computeIfAbsent(AccountNames.projectOf(cursor), p -> may(who.principal(), p))) {
          out.add(cursor);
          full = out.size() == n;
          // a next page may turn out empty: the remaining repositories are not checked ahead
          more = more || full && i < items.size() - 1;
        }
      }
    }
    ObjectNode body = AuthExchange.JSON.createObjectNode();
    ArrayNode repos = body.putArray("repositories");
    out.forEach(repos::add);
    if (more && !out.isEmpty()) {
      ex.setResponseHeader("Link", "</v2/_catalog?n=" + n + "&last="
          + URLEncoder.encode(out.get(out.size() - 1), StandardCharsets.UTF_8) + ">; rel=\"next\"");
    }
    ex.sendJson(200, body);
  }

  private boolean may(Principal p, String project) {
    return access.allows(p, project, Role.PULL);
  }

  private static int size(AuthExchange ex) throws ApiException {
    String n = ex.query("n").orElse(null);
    if (n == null) {
      return DiscoveryService.DEFAULT_PAGE;
    }
    try {
      int v = Integer.parseInt(n);
      if (v < 0) {
        throw new NumberFormatException();
      }
      return Math.min(v, DiscoveryService.MAX_PAGE);
    } catch (NumberFormatException e) {
      throw new ApiException(400, "UNSUPPORTED", "n must be a non-negative integer");
    }
  }
}
