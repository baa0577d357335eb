package dev.signet.registry.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two wires behind {@link Transport}: the HTTP/1.1 socket client's framing (chunked, fixed, HEAD),
 * connection reuse, recovery from a pooled connection the peer closed, TLS verification, and the move to
 * {@code java.net.http} (HTTP/1.1 to plain-HTTP peers) once requests come concurrently.
 */
class TransportWireTest {
  private static final Duration T = Duration.ofSeconds(10);

  private static Transport transport(Transport.Mode mode, Set<String> insecure) {
    return Transport.create(mode, T, Set.of(), insecure, "signet-test", T);
  }

  private static String body(HttpResponse<InputStream> r) throws IOException {
    try (InputStream in = r.body()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** A JDK HttpServer recording the client port and protocol of each request. */
  private static final class Peer implements AutoCloseable {
    final HttpServer server;
    final List<String> seen = new CopyOnWriteArrayList<>();

    Peer(HttpServer server) {
      this.server = server;
      server.createContext("/", ex -> {
        try (ex) {
          ex.getRequestBody().readAllBytes();
          seen.add(ex.getRemoteAddress().getPort() + " " + ex.getProtocol() + " " + ex.getRequestMethod() + " "
              + ex.getRequestURI() + " upgrade=" + ex.getRequestHeaders().getFirst("Upgrade"));
          String path = ex.getRequestURI().getPath();
          byte[] payload = ("payload of " + path).repeat(path.contains("big") ? 5000 : 1)
              .getBytes(StandardCharsets.UTF_8);
          if (path.contains("slow")) {
            try {
              Thread.sleep(300);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          if ("HEAD".equals(ex.getRequestMethod())) {
            ex.getResponseHeaders().set("Content-Length", Integer.toString(payload.length));
            ex.sendResponseHeaders(200, -1);
            return;
          }
          // length 0 = chunked transfer coding; otherwise a fixed Content-Length
          ex.sendResponseHeaders(200, path.contains("chunked") ? 0 : payload.length);
          try (OutputStream out = ex.getResponseBody()) {
            for (int i = 0; i < payload.length; i += 1000) {
              out.write(payload, i, Math.min(1000, payload.length - i));
              out.flush();
            }
          }
        }
      });
      server.setExecutor(Executors.newCachedThreadPool());
      server.start();
    }

    URI uri(String path) {
      String scheme = server instanceof HttpsServer ? "https" : "http";
      return URI.create(scheme + "://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  private static Peer plainPeer() throws IOException {
    return new Peer(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
  }

  @Test
  void socketWireReadsChunkedFixedAndHeadAnswersOverOneKeptAliveConnection() throws Exception {
    try (Peer peer = plainPeer()) {
      Transport t = transport(Transport.Mode.AUTO, Set.of());
      try {
        assertThat(body(t.send(HttpCall.of("GET", peer.uri("/big/chunked")), null)))
            .isEqualTo("payload of /big/chunked".repeat(5000));
        assertThat(body(t.send(HttpCall.of("GET", peer.uri("/fixed")), null))).isEqualTo("payload of /fixed");
        HttpResponse<InputStream> head = t.send(HttpCall.of("HEAD", peer.uri("/head")), null);
        assertThat(head.headers().firstValue("content-length")).contains("16");
        assertThat(body(head)).isEmpty();
        assertThat(body(t.send(HttpCall.of("GET", peer.uri("/small/chunked")), null)))
            .isEqualTo("payload of /small/chunked");
        assertThat(t.wire()).isEqualTo("http1");
      } finally {
        t.close();
      }
      assertThat(peer.seen).hasSize(4);
      assertThat(peer.seen.stream().map(s -> s.split(" ")[0]).distinct()).as("client ports: %s", peer.seen)
          .hasSize(1);
    }
  }

  @Test
  void abandonedBodyClosesItsConnectionAndTheNextRequestOpensAFreshOne() throws Exception {
    try (Peer peer = plainPeer()) {
      Transport t = transport(Transport.Mode.HTTP1, Set.of());
      try {
        // small bodies (a 401's, an error's) are read to their end on close: the connection stays
        t.send(HttpCall.of("GET", peer.uri("/small/chunked")), null).body().close();
        t.send(HttpCall.of("GET", peer.uri("/small/fixed")), null).body().close();
        HttpResponse<InputStream> r = t.send(HttpCall.of("GET", peer.uri("/big/chunked")), null);
        assertThat(r.body().read(new byte[10])).isEqualTo(10);
        r.body().close();
        assertThat(body(t.send(HttpCall.of("GET", peer.uri("/after")), null))).isEqualTo("payload of /after");
      } finally {
        t.close();
      }
      assertThat(peer.seen).hasSize(4);
      assertThat(peer.seen.stream().map(s -> s.split(" ")[0]).distinct()).as("client ports: %s", peer.seen)
          .hasSize(2);
    }
  }

  @Test
  void pooledConnectionClosedByThePeerIsReplacedWithoutAnError() throws Exception {
    // One answer per connection, advertised as keep-alive, then the peer closes: the client must notice
    // on its next request and resend it on a fresh connection.
    try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
      List<Integer> clientPorts = new CopyOnWriteArrayList<>();
      Thread peer = new Thread(() -> {
        for (int i = 0; i < 2; i++) {
          try (Socket s = server.accept()) {
            clientPorts.add(s.getPort());
            InputStream in = s.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
              head.write(in.read());
            }
            s.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\nok")
                .getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
          } catch (IOException e) {
            return;
          }
        }
      });
      peer.start();
      Transport t = transport(Transport.Mode.HTTP1, Set.of());
      try {
        URI uri = URI.create("http://127.0.0.1:" + server.getLocalPort() + "/v2/");
        assertThat(body(t.send(HttpCall.of("GET", uri), null))).isEqualTo("ok");
        Thread.sleep(100); // let the peer close its end
        assertThat(body(t.send(HttpCall.of("GET", uri), null))).isEqualTo("ok");
      } finally {
        t.close();
      }
      peer.join(5000);
      assertThat(clientPorts).hasSize(2);
    }
  }

  @Test
  void concurrentRequestsMoveTheClientToJavaNetHttpWhichSpeaksHttp11ToPlainPeers() throws Exception {
    try (Peer peer = plainPeer()) {
      Transport t = transport(Transport.Mode.AUTO, Set.of());
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> answers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
          String path = "/slow/" + i;
          answers.add(pool.submit(() -> {
            start.await();
            return body(t.send(HttpCall.of("GET", peer.uri(path)), null));
          }));
        }
        start.countDown();
        for (int i = 0; i < 4; i++) {
          assertThat(answers.get(i).get(10, TimeUnit.SECONDS)).isEqualTo("payload of /slow/" + i);
        }
        assertThat(t.wire()).isEqualTo("jdk");
        assertThat(body(t.send(HttpCall.of("GET", peer.uri("/later/chunked")), null)))
            .isEqualTo("payload of /later/chunked");
      } finally {
        pool.shutdownNow();
        t.close();
      }
      assertThat(peer.seen).allSatisfy(s -> assertThat(s).contains("HTTP/1.1").endsWith("upgrade=null"));
    }
  }

  @Test
  void tlsIsVerifiedUnlessTheHostIsAllowedToBeInsecure(@TempDir Path dir) throws Exception {
    Path store = dir.resolve("peer.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "peer", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
        "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
        "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
    keytool.getInputStream().readAllBytes();
    assertThat(keytool.waitFor()).as("keytool exit code").isZero();
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      ks.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, "changeit".toCharArray());
    SSLContext serverTls = SSLContext.getInstance("TLS");
    serverTls.init(kmf.getKeyManagers(), null, null);
    HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    https.setHttpsConfigurator(new HttpsConfigurator(serverTls));
    try (Peer peer = new Peer(https)) {
      String authority = "127.0.0.1:" + https.getAddress().getPort();
      for (Transport.Mode mode : List.of(Transport.Mode.HTTP1, Transport.Mode.JDK)) {
        Transport verifying = transport(mode, Set.of());
        try {
          assertThatThrownBy(() -> verifying.send(HttpCall.of("GET", peer.uri("/v2/")), null))
              .as("%s with a self-signed certificate", mode).isInstanceOf(SSLHandshakeException.class);
        } finally {
          verifying.close();
        }
        Transport insecure = transport(mode, Set.of(authority));
        try {
          assertThat(body(insecure.send(HttpCall.of("GET", peer.uri("/v2/chunked")), null)))
              .as("%s, host allowed to be insecure", mode).isEqualTo("payload of /v2/chunked");
        } finally {
          insecure.close();
        }
      }
    }
  }
}
