package dev.signet.registry.server.http;

import dev.signet.registry.server.service.DiscoveryService;
import dev.signet.registry.server.service.RegistryException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** {@code n} and {@code last} query parameters, and the RFC 5988 {@code Link: <…>; rel="next"} header. */
final class Pagination {
  private Pagination() {}

  /** The requested page size, {@link DiscoveryService#DEFAULT_PAGE} when absent; 400 when not a number ≥ 0. */
  static int size(Exchange ex) throws RegistryException {
    Optional<String> n = ex.query("n");
    if (n.isEmpty()) {
      return DiscoveryService.DEFAULT_PAGE;
    }
    try {
      int v = Integer.parseInt(n.get());
      if (v < 0) {
        throw new NumberFormatException();
      }
      return Math.min(v, DiscoveryService.MAX_PAGE);
    } catch (NumberFormatException e) {
      throw RegistryException.withStatus(dev.signet.registry.client.ErrorCode.UNSUPPORTED, 400,
          "n must be a non-negative integer");
    }
  }

  /** Sets {@code Link} for the page after {@code items} when there is one. */
  static void link(Exchange ex, String path, List<String> items, int n, boolean more) {
    if (more && !items.isEmpty() && n > 0) {
      String last = URLEncoder.encode(items.get(items.size() - 1), StandardCharsets.UTF_8);
      ex.setHeader("Link", "<" + path + "?n=" + n + "&last=" + last + ">; rel=\"next\"");
    }
  }
}
