package dev.signet.registry.server.auth.http;

import dev.signet.registry.server.auth.AuthServices;
import dev.signet.registry.server.auth.OidcIssuer;
import dev.signet.registry.server.auth.Principal;
import dev.signet.registry.server.service.RegistryException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The registry as an OpenID Connect issuer: {@value #DISCOVERY} (issuer = the registry's external URL),
 * {@value #JWKS} and {@value #TOKEN} ({@code GET} or {@code POST}, optional {@code audience}), which answers
 * an account authenticated by basic auth or a registry bearer token with a short-lived ID token.
 */
final class OidcEndpoints {
  static final String DISCOVERY = "/.well-known/openid-configuration";
  static final String JWKS = "/oidc/jwks";
  static final String TOKEN = "/oidc/token";

  private final AuthServices auth;

  OidcEndpoints(AuthServices auth) {
    this.auth = auth;
  }

  static boolean owns(String path) {
    return path.equals(DISCOVERY) || path.equals(JWKS) || path.equals(TOKEN);
  }

  void handle(AuthExchange ex) throws ApiException, RegistryException {
    String path = ex.path();
    boolean read = ex.method().equals("GET") || ex.method().equals("HEAD");
    if (path.equals(TOKEN) ? !read && !ex.method().equals("POST") : !read) {
      throw new ApiException(405, "UNSUPPORTED", ex.method() + " is not supported on " + path);
    }
    switch (path) {
      case DISCOVERY -> ex.sendJson(200, discovery(issuer(ex)));
      case JWKS -> ex.sendJson(200, auth.oidc().jwks());
      default -> token(ex);
    }
  }

  private void token(AuthExchange ex) throws ApiException, RegistryException {
    Principal who = auth.gate().authenticate(ex).principal();
    if (who.isAnonymous()) {
      throw auth.gate().challenge(ex, null, null, "an ID token needs the account's credentials (basic or bearer)");
    }
    String audience = ex.query("audience").orElse(OidcIssuer.DEFAULT_AUDIENCE);
    if (audience.length() > 256 || audience.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
      throw ApiException.invalid("audience must be 1 to 256 printable ASCII characters without spaces");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id_token", auth.oidc().idToken(who, issuer(ex), audience));
    out.put("token_type", "Bearer");
    out.put("expires_in", auth.oidc().ttl().toSeconds());
    ex.sendJson(200, out);
  }

  private Map<String, Object> discovery(String issuer) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("issuer", issuer);
    d.put("jwks_uri", issuer + JWKS);
    d.put("token_endpoint", issuer + TOKEN);
    d.put("response_types_supported", List.of("id_token"));
    d.put("subject_types_supported", List.of("public"));
    d.put("id_token_signing_alg_values_supported", List.of("ES256"));
    d.put("claims_supported", List.of("iss", "sub", "aud", "exp", "iat", "nbf", "jti"));
    return d;
  }

  /** The configured external URL, else the URL this request came to (no trailing slash). */
  private String issuer(AuthExchange ex) {
    String base = auth.publicUrl() != null ? auth.publicUrl().toString() : ex.baseUrl();
    return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }
}
