package dev.signet.registry.client.internal;

import dev.signet.oci.reference.Repository;
import java.net.URI;

/** Builds distribution-spec URLs: {@code <base>/v2/<name>/<rest>}. */
final class Paths {
  private Paths() {}

  static URI v2(URI base, Repository repo, String rest) {
    return URI.create(base + "/v2/" + repo.path() + "/" + rest);
  }

  /** {@code uri} with {@code param} appended to its query (an upload Location may carry one already). */
  static URI withQueryParam(URI uri, String param) {
    String s = uri.toString();
    int hash = s.indexOf('#');
    if (hash >= 0) {
      s = s.substring(0, hash);
    }
    return URI.create(s + (uri.getRawQuery() == null ? "?" : "&") + param);
  }
}
