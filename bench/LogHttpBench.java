import dev.signet.sigstore.log.SigstoreLog;
import dev.signet.sigstore.log.http.LogHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * End-to-end Rekor v2 creates: {@code LogHttpBench <dir> <entries> <clients> <intervalMs> <maxBatch>}. Jetty
 * with the log handler on the filesystem storage; {@code clients} threads POST pre-signed hashedrekord
 * v0.0.2 requests (ECDSA P-256 public-key verifier) and wait for each 201 (signature verified, entry durable
 * and published, inclusion proof built). Client and server share the machine. Prints {@code key value} lines.
 */
public final class LogHttpBench {
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int n = Integer.parseInt(args[1]);
    int clients = Integer.parseInt(args[2]);
    SigstoreLog logs = SigstoreLog.open(dir, new SigstoreLog.Options("http://127.0.0.1",
        Duration.ofMillis(Long.parseLong(args[3])), Integer.parseInt(args[4]), Clock.systemUTC()));
    Server server = new Server();
    ServerConnector c = new ServerConnector(server);
    c.setHost("127.0.0.1");
    server.addConnector(c);
    server.setHandler(new LogHandler(logs));
    server.start();
    String url = "http://127.0.0.1:" + c.getLocalPort() + "/api/v2/log/entries";
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair k = g.generateKeyPair();
    String spki = Base64.getEncoder().encodeToString(k.getPublic().getEncoded());
    byte[][] bodies = new byte[n][];
    for (int i = 0; i < n; i++) {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(("artifact " + i).getBytes(StandardCharsets.UTF_8));
      Signature s = Signature.getInstance("SHA256withECDSA");
      s.initSign(k.getPrivate());
      s.update(("artifact " + i).getBytes(StandardCharsets.UTF_8));
      bodies[i] = ("{\"hashedRekordRequestV002\":{\"digest\":\"" + Base64.getEncoder().encodeToString(digest)
          + "\",\"signature\":{\"content\":\"" + Base64.getEncoder().encodeToString(s.sign())
          + "\",\"verifier\":{\"publicKey\":{\"rawBytes\":\"" + spki + "\"},\"keyDetails\":\"PKIX_ECDSA_P256_SHA_256\"}}}}")
          .getBytes(StandardCharsets.UTF_8);
    }
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    int warm = Math.min(n / 10, 1000);
    long t0 = 0;
    Thread[] ts = new Thread[clients];
    for (int phase = 0; phase < 2; phase++) {
      int limit = phase == 0 ? warm : n;
      if (phase == 1) {
        t0 = System.nanoTime();
      }
      int stop = limit;
      for (int t = 0; t < clients; t++) {
        ts[t] = new Thread(() -> {
          for (int i = next.getAndIncrement(); i < stop; i = next.getAndIncrement()) {
            try {
              HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url))
                  .POST(HttpRequest.BodyPublishers.ofByteArray(bodies[i])).build(),
                  HttpResponse.BodyHandlers.ofByteArray());
              if (r.statusCode() != 201) {
                failed.incrementAndGet();
              }
            } catch (Exception e) {
              failed.incrementAndGet();
            }
          }
        });
        ts[t].start();
      }
      for (Thread t : ts) {
        t.join();
      }
      next.set(limit); // threads overshoot by one each; the next phase starts at the limit
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf("creates_per_s %.0f%n", (n - warm) / seconds);
    System.out.printf("failed %d%n", failed.get());
    server.stop();
    logs.close();
  }
}
