package dev.signet.testing.registry;

import dev.signet.testing.Processes;
import dev.signet.testing.TempDirs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's {@code docker-registry serve} (CNCF distribution 2.8) as a direct child process on a
 * kernel-chosen 127.0.0.1 port, with a fresh data directory and a generated config (deletes enabled,
 * fixed HTTP secret). {@link #close()} stops it by its own PID and removes the data.
 *
 * <p>Most tests should share one instance through {@link DockerRegistryExtension}.
 */
public final class DockerRegistryPeer implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  private final Process process;
  private final Path dir;
  private final int port;
  private final List<String> log;
  private final Thread shutdownHook;

  private DockerRegistryPeer(Process process, Path dir, int port, List<String> log) {
    this.process = process;
    this.dir = dir;
    this.port = port;
    this.log = log;
    this.shutdownHook = new Thread(process::destroyForcibly, "docker-registry-stop");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** The binary, if installed. */
  public static Optional<Path> binary() {
    return Processes.findExecutable("docker-registry");
  }

  /** Skips the calling test (with a visible message) when {@code docker-registry} is not installed. */
  public static void assumeInstalled() {
    if (binary().isEmpty()) {
      String msg = "docker-registry is not installed (apt-get install docker-registry): skipping registry test";
      System.err.println("[signet-testing] " + msg);
      Assumptions.abort(msg);
    }
  }

  /** Starts an unauthenticated registry. */
  public static DockerRegistryPeer start() {
    return start(RegistryAuth.none());
  }

  /** Starts a registry with the given authentication; skips the test if the binary is missing. */
  public static DockerRegistryPeer start(RegistryAuth auth) {
    assumeInstalled();
    Path dir = TempDirs.create("signet-registry-");
    try {
      Path data = Files.createDirectories(dir.resolve("data"));
      Path config = dir.resolve("config.yml");
      Files.writeString(config, config(data, auth.configSection(dir)), StandardCharsets.UTF_8);
      Process p = new ProcessBuilder(binary().orElseThrow().toString(), "serve", config.toString())
          .redirectErrorStream(true)
          .start();
      List<String> log = new ArrayList<>();
      CompletableFuture<Integer> port = new CompletableFuture<>();
      readLog(p, log, port);
      int chosen;
      try {
        chosen = port.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        p.destroyForcibly();
        throw new IllegalStateException("docker-registry did not start:\n" + String.join("\n", snapshot(log)), e);
      }
      DockerRegistryPeer peer = new DockerRegistryPeer(p, dir, chosen, log);
      peer.awaitReady(auth.challengesAnonymous() ? 401 : 200);
      return peer;
    } catch (IOException e) {
      TempDirs.deleteRecursively(dir);
      throw new UncheckedIOException("cannot start docker-registry", e);
    }
  }

  /** {@code 127.0.0.1:PORT}: the registry part of image references. */
  public String host() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** {@code http://127.0.0.1:PORT}. */
  public URI url() {
    return URI.create("http://" + host());
  }

  /** {@code host()/repository}, handy for image references. */
  public String repository(String path) {
    return host() + "/" + path;
  }

  /** The registry's storage root (distribution's filesystem layout). */
  public Path dataDir() {
    return dir.resolve("data");
  }

  /** Everything the registry logged so far, one entry per line (includes one line per request). */
  public List<String> log() {
    return snapshot(log);
  }

  /** The access log so far: one entry per request the registry answered, in order. */
  public List<LoggedRequest> requestLog() {
    return log().stream().map(LoggedRequest::parse).flatMap(Optional::stream).toList();
  }

  public boolean isRunning() {
    return process.isAlive();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException ignored) {
      // Already shutting down.
    }
    TempDirs.deleteRecursively(dir);
  }

  @Override
  public String toString() {
    return "docker-registry at " + host();
  }

  private static String config(Path data, String authSection) {
    return "version: 0.1\n"
        + "log:\n  level: info\n"
        + "storage:\n  filesystem:\n    rootdirectory: " + data.toAbsolutePath() + "\n"
        + "  delete:\n    enabled: true\n"
        + "  maintenance:\n    uploadpurging:\n      enabled: false\n"
        + "http:\n  addr: 127.0.0.1:0\n  secret: signet-test-only-secret\n"
        + authSection;
  }

  private static void readLog(Process p, List<String> log, CompletableFuture<Integer> port) {
    Thread t = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          synchronized (log) {
            log.add(line);
          }
          Matcher m = LISTENING.matcher(line);
          if (!port.isDone() && m.find()) {
            port.complete(Integer.parseInt(m.group(1)));
          }
        }
      } catch (IOException ignored) {
        // Process ended.
      }
      port.completeExceptionally(new IllegalStateException("docker-registry exited"));
    }, "docker-registry-log");
    t.setDaemon(true);
    t.start();
  }

  private void awaitReady(int expectedStatus) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest ping = HttpRequest.newBuilder(URI.create(url() + "/v2/")).timeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    int last = -1;
    while (System.nanoTime() < deadline && process.isAlive()) {
      try {
        last = http.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (last == expectedStatus) {
          return;
        }
      } catch (IOException e) {
        // Not listening yet.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      sleep(50);
    }
    close();
    throw new IllegalStateException("docker-registry at " + host() + " not ready (last GET /v2/ status " + last
        + ", expected " + expectedStatus + "):\n" + String.join("\n", snapshot(log)));
  }

  private static List<String> snapshot(List<String> log) {
    synchronized (log) {
      return List.copyOf(log);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
