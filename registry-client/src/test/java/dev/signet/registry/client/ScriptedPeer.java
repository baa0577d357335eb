package dev.signet.registry.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A deliberately misbehaving HTTP peer for failure modes a real registry will not produce on demand
 * (HTML 5xx pages from a proxy, 429 with Retry-After, 412 on a conditional PUT, paginated tag lists,
 * a referrers API, cross-host redirects). It is not a stand-in for registry behaviour covered by
 * docker-registry tests; each test scripts exactly the answers it needs.
 */
final class ScriptedPeer implements AutoCloseable {
  /** One received request. */
  record Received(String method, String uri, Map<String, List<String>> headers) {
    String header(String name) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          return e.getValue().get(0);
        }
      }
      return null;
    }
  }

  /** Answers one request. */
  @FunctionalInterface
  interface Script {
    void answer(HttpExchange exchange, int requestNumber) throws IOException;
  }

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();

  ScriptedPeer(Script script) {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", ex -> {
      try (ex) {
        received.add(new Received(ex.getRequestMethod(), ex.getRequestURI().toString(),
            Map.copyOf(ex.getRequestHeaders())));
        ex.getRequestBody().readAllBytes();
        script.answer(ex, received.size());
      }
    });
    server.start();
  }

  String host() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  static void send(HttpExchange ex, int status, String contentType, String body, String... headers)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    if (contentType != null) {
      ex.getResponseHeaders().set("Content-Type", contentType);
    }
    for (int i = 0; i + 1 < headers.length; i += 2) {
      ex.getResponseHeaders().add(headers[i], headers[i + 1]);
    }
    boolean head = "HEAD".equals(ex.getRequestMethod());
    ex.sendResponseHeaders(status, head || bytes.length == 0 ? -1 : bytes.length);
    if (!head && bytes.length > 0) {
      ex.getResponseBody().write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
