import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Manifest GETs with the JDK HttpClient at a fixed concurrency over one client, HTTP/1.1 or HTTP/2 (h2c by
 * upgrade on http://): {@code java bench/registry/H2Loop.java URL HTTP_1_1|HTTP_2 CONCURRENCY SECONDS}; prints
 * requests/s and the protocol of the answers.
 */
public final class H2Loop {
  public static void main(String[] a) throws Exception {
    URI url = URI.create(a[0]);
    HttpClient.Version v = HttpClient.Version.valueOf(a[1]);
    int conc = Integer.parseInt(a[2]);
    long seconds = Long.parseLong(a[3]);
    HttpClient http = HttpClient.newBuilder().version(v).build();
    HttpRequest req = HttpRequest.newBuilder(url).header("Accept", "application/vnd.oci.image.manifest.v1+json").build();
    HttpResponse<byte[]> first = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
    AtomicLong done = new AtomicLong();
    AtomicLong bad = new AtomicLong();
    long warm = System.nanoTime() + 2_000_000_000L;
    long end = warm + seconds * 1_000_000_000L;
    CompletableFuture<?>[] loops = new CompletableFuture<?>[conc];
    for (int i = 0; i < conc; i++) {
      loops[i] = CompletableFuture.runAsync(() -> {
        while (System.nanoTime() < end) {
          try {
            int status = http.send(req, HttpResponse.BodyHandlers.ofByteArray()).statusCode();
            if (System.nanoTime() > warm) {
              (status == 200 ? done : bad).incrementAndGet();
            }
          } catch (Exception e) {
            bad.incrementAndGet();
          }
        }
      }, java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
    }
    CompletableFuture.allOf(loops).join();
    System.out.printf("%s c=%d: %.0f req/s (%d errors), answered as %s%n", v, conc, done.get() / (double) seconds,
        bad.get(), first.version());
    http.shutdownNow();
  }
}
