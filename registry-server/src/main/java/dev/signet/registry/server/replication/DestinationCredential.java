package dev.signet.registry.server.replication;

import dev.signet.registry.client.auth.Credential;
import dev.signet.registry.client.auth.CredentialException;
import java.util.Objects;
import java.util.Optional;

/**
 * What a rule authenticates to its destination with: a user name and password (also what to use for a
 * personal access token), or an identity (OAuth2 refresh) token as {@code docker login} stores for some
 * registries. {@link #toString()} and {@link #describe()} never show the secret.
 */
public final class DestinationCredential {

  /** The two forms. */
  public enum Kind { BASIC, TOKEN }

  private final Kind kind;
  private final String username;
  /** Null when the stored secret could not be decrypted. */
  private final String secret;

  private DestinationCredential(Kind kind, String username, String secret) {
    this.kind = Objects.requireNonNull(kind, "kind");
    this.username = username;
    this.secret = secret;
  }

  public static DestinationCredential basic(String username, String password) {
    if (username == null || username.isEmpty()) {
      throw new IllegalArgumentException("a destination user name is required");
    }
    return new DestinationCredential(Kind.BASIC, username, Objects.requireNonNull(password, "password"));
  }

  public static DestinationCredential token(String token) {
    if (token == null || token.isEmpty()) {
      throw new IllegalArgumentException("a destination token must not be empty");
    }
    return new DestinationCredential(Kind.TOKEN, null, token);
  }

  /** A stored credential whose secret cannot be read (the key file changed); using it fails. */
  static DestinationCredential unreadable(Kind kind, String username) {
    return new DestinationCredential(kind, username, null);
  }

  public Kind kind() {
    return kind;
  }

  /** The user name of a {@link Kind#BASIC} credential. */
  public Optional<String> username() {
    return Optional.ofNullable(username);
  }

  /** The password or token: only for storage and for the registry client. */
  Optional<String> secret() {
    return Optional.ofNullable(secret);
  }

  Credential toCredential(String rule) throws CredentialException {
    if (secret == null) {
      throw new CredentialException("the destination credentials of rule " + rule + " cannot be decrypted "
          + "(was replication.key replaced?); delete and add the rule again");
    }
    return kind == Kind.BASIC ? Credential.basic(username, secret) : Credential.identityToken(secret);
  }

  /** {@code basic (user alice)} or {@code token}. */
  public String describe() {
    return kind == Kind.BASIC ? "basic (user " + username + ")" : "token";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DestinationCredential c && c.kind == kind && Objects.equals(c.username, username)
        && Objects.equals(c.secret, secret);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, username, secret);
  }

  @Override
  public String toString() {
    return "DestinationCredential[" + describe() + "]";
  }
}
