import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;

/**
 * The JDK's floor for a one-shot registry client: JVM start, {@code HttpClient} build, one GET, exit:
 * what any java.net.http-based CLI pays before doing its own work.
 *
 * <pre>javac -d DIR bench/HttpFloor.java && java [JVM flags] -cp DIR HttpFloor http://127.0.0.1:PORT/v2/ [report]</pre>
 *
 * With {@code report} it prints how long the build and the first request took and when {@code main}
 * returned, in milliseconds since the process started (from {@code ProcessHandle}, 10 ms resolution);
 * the caller compares that with the process's wall time to see how long the JVM takes to exit after
 * {@code main} returns. Without it, it prints nothing (the timed variant).
 */
public class HttpFloor {
  public static void main(String[] args) throws Exception {
    long t0 = System.nanoTime();
    HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    long t1 = System.nanoTime();
    HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create(args[0])).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    long t2 = System.nanoTime();
    if (r.statusCode() != 200) {
      throw new IllegalStateException("GET " + args[0] + ": " + r.statusCode());
    }
    if (args.length > 1) {
      long start = ProcessHandle.current().info().startInstant().map(Instant::toEpochMilli).orElse(-1L);
      long done = start < 0 ? -1 : System.currentTimeMillis() - start;
      System.out.println("build_ms=" + (t1 - t0) / 1_000_000 + " first_request_ms=" + (t2 - t1) / 1_000_000
          + " main_done_ms=" + done);
    }
  }
}
