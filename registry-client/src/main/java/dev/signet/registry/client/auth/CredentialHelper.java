package dev.signet.registry.client.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A docker credential helper ({@code docker-credential-<name>}) found on the {@code PATH} of the given
 * environment: {@code get} reads the server URL on stdin and prints {@code {"Username","Secret"}}
 * (user {@code <token>} = identity token); {@code store} reads
 * {@code {"ServerURL","Username","Secret"}}. Secrets never appear in exception messages.
 */
public final class CredentialHelper {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final String name;
  private final Map<String, String> env;

  public CredentialHelper(String name, Map<String, String> env) {
    if (!name.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException("invalid credential helper name: " + name);
    }
    this.name = name;
    this.env = Map.copyOf(env);
  }

  public String program() {
    return "docker-credential-" + name;
  }

  /** The stored credential for {@code serverUrl}, or empty when the helper has none. */
  public Optional<Credential> get(String serverUrl) throws CredentialException {
    Result r = run("get", serverUrl.getBytes(StandardCharsets.UTF_8));
    if (r.exit != 0) {
      String out = (r.stdout + " " + r.stderr).toLowerCase(Locale.ROOT);
      if (out.contains("credentials not found")) {
        return Optional.empty();
      }
      throw new CredentialException(program() + " get failed with exit code " + r.exit + ": " + firstLine(r.stderr));
    }
    JsonNode json;
    try {
      json = JSON.readTree(r.stdout);
    } catch (IOException e) {
      throw new CredentialException(program() + " get printed something that is not JSON");
    }
    String user = json.path("Username").asText("");
    String secret = json.path("Secret").asText("");
    if (secret.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(Credential.TOKEN_USERNAME.equals(user) || user.isEmpty()
        ? Credential.identityToken(secret)
        : Credential.basic(user, secret));
  }

  /** Stores {@code credential} for {@code serverUrl}. */
  public void store(String serverUrl, Credential credential) throws CredentialException {
    byte[] input;
    try {
      input = JSON.writeValueAsBytes(Map.of("ServerURL", serverUrl, "Username", credential.username(),
          "Secret", credential.secret()));
    } catch (IOException e) {
      throw new CredentialException("cannot encode credentials", e);
    }
    Result r = run("store", input);
    if (r.exit != 0) {
      throw new CredentialException(program() + " store failed with exit code " + r.exit + ": " + firstLine(r.stderr));
    }
  }

  private record Result(int exit, String stdout, String stderr) {}

  private Result run(String verb, byte[] stdin) throws CredentialException {
    Path exe = locate().orElseThrow(() -> new CredentialException(program() + " not found on PATH"));
    ProcessBuilder pb = new ProcessBuilder(List.of(exe.toString(), verb));
    pb.environment().clear();
    pb.environment().putAll(env);
    try {
      Process p = pb.start();
      try (OutputStream in = p.getOutputStream()) {
        in.write(stdin);
      } catch (IOException ignored) {
        // The helper may exit without reading.
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      Thread outPump = new Thread(() -> drain(p.getInputStream(), out));
      Thread errPump = new Thread(() -> drain(p.getErrorStream(), err));
      outPump.start();
      errPump.start();
      if (!p.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new CredentialException(program() + " " + verb + " did not finish within " + TIMEOUT);
      }
      outPump.join(5_000);
      errPump.join(5_000);
      return new Result(p.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new CredentialException("cannot run " + program() + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CredentialException("interrupted while running " + program(), e);
    }
  }

  private Optional<Path> locate() {
    String path = env.getOrDefault("PATH", "");
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, program());
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static void drain(InputStream in, ByteArrayOutputStream sink) {
    try (in) {
      in.transferTo(sink);
    } catch (IOException ignored) {
      // Process ended.
    }
  }

  private static String firstLine(String s) {
    String t = s.strip();
    int nl = t.indexOf('\n');
    return t.isEmpty() ? "(no message)" : nl >= 0 ? t.substring(0, nl) : t;
  }
}
