package dev.signet.sigstore.ca;

import com.nimbusds.jwt.SignedJWT;
import dev.signet.sigstore.ca.oidc.IssuerType;
import dev.signet.sigstore.ca.oidc.OidcIssuer;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

/**
 * A real OIDC provider for tests: navikt's mock-oauth2-server on a loopback port (discovery document,
 * JWKS and signed RS256 ID tokens per issuer path). Issuers: {@code email}, {@code github} (GitHub
 * Actions), {@code uri}, {@code user}; {@code rogue} is served but not configured in {@link #issuers()}.
 */
public final class OidcProvider implements AutoCloseable {
  public static final String SUBJECT_DOMAIN = "https://ci.signet.test";
  private final MockOAuth2Server server = new MockOAuth2Server();

  public OidcProvider() {
    server.start();
  }

  public String issuer(String id) {
    return server.issuerUrl(id).toString();
  }

  /** The configured issuers: email, github, uri, user (audience sigstore). */
  public List<OidcIssuer> issuers() {
    return List.of(OidcIssuer.of(issuer("email"), IssuerType.EMAIL),
        OidcIssuer.of(issuer("github"), IssuerType.GITHUB_ACTIONS),
        new OidcIssuer(issuer("uri"), "sigstore", IssuerType.URI, SUBJECT_DOMAIN),
        new OidcIssuer(issuer("user"), "sigstore", IssuerType.USERNAME, "signet.test"));
  }

  /** A token from issuer {@code id} for audience {@code sigstore}. */
  public String token(String id, String subject, Map<String, Object> claims) {
    return token(id, subject, "sigstore", claims, 600);
  }

  public String token(String id, String subject, String audience, Map<String, Object> claims, long expirySeconds) {
    SignedJWT jwt = server.issueToken(id, "signet-test-client",
        new DefaultOAuth2TokenCallback(id, subject, "JWT", List.of(audience), claims, expirySeconds));
    return jwt.serialize();
  }

  /** A verified-email token from the {@code email} issuer. */
  public String emailToken(String email) {
    return token("email", "user-123", Map.of("email", email, "email_verified", true));
  }

  @Override
  public void close() {
    server.shutdown();
  }
}
