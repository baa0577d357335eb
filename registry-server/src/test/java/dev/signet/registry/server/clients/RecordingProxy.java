package dev.signet.registry.server.clients;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * A pass-through HTTP proxy on a free loopback port that forwards every request unchanged to one
 * registry and records what was asked and answered, so a test can see the request pattern of a real
 * client (the Signet registry keeps no request log). Request bodies keep their framing: a chunked body
 * is forwarded chunked, a sized one with its length. Locations are passed through as they are; the
 * registry's are relative, so the client keeps talking through the proxy.
 *
 * <p>Jetty serves the proxy side because clients such as Jib try TLS first on a plain-HTTP port and need
 * an immediate refusal (Jetty answers a ClientHello with 400 at once) to fall back to HTTP.
 */
final class RecordingProxy implements AutoCloseable {
  private static final Set<String> HOP_BY_HOP = Set.of("host", "connection", "content-length", "transfer-encoding",
      "expect", "upgrade", "keep-alive", "te", "trailer", "proxy-connection");

  /** One forwarded request: method, path with query, the registry's status, request and response body sizes. */
  record Call(String method, String pathAndQuery, int status, long requestBytes, boolean chunked, String location) {
    String path() {
      int q = pathAndQuery.indexOf('?');
      return q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    }

    String query() {
      int q = pathAndQuery.indexOf('?');
      return q < 0 ? "" : pathAndQuery.substring(q + 1);
    }

    @Override
    public String toString() {
      return method + " " + pathAndQuery + " -> " + status + " (" + requestBytes + " bytes" + (chunked ? ", chunked" : "")
          + ")";
    }
  }

  private final URI upstream;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
  private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
  private final Server jetty = new Server();
  private final ServerConnector connector = new ServerConnector(jetty);

  private RecordingProxy(URI upstream) {
    this.upstream = upstream;
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    jetty.addConnector(connector);
    jetty.setHandler(new Handler.Abstract() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) throws Exception {
        forward(request, response, callback);
        return true;
      }
    });
  }

  /** Starts a proxy in front of {@code upstream} ({@code http://host:port}). */
  static RecordingProxy start(URI upstream) {
    RecordingProxy p = new RecordingProxy(upstream);
    try {
      p.jetty.start();
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the recording proxy", e);
    }
    return p;
  }

  /** {@code 127.0.0.1:<port>}: use it as the registry host in image references. */
  String host() {
    return "127.0.0.1:" + connector.getLocalPort();
  }

  /** Everything forwarded so far, in order of completion. */
  List<Call> calls() {
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }

  void clear() {
    calls.clear();
  }

  private void forward(Request request, Response response, Callback callback) throws IOException, InterruptedException {
    String method = request.getMethod();
    String pathAndQuery = request.getHttpURI().getPathQuery();
    byte[] body;
    try (InputStream in = Content.Source.asInputStream(request)) {
      body = in.readAllBytes();
    }
    boolean chunked = request.getLength() < 0 && request.getHeaders().contains("Transfer-Encoding");
    HttpRequest.BodyPublisher publisher;
    if (body.length == 0 && !chunked) {
      publisher = HttpRequest.BodyPublishers.noBody();
    } else if (chunked) {
      publisher = HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofByteArray(body));
    } else {
      publisher = HttpRequest.BodyPublishers.ofByteArray(body);
    }
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(upstream.toString() + pathAndQuery))
        .timeout(Duration.ofMinutes(2)).method(method, publisher);
    for (HttpField f : request.getHeaders()) {
      if (!HOP_BY_HOP.contains(f.getLowerCaseName())) {
        b.header(f.getName(), f.getValue());
      }
    }
    HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    HttpHeaders headers = r.headers();
    response.setStatus(r.statusCode());
    headers.map().forEach((name, values) -> {
      String lower = name.toLowerCase(Locale.ROOT);
      if (!HOP_BY_HOP.contains(lower) && !lower.equals(":status") && !lower.equals("date")) {
        values.forEach(v -> response.getHeaders().add(name, v));
      }
    });
    calls.add(new Call(method, pathAndQuery, r.statusCode(), body.length, chunked,
        headers.firstValue("Location").orElse(null)));
    if ("HEAD".equals(method)) {
      headers.firstValue("Content-Length").ifPresent(v -> response.getHeaders().put("Content-Length", v));
      response.write(true, null, callback);
    } else {
      response.getHeaders().put("Content-Length", String.valueOf(r.body().length));
      response.write(true, ByteBuffer.wrap(r.body()), callback);
    }
  }

  @Override
  public void close() {
    try {
      jetty.stop();
    } catch (Exception e) {
      // closing anyway
    }
  }
}
