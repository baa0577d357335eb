package dev.signet.registry.client.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;

/**
 * Stores a login the way {@code crane auth login} / {@code docker login} do: under
 * {@code https://index.docker.io/v1/} for Docker Hub and {@code host[:port]} otherwise, as a base64
 * {@code auth} entry in {@code config.json} (other keys and entries preserved, file mode 0600, written
 * atomically), or through the credential helper configured for that registry (leaving an empty
 * {@code auths} entry, as docker does).
 */
public final class DockerConfigWriter {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path configFile;
  private final Map<String, String> env;

  public DockerConfigWriter(Path configFile, Map<String, String> env) {
    this.configFile = configFile;
    this.env = Map.copyOf(env);
  }

  /** Writes to {@code $DOCKER_CONFIG/config.json}, else {@code $HOME/.docker/config.json}. */
  public static DockerConfigWriter fromEnvironment(Map<String, String> env) {
    return new DockerConfigWriter(DockerConfigCredentials.configPath(env), env);
  }

  /** Records {@code username}/{@code password} for {@code registry}. */
  public void login(String registry, String username, String password) throws CredentialException {
    String key = DockerConfigKeys.keyFor(registry);
    JsonNode read = DockerConfigCredentials.read(configFile);
    ObjectNode config = read == null ? JSON.createObjectNode() : (ObjectNode) read;
    ObjectNode auths = config.has("auths") && config.get("auths").isObject()
        ? (ObjectNode) config.get("auths")
        : config.putObject("auths");
    var helper = DockerConfigCredentials.helperFor(config, key);
    if (helper.isPresent()) {
      new CredentialHelper(helper.get(), env).store(key, Credential.basic(username, password));
      auths.putObject(key);
    } else {
      auths.putObject(key).put("auth", Base64.getEncoder()
          .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
    write(config);
  }

  /** Removes the {@code auths} entry of {@code registry}; false if there was none. */
  public boolean logout(String registry) throws CredentialException {
    JsonNode read = DockerConfigCredentials.read(configFile);
    if (read == null || !read.path("auths").isObject()) {
      return false;
    }
    ObjectNode auths = (ObjectNode) read.get("auths");
    String key = DockerConfigKeys.keyFor(registry);
    boolean removed = auths.remove(key) != null;
    if (removed) {
      write((ObjectNode) read);
    }
    return removed;
  }

  private void write(ObjectNode config) throws CredentialException {
    try {
      Path dir = configFile.toAbsolutePath().getParent();
      if (!Files.isDirectory(dir)) {
        createPrivateDirectories(dir);
      }
      Path tmp = Files.createTempFile(dir, ".config", ".json.tmp");
      try {
        setOwnerOnly(tmp, "rw-------");
        Files.write(tmp, JSON.writeValueAsBytes(config));
        try {
          Files.move(tmp, configFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, configFile, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new CredentialException("cannot write " + configFile + ": " + e.getMessage(), e);
    }
  }

  private static void createPrivateDirectories(Path dir) throws IOException {
    try {
      Files.createDirectories(dir);
    } catch (FileAlreadyExistsException e) {
      throw new IOException(dir + " exists and is not a directory", e);
    }
    setOwnerOnly(dir, "rwx------");
  }

  private static void setOwnerOnly(Path p, String perms) throws IOException {
    try {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: rely on the user's defaults.
    }
  }
}
