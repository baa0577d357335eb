package dev.signet.registry.server.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.signet.registry.server.RegistryServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 finding 5 through the real server on loopback: 200 anonymous connections trickle a token
 * request body a byte at a time (each byte would reset an idle timeout). Another client (from another
 * loopback address) must keep being served promptly, and the server must cut the tricklers off.
 */
class SlowBodyStressTest {
  private static final int SLOW = 200;
  private static final String PW = "slow-body-admin-pw";

  @TempDir Path data;

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void tricklingTokenRequests_neitherFreezeTheRegistry_norLastLong() throws Exception {
    InetAddress other = InetAddress.getByName("127.0.0.2");
    assumeTrue(canBind(other), "needs a second loopback address (127.0.0.2)");
    try (RegistryServer server = RegistryServer.builder().dataDir(data).port(0).adminPassword(PW.toCharArray())
        .build().start()) {
      List<Socket> slow = new ArrayList<>();
      try {
        for (int i = 0; i < SLOW; i++) {
          Socket s = new Socket();
          s.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
          s.setSoTimeout(50);
          OutputStream out = s.getOutputStream();
          out.write(("POST /auth/token HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded"
              + "\r\nContent-Length: 100000\r\n\r\ngrant_type=password&username=x&password=")
              .getBytes(StandardCharsets.US_ASCII));
          out.flush();
          slow.add(s);
        }
        Thread trickler = new Thread(() -> trickle(slow), "trickler");
        trickler.setDaemon(true);
        trickler.start();
        Thread.sleep(1000); // let them take whatever threads they can

        HttpClient client = HttpClient.newBuilder().localAddress(other).connectTimeout(Duration.ofSeconds(3)).build();
        String auth = "Basic " + Base64.getEncoder().encodeToString(("admin:" + PW).getBytes(StandardCharsets.UTF_8));
        long worst = 0;
        for (int i = 0; i < 20; i++) {
          long t = System.nanoTime();
          HttpResponse<String> r = client.send(HttpRequest.newBuilder(server.url().resolve("/v2/"))
              .header("Authorization", auth).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
          assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
          worst = Math.max(worst, System.nanoTime() - t);
        }
        System.out.println("[slow-body] worst latency of another client during the attack: " + worst / 1_000_000 + " ms");
        assertThat(Duration.ofNanos(worst)).isLessThan(Duration.ofSeconds(3));

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        int open;
        do {
          Thread.sleep(250);
          open = (int) slow.stream().filter(s -> !closedByServer(s)).count();
        } while (open > 0 && System.nanoTime() < deadline);
        System.out.println("[slow-body] trickling connections still open after the deadline: " + open + " of " + SLOW);
        assertThat(open).as("trickling connections the server did not cut off").isZero();
        trickler.interrupt();
      } finally {
        for (Socket s : slow) {
          try {
            s.close();
          } catch (IOException ignored) {
            // closing anyway
          }
        }
      }
    }
  }

  private static void trickle(List<Socket> sockets) {
    while (!Thread.currentThread().isInterrupted()) {
      for (Socket s : sockets) {
        try {
          s.getOutputStream().write('a');
          s.getOutputStream().flush();
        } catch (IOException gone) {
          // cut off by the server: good
        }
      }
      try {
        Thread.sleep(400);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** True once the server answered and/or closed the connection (end of stream or reset). */
  private static boolean closedByServer(Socket s) {
    if (s.isClosed()) {
      return true;
    }
    try {
      InputStream in = s.getInputStream();
      byte[] buf = new byte[4096];
      while (true) {
        int n = in.read(buf);
        if (n < 0) {
          s.close();
          return true;
        }
      }
    } catch (SocketTimeoutException stillOpen) {
      return false;
    } catch (IOException reset) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing anyway
      }
      return true;
    }
  }

  private static boolean canBind(InetAddress a) {
    try (Socket s = new Socket()) {
      s.bind(new InetSocketAddress(a, 0));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
