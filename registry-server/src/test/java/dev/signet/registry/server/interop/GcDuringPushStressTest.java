package dev.signet.registry.server.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.oci.Digest;
import dev.signet.oci.MediaTypes;
import dev.signet.registry.server.service.GcReport;
import dev.signet.registry.server.service.Registry;
import dev.signet.registry.server.testkit.MutableClock;
import dev.signet.registry.server.testkit.TestManifests;
import dev.signet.registry.server.testkit.TestRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 finding 4 as a bounded stress test on loopback through the real server: thousands of orphan
 * blobs (past the grace period) are re-pushed — monolithic, chunked, or mounted into another repository
 * — and each acknowledged one is referenced by a manifest, while the server's own collection and an
 * offline one (a second registry over the same data directory, as {@code signet registry gc} opens it)
 * sweep in loops. Every blob answered 201, and every blob of a manifest answered 201, must be served
 * afterwards: zero losses.
 */
class GcDuringPushStressTest {
  private static final int ORPHANS = 1000;
  private static final int PUSHERS = 4;
  private static final Duration GRACE = Duration.ofHours(1);
  /** How far ahead of the sweep's front a re-push picks its blob (about one push's time of sweeping). */
  private static final int AHEAD = 24;

  @TempDir Path data;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  record Acked(String repo, Digest blob, int size, boolean manifest) {}

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void rePushesRacingInServerAndOfflineSweeps_loseNothingAcknowledged() throws Exception {
    MutableClock clock = new MutableClock(Instant.now().minus(GRACE.multipliedBy(2)));
    try (TestRegistry registry = TestRegistry.start(data, clock)) {
      URI base = registry.url();
      long t0 = System.nanoTime();
      Map<Digest, byte[]> orphans = seed(registry.server().registry());
      System.out.println("[gc-during-push] seeded in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
      clock.advance(GRACE.multipliedBy(2)); // every orphan is now past the grace period
      List<Digest> order = listingOrder(orphans); // the order a sweep visits them, to collide as often as possible

      ConcurrentLinkedQueue<Acked> acked = new ConcurrentLinkedQueue<>();
      AtomicBoolean done = new AtomicBoolean();
      AtomicLong swept = new AtomicLong();
      AtomicInteger frontier = new AtomicInteger();
      AtomicInteger raced = new AtomicInteger();
      java.util.Set<Integer> claimed = java.util.concurrent.ConcurrentHashMap.newKeySet();
      ExecutorService pool = Executors.newFixedThreadPool(PUSHERS + 2);
      try (Registry offline = Registry.open(data, clock, false)) {
        List<Future<?>> sweeps = List.of(
            pool.submit(() -> sweepUntil(done, registry.server().registry(), swept)),
            pool.submit(() -> sweepUntil(done, offline, swept)));
        List<Future<?>> pushers = new ArrayList<>();
        for (int t = 0; t < PUSHERS; t++) {
          int seed = t;
          pushers.add(pool.submit(() -> {
            // chase the sweep: re-push blobs a little ahead of where it is removing them
            java.util.Random random = new java.util.Random(seed);
            while (true) {
              int f = frontier.get();
              while (f < order.size() && (claimed.contains(f) || !Files.exists(blobFile(order.get(f))))) {
                frontier.compareAndSet(f, f + 1);
                f = frontier.get();
              }
              int i = f + random.nextInt(AHEAD);
              if (f >= order.size()) {
                break;
              }
              if (i < order.size() && claimed.add(i)) {
                raced.incrementAndGet();
                rePush(base, i, order.get(i), orphans.get(order.get(i)), acked);
              }
            }
            // then everything the sweep got to first (installed afresh)
            for (int i = seed; i < order.size(); i += PUSHERS) {
              if (claimed.add(i)) {
                rePush(base, i, order.get(i), orphans.get(order.get(i)), acked);
              }
            }
            return null;
          }));
        }
        long t1 = System.nanoTime();
        for (Future<?> f : pushers) {
          f.get();
        }
        System.out.println("[gc-during-push] re-pushed in " + (System.nanoTime() - t1) / 1_000_000 + " ms");
        done.set(true);
        for (Future<?> f : sweeps) {
          f.get();
        }
      } finally {
        pool.shutdownNow();
      }

      int lost = 0;
      List<String> examples = new ArrayList<>();
      for (Acked a : acked) {
        HttpResponse<byte[]> r = send(base, "GET", "/v2/" + a.repo() + "/blobs/" + a.blob(), null, null);
        if (r.statusCode() != 200 || r.body().length != a.size()) {
          lost++;
          if (examples.size() < 5) {
            examples.add(a + " -> " + r.statusCode());
          }
        }
      }
      long manifests = acked.stream().filter(Acked::manifest).count();
      System.out.println("[gc-during-push] " + acked.size() + " blobs acknowledged (" + manifests
          + " with a manifest; " + raced.get() + " re-pushed just ahead of the sweep), "
          + swept.get() + " blobs swept meanwhile, " + lost + " lost");
      assertThat(acked.size()).as("re-pushes acknowledged").isGreaterThan(ORPHANS / 2);
      assertThat(swept.get()).as("the sweeps did remove orphans (the race was real)").isPositive();
      assertThat(acked.size()).as("every orphan re-pushed and acknowledged").isEqualTo(ORPHANS);
      assertThat(lost).as("acknowledged blobs lost, e.g. %s", examples).isZero();
      assertThat(registry.server().registry().fsck().run().problems()).isEmpty();
    }
  }

  /** The orphans, stored through the registry's services (the HTTP path is exercised by the re-pushes). */
  private Map<Digest, byte[]> seed(Registry services) throws Exception {
    Map<Digest, byte[]> out = new HashMap<>();
    for (int i = 0; i < ORPHANS; i++) {
      byte[] b = ("{\"orphan\":" + i + "}").getBytes(StandardCharsets.UTF_8);
      out.put(Digest.sha256(b), b);
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> stored = new ArrayList<>();
      for (Map.Entry<Digest, byte[]> e : out.entrySet()) {
        stored.add(pool.submit(() -> services.uploads().putMonolithic("orphans", e.getKey(),
            new java.io.ByteArrayInputStream(e.getValue()))));
      }
      for (Future<?> f : stored) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    return out;
  }

  private Path blobFile(Digest d) {
    return data.resolve("blobs/sha256").resolve(d.hex().substring(0, 2)).resolve(d.hex());
  }

  private List<Digest> listingOrder(Map<Digest, byte[]> orphans) throws IOException {
    List<Digest> order = new ArrayList<>();
    try (DirectoryStream<Path> prefixes = Files.newDirectoryStream(data.resolve("blobs/sha256"))) {
      for (Path prefix : prefixes) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(prefix)) {
          for (Path f : files) {
            Digest d = new Digest(Digest.SHA256, f.getFileName().toString());
            if (orphans.containsKey(d)) {
              order.add(d);
            }
          }
        }
      }
    }
    return order;
  }

