package dev.signet.cli.keyless;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * {@code oracles/sigstore-mock/serve.js}: {@code @sigstore/mock}'s Fulcio, Rekor and TSA (someone else's
 * implementation) listening on 127.0.0.1 until {@link #close()}; the run's signing config and trusted root
 * are written to files. Skips (visibly) without Node.js, like {@link MockSigstore}.
 */
public final class MockServices implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final JsonNode info;
  private final Path signingConfig;
  private final Path trustedRoot;

  private MockServices(Process process, JsonNode info, Path dir) throws IOException {
    this.process = process;
    this.info = info;
    this.signingConfig = Files.write(dir.resolve("signing_config.json"), JSON.writeValueAsBytes(info.get("signing_config")));
    this.trustedRoot = Files.write(dir.resolve("trusted_root.json"), JSON.writeValueAsBytes(info.get("trusted_root")));
  }

  /** Starts the services; their files go to {@code dir}. */
  public static MockServices start(Path dir) throws IOException {
    Path oracle = MockSigstore.directory();
    Process p = new ProcessBuilder("node", oracle.resolve("serve.js").toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    if (line == null) {
      p.destroy();
      throw new IllegalStateException("serve.js printed nothing (exit " + waitFor(p) + ")");
    }
    return new MockServices(p, JSON.readTree(line), Files.createDirectories(dir));
  }

  public String fulcio() {
    return info.path("fulcio").asText();
  }

  public String rekor() {
    return info.path("rekor").asText();
  }

  public String tsa() {
    return info.path("tsa").asText();
  }

  public Path signingConfig() {
    return signingConfig;
  }

  public Path trustedRoot() {
    return trustedRoot;
  }

  /** An unsigned ID token (the mock CA checks claims, not signatures) for {@code subject}, valid until {@code exp}. */
  public static String token(String subject, String email, Instant exp) {
    Base64.Encoder b64u = Base64.getUrlEncoder().withoutPadding();
    long now = Instant.now().getEpochSecond();
    String header = b64u.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    String claims = "{\"iss\":\"" + MockSigstore.ISSUER + "\",\"sub\":\"" + subject + "\","
        + (email == null ? "" : "\"email\":\"" + email + "\",\"email_verified\":true,")
        + "\"aud\":\"sigstore\",\"iat\":" + now + ",\"exp\":" + exp.getEpochSecond() + "}";
    return header + "." + b64u.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".";
  }

  @Override
  public void close() {
    try {
      process.getOutputStream().close(); // serve.js stops when stdin closes
    } catch (IOException e) {
      // already closed
    }
    if (waitFor(process) == Integer.MIN_VALUE) {
      process.destroyForcibly();
    }
  }

  private static int waitFor(Process p) {
    try {
      return p.waitFor(10, TimeUnit.SECONDS) ? p.exitValue() : Integer.MIN_VALUE;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Integer.MIN_VALUE;
    }
  }
}
