package dev.signet.testing.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny docker token-auth issuer for tests: a JDK HTTP server on 127.0.0.1 that answers the
 * {@code realm} GET (basic credentials or anonymous) and the OAuth2 {@code refresh_token} POST with
 * an ES256 JWT signed by a generated key whose self-signed certificate docker-registry trusts as its
 * {@code rootcertbundle} (the JWT carries the certificate in {@code x5c}). Known users get every
 * action they ask for; anonymous callers get pull only when {@link #allowAnonymousPull}.
 */
public final class TokenIssuer implements AutoCloseable {
  private final HttpServer server;
  private final TokenSigner signer = new TokenSigner("signet-test-issuer");
  private final Map<String, String> users = new ConcurrentHashMap<>();
  private final Map<String, String> refreshTokens = new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private volatile boolean anonymousPull;
  private volatile long lifetimeSeconds = 300;
  private volatile boolean accessTokenField;

  /** What a client asked for: the account it authenticated as (null if anonymous) and the scopes. */
  public record Request(String method, String account, List<String> scopes) {}

  private TokenIssuer(HttpServer server) {
    this.server = server;
    server.createContext("/token", this::handle);
    server.start();
  }

  public static TokenIssuer start() {
    try {
      return new TokenIssuer(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public TokenIssuer user(String name, String password) {
    users.put(name, password);
    return this;
  }

  /** Registers an identity (refresh) token for {@code user}, as a credential helper would return. */
  public TokenIssuer refreshToken(String token, String user) {
    refreshTokens.put(token, user);
    return this;
  }

  public TokenIssuer allowAnonymousPull(boolean allow) {
    this.anonymousPull = allow;
    return this;
  }

  public TokenIssuer lifetimeSeconds(long seconds) {
    this.lifetimeSeconds = seconds;
    return this;
  }

  /** Answer with {@code access_token} (OAuth2 style) instead of {@code token}. */
  public TokenIssuer useAccessTokenField(boolean use) {
    this.accessTokenField = use;
    return this;
  }

  public URI realm() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/token");
  }

  public String service() {
    return "signet-test-registry";
  }

  public String issuerName() {
    return signer.issuer();
  }

  public String certificatePem() {
    return signer.certificatePem();
  }

  /** Every token request received so far. */
  public List<Request> requests() {
    return List.copyOf(requests);
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      Map<String, List<String>> params = new java.util.HashMap<>(query(ex.getRequestURI().getRawQuery()));
      String account;
      if ("POST".equals(ex.getRequestMethod())) {
        params.putAll(query(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
        account = refreshTokens.get(first(params, "refresh_token"));
        if (!"refresh_token".equals(first(params, "grant_type")) || account == null) {
          send(ex, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"bad refresh token\"}]}");
          return;
        }
      } else {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        account = auth == null ? null : basicUser(auth);
        if (auth != null && account == null) {
          send(ex, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"bad credentials\"}]}");
          return;
        }
      }
      List<String> scopes = new ArrayList<>();
      for (String s : params.getOrDefault("scope", List.of())) {
        scopes.addAll(List.of(s.split(" ")));
      }
      requests.add(new Request(ex.getRequestMethod(), account, List.copyOf(scopes)));
      String jwt = signer.sign(account, first(params, "service"), grant(account, scopes), lifetimeSeconds);
      String field = accessTokenField ? "access_token" : "token";
      send(ex, 200, "{\"" + field + "\":\"" + jwt + "\",\"expires_in\":" + lifetimeSeconds + "}");
    }
  }

  private List<TokenSigner.Access> grant(String account, List<String> scopes) {
    List<TokenSigner.Access> access = new ArrayList<>();
    for (String scope : scopes) {
      int first = scope.indexOf(':');
      int last = scope.lastIndexOf(':');
      if (first < 0 || last == first) {
        continue;
      }
      List<String> actions = List.of(scope.substring(last + 1).split(","));
      if (account == null) {
        actions = anonymousPull && actions.contains("pull") ? List.of("pull") : List.of();
      }
      access.add(new TokenSigner.Access(scope.substring(0, first), scope.substring(first + 1, last), actions));
    }
    return access;
  }

  private String basicUser(String header) {
    if (!header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return null;
    }
    String user = decoded.substring(0, colon);
    return decoded.substring(colon + 1).equals(users.get(user)) ? user : null;
  }

  private static Map<String, List<String>> query(String raw) {
    Map<String, List<String>> out = new java.util.HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
    }
    return out;
  }

  private static String first(Map<String, List<String>> params, String key) {
    List<String> v = params.get(key);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  private static void send(HttpExchange ex, int status, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, body.length);
    ex.getResponseBody().write(body);
  }
}