  private static Void sweepUntil(AtomicBoolean done, Registry registry, AtomicLong swept) {
    while (!done.get()) {
      long t = System.nanoTime();
      GcReport report = registry.gc().run(GRACE, false);
      swept.addAndGet(report.blobs().size());
      if (!report.blobs().isEmpty()) {
        System.out.println("[gc-during-push] a sweep removed " + report.blobs().size() + " blobs in "
            + (System.nanoTime() - t) / 1_000_000 + " ms");
      }
      try {
        Thread.sleep(100); // collections in a loop, with a breath between runs for the pushers
      } catch (InterruptedException e) {
        return null;
      }
    }
    return null;
  }

  /** One re-push (kind chosen by {@code i}); when acknowledged, a manifest referencing the blob. */
  private void rePush(URI base, int i, Digest d, byte[] content, ConcurrentLinkedQueue<Acked> acked)
      throws IOException, InterruptedException {
    String repo = "orphans";
    int status;
    switch (i % 3) {
      case 0 -> status = monolithic(base, repo, d, content).statusCode();
      case 1 -> status = chunked(base, repo, d, content);
      default -> {
        repo = "mounted";
        status = send(base, "POST", "/v2/mounted/blobs/uploads/?mount=" + d + "&from=orphans", new byte[0], null)
            .statusCode();
        if (status != 201) { // swept before the mount: an ordinary push instead
          status = monolithic(base, repo, d, content).statusCode();
        }
      }
    }
    if (status != 201) {
      return;
    }
    byte[] manifest = TestManifests.image(d, content.length, Map.of());
    int put = send(base, "PUT", "/v2/" + repo + "/manifests/t" + i, manifest, MediaTypes.OCI_MANIFEST).statusCode();
    acked.add(new Acked(repo, d, content.length, put == 201));
  }

  private HttpResponse<byte[]> monolithic(URI base, String repo, Digest d, byte[] content)
      throws IOException, InterruptedException {
    return send(base, "POST", "/v2/" + repo + "/blobs/uploads/?digest=" + d, content, "application/octet-stream");
  }

  private int chunked(URI base, String repo, Digest d, byte[] content) throws IOException, InterruptedException {
    HttpResponse<byte[]> open = send(base, "POST", "/v2/" + repo + "/blobs/uploads/", new byte[0], null);
    String loc = open.headers().firstValue("Location").orElseThrow();
    int half = content.length / 2;
    HttpRequest patch = HttpRequest.newBuilder(base.resolve(loc)).method("PATCH",
        HttpRequest.BodyPublishers.ofByteArray(content, 0, half)).header("Content-Range", "0-" + (half - 1)).build();
    if (http.send(patch, HttpResponse.BodyHandlers.discarding()).statusCode() != 202) {
      return -1;
    }
    HttpRequest put = HttpRequest.newBuilder(base.resolve(loc + "?digest=" + d))
        .PUT(HttpRequest.BodyPublishers.ofByteArray(content, half, content.length - half)).build();
    return http.send(put, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private HttpResponse<byte[]> send(URI base, String method, String path, byte[] body, String type)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    if (type != null) {
      b.header("Content-Type", type);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }
}
