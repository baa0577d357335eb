package dev.signet.registry.client.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.registry.client.RegistryException;
import dev.signet.registry.client.RegistryTransportException;
import dev.signet.registry.client.UnauthorizedException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Gets a bearer token from a docker token-auth realm: {@code GET realm?service=…&scope=…} with basic
 * credentials or anonymously, or the OAuth2 {@code POST} with {@code grant_type=refresh_token} for an
 * identity token. Accepts {@code token} or {@code access_token}; {@code expires_in} defaults to 60 s.
 */
final class TokenFetcher {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long DEFAULT_LIFETIME_SECONDS = 60;
  private static final int MAX_BODY = 1 << 20;

  private final Function<URI, HttpClient> clients;
  private final String userAgent;
  private final Duration timeout;

  TokenFetcher(Function<URI, HttpClient> clients, String userAgent, Duration timeout) {
    this.clients = clients;
    this.userAgent = userAgent;
    this.timeout = timeout;
  }

  BearerToken fetch(Challenge challenge, AuthScope scope, Credential credential, String action)
      throws RegistryException {
    String realm = challenge.param("realm").orElseThrow(
        () -> new RegistryTransportException(action, "bearer challenge without a realm", null));
    String service = challenge.param("service").orElse(null);
    URI realmUri;
    try {
      realmUri = URI.create(realm);
    } catch (IllegalArgumentException e) {
      throw new RegistryTransportException(action, "bearer challenge has an invalid realm " + realm, e);
    }
    HttpRequest request = credential != null && credential.isIdentityToken()
        ? oauthRefresh(realmUri, service, scope, credential)
        : get(realmUri, service, scope, credential);
    Instant requested = Instant.now();
    HttpResponse<byte[]> response;
    try {
      response = clients.apply(realmUri).send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new RegistryTransportException(action, "cannot get a token from " + realm + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryTransportException(action, "interrupted while getting a token from " + realm, e);
    }
    int status = response.statusCode();
    if (status == 401 || status == 403) {
      String who = credential == null ? "anonymous access" : "the credentials of " + credential.username();
      throw new UnauthorizedException(action, "token server " + realm + " refused " + who + " (HTTP " + status
          + ")", status, List.of(), null);
    }
    if (status != 200) {
      throw new RegistryTransportException(action, "token server " + realm + " answered HTTP " + status, status,
          List.of(), null);
    }
    return parse(response.body(), requested, realm, action);
  }

  private HttpRequest get(URI realm, String service, AuthScope scope, Credential credential) {
    List<String> query = new ArrayList<>();
    if (service != null) {
      query.add("service=" + enc(service));
    }
    for (String s : scope.scopes()) {
      query.add("scope=" + enc(s));
    }
    HttpRequest.Builder b = HttpRequest.newBuilder(withQuery(realm, String.join("&", query))).GET();
    if (credential != null) {
      b.header("Authorization", credential.basicAuthorization());
    }
    return common(b);
  }

  private HttpRequest oauthRefresh(URI realm, String service, AuthScope scope, Credential credential) {
    String form = "grant_type=refresh_token&client_id=signet&refresh_token=" + enc(credential.secret())
        + (service == null ? "" : "&service=" + enc(service))
        + (scope.scopes().isEmpty() ? "" : "&scope=" + enc(scope.key()));
    return common(HttpRequest.newBuilder(realm)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)));
  }

  private HttpRequest common(HttpRequest.Builder b) {
    return b.timeout(timeout).header("User-Agent", userAgent).header("Accept", "application/json").build();
  }

  private static BearerToken parse(byte[] body, Instant requested, String realm, String action)
      throws RegistryException {
    JsonNode json;
    try {
      json = body.length > MAX_BODY ? null : JSON.readTree(body);
    } catch (IOException e) {
      json = null;
    }
    if (json == null || !json.isObject()) {
      throw new RegistryTransportException(action, "token server " + realm + " did not answer with JSON", null);
    }
    String token = text(json, "token");
    if (token == null) {
      token = text(json, "access_token");
    }
    if (token == null) {
      throw new RegistryTransportException(action, "token server " + realm + " sent no token", null);
    }
    long lifetime = json.path("expires_in").asLong(DEFAULT_LIFETIME_SECONDS);
    if (lifetime <= 0) {
      lifetime = DEFAULT_LIFETIME_SECONDS;
    }
    // Stop using a token a little before it expires: 10 s early, or halfway for short lives.
    long margin = Math.min(10, lifetime / 2);
    return new BearerToken(token, requested.plusSeconds(lifetime - margin));
  }

  private static String text(JsonNode json, String field) {
    JsonNode v = json.get(field);
    return v != null && v.isTextual() && !v.asText().isEmpty() ? v.asText() : null;
  }

  private static URI withQuery(URI realm, String query) {
    if (query.isEmpty()) {
      return realm;
    }
    String s = realm.toString();
    return URI.create(s + (realm.getRawQuery() == null ? "?" : "&") + query);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
