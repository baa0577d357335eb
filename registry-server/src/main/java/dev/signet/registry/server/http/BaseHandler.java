package dev.signet.registry.server.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** {@code GET /v2/}: the API version check. */
final class BaseHandler {
  private static final byte[] EMPTY_OBJECT = "{}".getBytes(StandardCharsets.UTF_8);

  void register(Routes routes) {
    routes.add("/v2/?", false, Map.of("GET", (ex, p) -> ex.send(200, "application/json", EMPTY_OBJECT)));
  }
}
