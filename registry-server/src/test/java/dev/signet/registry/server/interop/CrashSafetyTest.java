package dev.signet.registry.server.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.oci.Digest;
import dev.signet.oci.MediaTypes;
import dev.signet.registry.server.service.FsckReport;
import dev.signet.registry.server.service.Registry;
import dev.signet.registry.server.testkit.TestManifests;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pushes concurrently to a registry in another JVM, kills it with SIGKILL mid-push, and checks on the
 * same data directory that fsck finds nothing wrong and that every manifest the registry acknowledged
 * (201) is served with its exact bytes after a restart.
 */
class CrashSafetyTest {
  private static final int PUSHERS = 8;

  @TempDir Path data;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  record Acked(String repo, String tag, Digest digest, byte[] bytes) {}

  @Test
  void killDuringPushes_losesNothingAcknowledged() throws Exception {
    ConcurrentLinkedQueue<Acked> acked = new ConcurrentLinkedQueue<>();
    Process first = fork();
    URI base = URI.create("http://127.0.0.1:" + port(first));
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(PUSHERS);
    for (int t = 0; t < PUSHERS; t++) {
      int thread = t;
      pool.submit(() -> pushUntilStopped(base, thread, stop, acked));
    }
    Thread.sleep(2500);
    first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    stop.set(true);
    pool.shutdown();
    assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    assertThat(acked).as("pushes acknowledged before the kill").isNotEmpty();

    try (Registry registry = Registry.open(data, Clock.systemUTC(), true)) {
      FsckReport report = registry.fsck().run();
      assertThat(report.problems()).isEmpty();
      assertThat(report.manifests()).isGreaterThanOrEqualTo(acked.size());
    }

    Process second = fork();
    try {
      URI again = URI.create("http://127.0.0.1:" + port(second));
      for (Acked a : acked) {
        HttpResponse<byte[]> byTag = get(again, "/v2/" + a.repo() + "/manifests/" + a.tag());
        assertThat(byTag.statusCode()).as(a.repo() + ":" + a.tag()).isEqualTo(200);
        assertThat(byTag.body()).isEqualTo(a.bytes());
        assertThat(get(again, "/v2/" + a.repo() + "/manifests/" + a.digest()).statusCode()).isEqualTo(200);
      }
      System.out.println("[crash-safety] " + acked.size() + " acknowledged manifests survived SIGKILL");
    } finally {
      second.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }

  private void pushUntilStopped(URI base, int thread, AtomicBoolean stop, ConcurrentLinkedQueue<Acked> acked) {
    Random random = new Random(thread);
    String repo = "crash/t" + thread;
    for (int i = 0; !stop.get(); i++) {
      try {
        byte[] config = ("{\"n\":" + i + ",\"t\":" + thread + "}").getBytes(StandardCharsets.UTF_8);
        byte[] layer = new byte[16_384 + random.nextInt(200_000)];
        random.nextBytes(layer);
        if (!blob(base, repo, config) || !chunkedBlob(base, repo, layer)) {
          continue;
        }
        byte[] manifest = TestManifests.image(Digest.sha256(config), config.length,
            Map.of(Digest.sha256(layer), (long) layer.length));
        String tag = "v" + i;
        HttpResponse<byte[]> put = send(base, "PUT", "/v2/" + repo + "/manifests/" + tag, manifest,
            MediaTypes.OCI_MANIFEST);
        if (put.statusCode() == 201) {
          acked.add(new Acked(repo, tag, Digest.sha256(manifest), manifest));
        }
      } catch (IOException | InterruptedException e) {
        return;
      }
    }
  }

  private boolean blob(URI base, String repo, byte[] content) throws IOException, InterruptedException {
    return send(base, "POST", "/v2/" + repo + "/blobs/uploads/?digest=" + Digest.sha256(content), content,
        "application/octet-stream").statusCode() == 201;
  }

  private boolean chunkedBlob(URI base, String repo, byte[] content) throws IOException, InterruptedException {
    HttpResponse<byte[]> open = send(base, "POST", "/v2/" + repo + "/blobs/uploads/", new byte[0], null);
    String loc = open.headers().firstValue("Location").orElseThrow();
    int half = content.length / 2;
    HttpRequest patch = HttpRequest.newBuilder(base.resolve(loc)).method("PATCH",
        HttpRequest.BodyPublishers.ofByteArray(content, 0, half)).header("Content-Range", "0-" + (half - 1)).build();
    if (http.send(patch, HttpResponse.BodyHandlers.ofByteArray()).statusCode() != 202) {
      return false;
    }
    HttpRequest put = HttpRequest.newBuilder(base.resolve(loc + "?digest=" + Digest.sha256(content)))
        .PUT(HttpRequest.BodyPublishers.ofByteArray(content, half, content.length - half)).build();
    return http.send(put, HttpResponse.BodyHandlers.ofByteArray()).statusCode() == 201;
  }

  private HttpResponse<byte[]> send(URI base, String method, String path, byte[] body, String type)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).method(method,
        HttpRequest.BodyPublishers.ofByteArray(body));
    if (type != null) {
      b.header("Content-Type", type);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpResponse<byte[]> get(URI base, String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(base.resolve(path)).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private Process fork() throws IOException {
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", cp, ForkedRegistryMain.class.getName(), data.toString()));
    return new ProcessBuilder(cmd).redirectErrorStream(true).start();
  }

  private static int port(Process p) throws IOException {
    BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    for (String line; (line = r.readLine()) != null; ) {
      if (line.startsWith("PORT ")) {
        Thread drain = new Thread(() -> {
          try {
            r.transferTo(java.io.Writer.nullWriter());
          } catch (IOException ignored) {
            // the process died
          }
        });
        drain.setDaemon(true);
        drain.start();
        return Integer.parseInt(line.substring(5).trim());
      }
    }
    throw new IllegalStateException("the forked registry exited before listening");
  }
}
