package dev.signet.registry.server.auth;

import java.util.Optional;

/** What the {@link Gate} needs of a request; the HTTP layer adapts its exchange to this. */
public interface GateRequest {
  String method();

  /** The raw (percent-encoded) path. */
  String path();

  /** The validated repository name of a repository route, else null. */
  String repository();

  Optional<String> header(String name);

  Optional<String> query(String name);

  /** {@code scheme://host[:port]} as the client addressed the server. */
  String baseUrl();

  void setResponseHeader(String name, String value);

  /** The client's address (for login throttling), or empty when unknown. */
  default String remoteAddress() {
    return "";
  }

  /** Makes the handler see the request without this query parameter. */
  void ignoreQuery(String name);
}
