package dev.signet.cli.command.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.cli.CommandFailure;
import dev.signet.cli.ExitCodes;
import dev.signet.registry.client.auth.Credential;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The registry's admin API ({@code /api/v1/admin/…}) over HTTP with basic authentication. Every failure is
 * a {@link CommandFailure} with one line: the registry's message and the status.
 */
final class AdminClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final Credential credential;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  AdminClient(URI base, Credential credential) {
    this.base = base;
    this.credential = credential;
  }

  JsonNode get(String path) {
    return call("GET", path, null);
  }

  JsonNode post(String path, Object body) {
    return call("POST", path, body);
  }

  JsonNode put(String path, Object body) {
    return call("PUT", path, body);
  }

  void delete(String path) {
    call("DELETE", path, null);
  }

  /** A path segment, percent-encoded. */
  static String seg(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private JsonNode call(String method, String path, Object body) {
    URI uri = URI.create(base + "/api/v1/admin" + path);
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
        .header("Authorization", credential.basicAuthorization()).header("Accept", "application/json");
    try {
      if (body != null) {
        b.header("Content-Type", "application/json");
        b.method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
      } else {
        b.method(method, HttpRequest.BodyPublishers.noBody());
      }
      HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      JsonNode json = r.body().length == 0 ? null : parse(r.body());
      if (r.statusCode() / 100 != 2) {
        String message = json == null ? "" : json.at("/errors/0/message").asText("");
        throw new CommandFailure(ExitCodes.FAILURE, (message.isEmpty() ? "the registry refused the request" : message)
            + " (HTTP " + r.statusCode() + " from " + method + " " + uri.getRawPath() + ")");
      }
      return json;
    } catch (IOException e) {
      throw new CommandFailure(ExitCodes.FAILURE, "cannot reach " + base + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandFailure(ExitCodes.FAILURE, "interrupted", e);
    }
  }

  private static JsonNode parse(byte[] body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }
}
