package dev.signet.registry.server.replication.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.registry.client.RegistryException;
import dev.signet.registry.client.auth.AuthScope;
import dev.signet.registry.client.auth.Authenticator;
import dev.signet.registry.client.auth.Credential;
import dev.signet.registry.client.auth.CredentialProvider;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * A test client of the replication admin API (the CLI goes through {@code signet admin}'s own client).
 * With a credential it sends basic auth up front and answers a {@code Bearer} challenge through the
 * registry's token endpoint, as registry clients do.
 */
public final class ReplicationAdminClient {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final String USER_AGENT = "signet-admin/0.1";

  private final URI base;
  private final String registry;
  private final Optional<Credential> credential;
  private final HttpClient http;
  private final Authenticator auth;

  /** A failed call: the HTTP status (0 when the registry could not be reached) and its message. */
  public static final class AdminException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;

    AdminException(int status, String message) {
      super(message);
      this.status = status;
    }

    public int status() {
      return status;
    }
  }

  /** @param registry {@code http[s]://host[:port]} of the Signet registry */
  public ReplicationAdminClient(URI registry, Optional<Credential> credential) {
    String url = registry.toString().replaceAll("/+$", "");
    this.base = URI.create(url + ReplicationAdminHandler.PREFIX);
    this.registry = registry.getRawAuthority();
    this.credential = credential;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NEVER).build();
    CredentialProvider provider = host -> credential;
    this.auth = new Authenticator(provider, u -> http, USER_AGENT, TIMEOUT);
  }

  public JsonNode listRules() throws AdminException {
    return call("GET", "/rules", null);
  }

  /** Creates a rule; {@code rule} as the API reads it (with {@code credential.password} or {@code .token}). */
  public JsonNode addRule(ObjectNode rule) throws AdminException {
    return call("POST", "/rules", AdminJson.write(rule));
  }

  public JsonNode deleteRule(String name) throws AdminException {
    return call("DELETE", "/rules/" + encode(name), null);
  }

  /** Queues every matching tag of the rule; the answer has {@code queued}. */
  public JsonNode run(String name) throws AdminException {
    return call("POST", "/rules/" + encode(name) + "/run", new byte[0]);
  }

  public JsonNode status(Optional<String> rule, Optional<String> state, int limit) throws AdminException {
    StringBuilder q = new StringBuilder("/status?limit=").append(limit);
    rule.ifPresent(r -> q.append("&rule=").append(encode(r)));
    state.ifPresent(s -> q.append("&state=").append(encode(s)));
    return call("GET", q.toString(), null);
  }

  private JsonNode call(String method, String path, byte[] body) throws AdminException {
    String authorization = credential.filter(c -> !c.isIdentityToken()).map(Credential::basicAuthorization)
        .orElse(null);
    try {
      HttpResponse<byte[]> r = send(method, path, body, authorization);
      if (r.statusCode() == 401) {
        Optional<String> retry = auth.respond(registry, AuthScope.none(),
            r.headers().allValues("WWW-Authenticate"), authorization, "admin");
        if (retry.isPresent()) {
          r = send(method, path, body, retry.get());
        }
      }
      return answer(r);
    } catch (IOException e) {
      throw new AdminException(0, "cannot reach " + base + ": " + e);
    } catch (RegistryException e) {
      throw new AdminException(401, "cannot authenticate to " + registry + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AdminException(0, "interrupted");
    }
  }

  private HttpResponse<byte[]> send(String method, String path, byte[] body, String authorization)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT)
        .header("User-Agent", USER_AGENT).header("Accept", ReplicationAdminHandler.CONTENT_TYPE)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    if (body != null) {
      b.header("Content-Type", ReplicationAdminHandler.CONTENT_TYPE);
    }
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static JsonNode answer(HttpResponse<byte[]> r) throws AdminException {
    JsonNode json;
    try {
      json = r.body().length == 0 ? AdminJson.MAPPER.createObjectNode() : AdminJson.MAPPER.readTree(r.body());
    } catch (IOException e) {
      throw new AdminException(r.statusCode(), "HTTP " + r.statusCode() + ": the answer is not JSON");
    }
    if (r.statusCode() / 100 == 2) {
      return json;
    }
    JsonNode first = json.path("errors").path(0);
    String message = first.isMissingNode() ? "HTTP " + r.statusCode()
        : first.path("message").asText("HTTP " + r.statusCode());
    throw new AdminException(r.statusCode(), message);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
