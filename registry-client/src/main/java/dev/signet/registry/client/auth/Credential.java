package dev.signet.registry.client.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * A registry credential: a user name and password for basic auth (also sent to a token realm), or an
 * identity token (an OAuth2 refresh token, what {@code docker login} stores for some registries and
 * what a credential helper returns with user {@code <token>}). {@link #toString()} never shows the
 * secret.
 */
public final class Credential {
  /** The user name credential helpers use to mark an identity token. */
  public static final String TOKEN_USERNAME = "<token>";

  private final String username;
  private final String secret;
  private final boolean identityToken;

  private Credential(String username, String secret, boolean identityToken) {
    this.username = Objects.requireNonNull(username, "username");
    this.secret = Objects.requireNonNull(secret, "secret");
    this.identityToken = identityToken;
  }

  public static Credential basic(String username, String password) {
    if (username.isEmpty()) {
      throw new IllegalArgumentException("a user name is required for basic credentials");
    }
    return new Credential(username, password, false);
  }

  public static Credential identityToken(String token) {
    if (token.isEmpty()) {
      throw new IllegalArgumentException("an identity token must not be empty");
    }
    return new Credential(TOKEN_USERNAME, token, true);
  }

  public String username() {
    return username;
  }

  /** The password, or the identity token. */
  public String secret() {
    return secret;
  }

  public boolean isIdentityToken() {
    return identityToken;
  }

  /** {@code Basic base64(user:password)}; only for basic credentials. */
  public String basicAuthorization() {
    if (identityToken) {
      throw new IllegalStateException("an identity token cannot be sent as basic auth");
    }
    return "Basic " + Base64.getEncoder().encodeToString((username + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Credential c && c.identityToken == identityToken && c.username.equals(username)
        && c.secret.equals(secret);
  }

  @Override
  public int hashCode() {
    return Objects.hash(username, secret, identityToken);
  }

  @Override
  public String toString() {
    return identityToken ? "Credential[identity token]" : "Credential[basic user=" + username + "]";
  }
}
