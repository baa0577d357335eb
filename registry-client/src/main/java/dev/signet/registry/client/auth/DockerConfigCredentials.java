package dev.signet.registry.client.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Credentials from a docker {@code config.json}, looked up the way docker does: a {@code credHelpers}
 * entry for the registry, else the {@code credsStore} helper, else the {@code auths} entry (base64
 * {@code auth}, or {@code username}/{@code password}, or {@code identitytoken}). Docker Hub is keyed
 * {@code https://index.docker.io/v1/}; URL-form keys match their host. The file is re-read on each
 * look-up; a missing file means no credentials. No global state: the path and the environment (for
 * the helpers' {@code PATH}) are given.
 */
public final class DockerConfigCredentials implements CredentialProvider {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path configFile;
  private final Map<String, String> env;

  public DockerConfigCredentials(Path configFile, Map<String, String> env) {
    this.configFile = configFile;
    this.env = Map.copyOf(env);
  }

  /** Reads {@code $DOCKER_CONFIG/config.json}, else {@code $HOME/.docker/config.json}. */
  public static DockerConfigCredentials fromEnvironment(Map<String, String> env) {
    return new DockerConfigCredentials(configPath(env), env);
  }

  /** {@code $DOCKER_CONFIG/config.json}, else {@code $HOME/.docker/config.json}. */
  public static Path configPath(Map<String, String> env) {
    String dir = env.get("DOCKER_CONFIG");
    if (dir != null && !dir.isEmpty()) {
      return Path.of(dir, "config.json");
    }
    return Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".docker", "config.json");
  }

  public Path configFile() {
    return configFile;
  }

  @Override
  public Optional<Credential> credentialFor(String registry) throws CredentialException {
    JsonNode config = read(configFile);
    if (config == null) {
      return Optional.empty();
    }
    String key = DockerConfigKeys.keyFor(registry);
    Optional<String> helper = helperFor(config, key);
    if (helper.isPresent()) {
      return new CredentialHelper(helper.get(), env).get(key);
    }
    JsonNode entry = authEntry(config, registry);
    return entry == null ? Optional.empty() : decode(entry, key);
  }

  /** The helper configured for {@code key}: its {@code credHelpers} entry, else {@code credsStore}. */
  static Optional<String> helperFor(JsonNode config, String key) {
    JsonNode helpers = config.path("credHelpers");
    if (helpers.isObject()) {
      for (Map.Entry<String, JsonNode> e : helpers.properties()) {
        if (DockerConfigKeys.matches(e.getKey(), key) && e.getValue().isTextual() && !e.getValue().asText().isEmpty()) {
          return Optional.of(e.getValue().asText());
        }
      }
    }
    JsonNode store = config.path("credsStore");
    return store.isTextual() && !store.asText().isEmpty() ? Optional.of(store.asText()) : Optional.empty();
  }

  private static JsonNode authEntry(JsonNode config, String registry) {
    JsonNode auths = config.path("auths");
    if (!auths.isObject()) {
      return null;
    }
    JsonNode exact = auths.get(DockerConfigKeys.keyFor(registry));
    if (exact != null) {
      return exact;
    }
    for (Map.Entry<String, JsonNode> e : auths.properties()) {
      if (DockerConfigKeys.matches(e.getKey(), registry)) {
        return e.getValue();
      }
    }
    return null;
  }

  private Optional<Credential> decode(JsonNode entry, String key) throws CredentialException {
    String identityToken = entry.path("identitytoken").asText("");
    if (!identityToken.isEmpty()) {
      return Optional.of(Credential.identityToken(identityToken));
    }
    String auth = entry.path("auth").asText("");
    if (!auth.isEmpty()) {
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(auth.trim()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new CredentialException("the auth entry for " + key + " in " + configFile + " is not valid base64");
      }
      int colon = decoded.indexOf(':');
      if (colon <= 0) {
        throw new CredentialException("the auth entry for " + key + " in " + configFile + " is not user:password");
      }
      return Optional.of(Credential.basic(decoded.substring(0, colon), decoded.substring(colon + 1)));
    }
    String user = entry.path("username").asText("");
    String password = entry.path("password").asText("");
    return user.isEmpty() ? Optional.empty() : Optional.of(Credential.basic(user, password));
  }

  static JsonNode read(Path file) throws CredentialException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new CredentialException("cannot read " + file + ": " + e.getMessage(), e);
    }
    try {
      JsonNode node = bytes.length == 0 ? null : JSON.readTree(bytes);
      if (node != null && !node.isObject()) {
        throw new CredentialException(file + " is not a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw new CredentialException(file + " is not valid JSON", e);
    }
  }
}
