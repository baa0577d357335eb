package dev.signet.testing.registry;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * How a {@link DockerRegistryPeer} authenticates clients: not at all, with an htpasswd file
 * (bcrypt, as distribution requires), or with bearer tokens from a {@link TokenIssuer}.
 */
public abstract sealed class RegistryAuth {
  private RegistryAuth() {}

  public static RegistryAuth none() {
    return new None();
  }

  /** htpasswd basic auth with the given users (user → password). */
  public static RegistryAuth htpasswd(Map<String, String> users) {
    return new Htpasswd(users);
  }

  /** Token auth: the registry trusts {@code issuer}'s certificate and sends clients to its realm. */
  public static RegistryAuth token(TokenIssuer issuer) {
    return new Token(issuer);
  }

  /** The {@code auth:} section of the registry's config, writing any files it needs into {@code dir}. */
  abstract String configSection(Path dir) throws java.io.IOException;

  /** Whether an anonymous {@code GET /v2/} is expected to answer 401 rather than 200. */
  abstract boolean challengesAnonymous();

  static final class None extends RegistryAuth {
    @Override
    String configSection(Path dir) {
      return "";
    }

    @Override
    boolean challengesAnonymous() {
      return false;
    }
  }

  static final class Htpasswd extends RegistryAuth {
    private final Map<String, String> users;

    Htpasswd(Map<String, String> users) {
      this.users = new TreeMap<>(users);
    }

    @Override
    String configSection(Path dir) throws java.io.IOException {
      StringBuilder file = new StringBuilder();
      byte[] salt = new byte[16];
      new java.security.SecureRandom().nextBytes(salt);
      users.forEach((user, password) ->
          file.append(user).append(':')
              .append(OpenBSDBCrypt.generate("2y", password.toCharArray(), salt, 5)).append('\n'));
      Path path = dir.resolve("htpasswd");
      Files.writeString(path, file.toString(), StandardCharsets.UTF_8);
      return "auth:\n  htpasswd:\n    realm: signet-test\n    path: " + path.toAbsolutePath() + "\n";
    }

    @Override
    boolean challengesAnonymous() {
      return true;
    }
  }

  static final class Token extends RegistryAuth {
    private final TokenIssuer issuer;

    Token(TokenIssuer issuer) {
      this.issuer = issuer;
    }

    @Override
    String configSection(Path dir) throws java.io.IOException {
      Path bundle = dir.resolve("token-root.pem");
      Files.writeString(bundle, issuer.certificatePem(), StandardCharsets.US_ASCII);
      return "auth:\n  token:\n    realm: " + issuer.realm() + "\n    service: " + issuer.service()
          + "\n    issuer: " + issuer.issuerName() + "\n    rootcertbundle: " + bundle.toAbsolutePath() + "\n";
    }

    @Override
    boolean challengesAnonymous() {
      return true;
    }
  }
}
