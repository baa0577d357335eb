package dev.signet.testing.oracle;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@code @sigstore/verify} oracle ({@code oracles/sigstore-js/verify-bundle.js}) in batch
 * mode: one Node process per {@link #verifyAll} call, one JSON line per request. Installs the pinned
 * npm packages with {@code npm ci} on first use. Tests call {@link #assumeAvailable()} to skip, with a
 * visible message, where Node or the oracle directory is missing.
 */
public final class SigstoreVerifyOracle {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long TIMEOUT_SECONDS = 300;

  private final Path directory;
  private final String unavailableReason;

  private SigstoreVerifyOracle(Path directory, String unavailableReason) {
    this.directory = directory;
    this.unavailableReason = unavailableReason;
  }

  /** Locates the oracle ({@code -Dsignet.oracles}, else upward search) and checks for {@code node}. */
  public static SigstoreVerifyOracle locate() {
    Optional<Path> dir = OracleDirectory.locate();
    if (dir.isEmpty()) {
      String configured = System.getProperty(OracleDirectory.PROPERTY);
      return new SigstoreVerifyOracle(null, configured != null && !configured.isBlank()
          ? "no verify-bundle.js in -D" + OracleDirectory.PROPERTY + "=" + configured + " (or its sigstore-js/)"
          : "oracles/sigstore-js not found above " + Path.of("").toAbsolutePath() + " (set -D" + OracleDirectory.PROPERTY + ")");
    }
    try {
      OracleDirectory.run(dir.get(), List.of("node", "--version"), 30);
      return new SigstoreVerifyOracle(dir.get(), null);
    } catch (IOException e) {
      return new SigstoreVerifyOracle(dir.get(), "node is not runnable: " + e.getMessage());
    }
  }

  public boolean isAvailable() {
    return unavailableReason == null;
  }

  /** Why the oracle cannot run, or null. */
  public String unavailableReason() {
    return unavailableReason;
  }

  public Path directory() {
    return directory;
  }

  /** Skips the calling test (JUnit assumption, message also on stderr) when the oracle cannot run. */
  public SigstoreVerifyOracle assumeAvailable() {
    if (!isAvailable()) {
      System.err.println("SKIPPED: @sigstore/verify oracle unavailable: " + unavailableReason);
    }
    assumeTrue(isAvailable(), () -> "@sigstore/verify oracle unavailable: " + unavailableReason);
    return this;
  }

  public OracleResult verify(OracleRequest request) throws IOException {
    return verifyAll(List.of(request)).get(0);
  }

  /** Verifies every request in one Node process; results are in request order. */
  public List<OracleResult> verifyAll(List<OracleRequest> requests) throws IOException {
    if (!isAvailable()) {
      throw new IllegalStateException("oracle unavailable: " + unavailableReason);
    }
    OracleDirectory.ensureInstalled(directory);
    Process p = new ProcessBuilder("node", "verify-bundle.js", "--batch")
        .directory(directory.toFile())
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> writeRequests(p, requests));
    List<OracleResult> results = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        JsonNode r = JSON.readTree(line);
        int id = r.path("id").asInt(-1);
        if (id != results.size()) {
          throw new IOException("oracle answered out of order: " + line);
        }
        results.add(new OracleResult(requests.get(id), r.path("ok").asBoolean(false), r.path("code").asText(),
            r.path("message").asText()));
      }
    }
    finish(p, writer);
    if (results.size() != requests.size()) {
      throw new IOException("oracle answered " + results.size() + " of " + requests.size() + " requests");
    }
    return results;
  }

  private static void writeRequests(Process p, List<OracleRequest> requests) {
    try (OutputStream out = p.getOutputStream()) {
      for (int i = 0; i < requests.size(); i++) {
        String line = JSON.writeValueAsString(requests.get(i).toJson(JSON.createObjectNode(), i)) + "\n";
        out.write(line.getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void finish(Process p, CompletableFuture<Void> writer) throws IOException {
    try {
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("oracle timed out after " + TIMEOUT_SECONDS + " s");
      }
      writer.get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted waiting for the oracle", e);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IOException("writing oracle requests failed", e);
    }
    if (p.exitValue() != 0) {
      throw new IOException("oracle exited " + p.exitValue());
    }
  }
}
