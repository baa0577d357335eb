package dev.signet.registry.client.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * A small blocking HTTP/1.1 client over plain and TLS sockets, for one-shot commands: nothing is started
 * until the first request (no selector thread, no executor), plain-HTTP registries never initialize TLS, and
 * idle keep-alive connections are reused per origin. TLS verifies the certificate chain against
 * {@code tls} and the host name as HTTPS does, unless {@code verifyHostName} is off (the insecure context
 * given for {@code --allow-insecure-registry} hosts). Redirects are not followed (the {@link Transport}
 * follows them). It is an {@link HttpClient} so that the token fetcher can use it as it is; bodies are
 * delivered to {@link HttpResponse.BodyHandler}s in one piece.
 */
final class Http1Client extends HttpClient {
  private static final int MAX_IDLE_PER_ORIGIN = 8;

  private final Supplier<SSLContext> tls;
  private final boolean verifyHostName;
  private final Duration connectTimeout;
  private final Map<String, Deque<Http1Connection>> idle = new HashMap<>();
  private SSLContext tlsContext;
  private boolean closed;

  Http1Client(Supplier<SSLContext> tls, boolean verifyHostName, Duration connectTimeout) {
    this.tls = tls;
    this.verifyHostName = verifyHostName;
    this.connectTimeout = connectTimeout;
  }

  /**
   * Sends {@code request} with {@code body} (null: none) and returns the answer with its body as a stream
   * that hands the connection back to the pool once read to its end. Every request gets a fresh
   * connection after a pooled one turned out to be closed by the peer before answering.
   */
  HttpResponse<InputStream> exchange(HttpRequest request, byte[] body) throws IOException {
    URI uri = request.uri();
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IOException("unsupported URI scheme in " + uri);
    }
    if (uri.getHost() == null) {
      throw new IOException("no host in " + uri);
    }
    boolean secure = scheme.equals("https");
    int port = uri.getPort() >= 0 ? uri.getPort() : secure ? 443 : 80;
    String origin = scheme + "://" + uri.getHost().toLowerCase(java.util.Locale.ROOT) + ":" + port;
    List<String[]> headers = headers(request, uri, body);
    String target = target(uri);
    int readTimeout = request.timeout().map(d -> (int) Math.min(Integer.MAX_VALUE, Math.max(1, d.toMillis())))
        .orElse(0);
    while (true) {
      Http1Connection conn = pooled(origin);
      boolean fresh = conn == null;
      if (fresh) {
        conn = open(uri.getHost(), port, secure, origin);
      }
      Http1Connection.Head head;
      try {
        conn.setReadTimeout(readTimeout);
        conn.write(request.method(), target, headers, body);
        head = conn.readHead();
      } catch (IOException e) {
        conn.close();
        if (!fresh && e instanceof java.io.EOFException || !fresh && e instanceof java.net.SocketException) {
          continue;
        }
        throw e;
      }
      Http1Connection c = conn;
      InputStream stream = c.body(request.method(), head, () -> release(c), c::close);
      return new Answer<>(request, head.status(), HttpHeaders.of(head.headers(), (a, b) -> true), stream,
          c.sslSession());
    }
  }

  @Override
  public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    HttpResponse<InputStream> answer = exchange(request, Http1Publishers.bytesOf(request));
    byte[] body;
    try (InputStream in = answer.body()) {
      body = in.readAllBytes();
    }
    HttpResponse.ResponseInfo info = new HttpResponse.ResponseInfo() {
      @Override
      public int statusCode() {
        return answer.statusCode();
      }

      @Override
      public HttpHeaders headers() {
        return answer.headers();
      }

      @Override
      public Version version() {
        return Version.HTTP_1_1;
      }
    };
    HttpResponse.BodySubscriber<T> subscriber = handler.apply(info);
    T value = Http1Publishers.deliver(subscriber, ByteBuffer.wrap(body));
    return new Answer<>(request, answer.statusCode(), answer.headers(), value, answer.sslSession());
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
      HttpResponse.BodyHandler<T> handler) {
    try {
      return CompletableFuture.completedFuture(send(request, handler));
    } catch (IOException | RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
      HttpResponse.BodyHandler<T> handler, HttpResponse.PushPromiseHandler<T> push) {
    return sendAsync(request, handler);
  }

  private static List<String[]> headers(HttpRequest request, URI uri, byte[] body) {
    List<String[]> out = new ArrayList<>();
    String host = uri.getRawAuthority();
    int at = host.lastIndexOf('@');
    out.add(new String[] {"Host", at >= 0 ? host.substring(at + 1) : host});
    request.headers().map().forEach((name, values) -> {
      for (String v : values) {
        out.add(new String[] {name, v});
      }
    });
    String m = request.method();
    if (body != null) {
      out.add(new String[] {"Content-Length", Integer.toString(body.length)});
    } else if (m.equals("POST") || m.equals("PUT") || m.equals("PATCH")) {
      out.add(new String[] {"Content-Length", "0"});
    }
    return out;
  }

  private static String target(URI uri) {
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
  }

  private Http1Connection open(String host, int port, boolean secure, String origin) throws IOException {
    synchronized (this) {
      if (closed) {
        throw new IOException("HTTP client is closed");
      }
    }
    Socket socket = new Socket();
    try {
      socket.setTcpNoDelay(true);
      try {
        socket.connect(new InetSocketAddress(host, port), (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
      } catch (java.net.ConnectException | java.net.UnknownHostException e) {
        // Same shape as java.net.http's (no message): callers already name the host and port.
        java.net.ConnectException bare = new java.net.ConnectException();
        bare.initCause(e);
        throw bare;
      }
      if (secure) {
        SSLSocket ssl = (SSLSocket) tls().getSocketFactory().createSocket(socket, host, port, true);
        SSLParameters params = ssl.getSSLParameters();
        if (verifyHostName) {
          params.setEndpointIdentificationAlgorithm("HTTPS");
        }
        params.setApplicationProtocols(new String[] {"http/1.1"});
        ssl.setSSLParameters(params);
        ssl.setSoTimeout((int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
        ssl.startHandshake();
        socket = ssl;
      }
      return new Http1Connection(socket, origin);
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  private synchronized SSLContext tls() {
    if (tlsContext == null) {
      tlsContext = tls.get();
    }
    return tlsContext;
  }

  private synchronized Http1Connection pooled(String origin) {
    Deque<Http1Connection> q = idle.get(origin);
    while (q != null && !q.isEmpty()) {
      Http1Connection c = q.pollFirst();
      if (c.reusable()) {
        return c;
      }
      c.close();
    }
    return null;
  }

  private void release(Http1Connection c) {
    synchronized (this) {
      if (!closed && c.reusable()) {
        Deque<Http1Connection> q = idle.computeIfAbsent(c.origin(), k -> new ArrayDeque<>());
        if (q.size() < MAX_IDLE_PER_ORIGIN) {
          q.addFirst(c);
          return;
        }
      }
    }
    c.close();
  }

  /** Closes the idle connections; later requests fail. */
  @Override
  public void shutdownNow() {
    List<Http1Connection> all = new ArrayList<>();
    synchronized (this) {
      closed = true;
      idle.values().forEach(all::addAll);
      idle.clear();
    }
    all.forEach(Http1Connection::close);
  }

  @Override
  public void shutdown() {
    shutdownNow();
  }

  @Override
  public boolean awaitTermination(Duration duration) {
    return true;
  }

  @Override
  public synchronized boolean isTerminated() {
    return closed;
  }

  @Override
  public void close() {
    shutdownNow();
  }

  @Override
  public Optional<CookieHandler> cookieHandler() {
    return Optional.empty();
  }

  @Override
  public Optional<Duration> connectTimeout() {
    return Optional.of(connectTimeout);
  }

  @Override
  public Redirect followRedirects() {
    return Redirect.NEVER;
  }

  @Override
  public Optional<ProxySelector> proxy() {
    return Optional.empty();
  }

  @Override
  public SSLContext sslContext() {
    return tls();
  }

  @Override
  public SSLParameters sslParameters() {
    return tls().getDefaultSSLParameters();
  }

  @Override
  public Optional<Authenticator> authenticator() {
    return Optional.empty();
  }

  @Override
  public Version version() {
    return Version.HTTP_1_1;
  }

  @Override
  public Optional<Executor> executor() {
    return Optional.empty();
  }

  /** One answer. */
  private record Answer<T>(HttpRequest request, int statusCode, HttpHeaders headers, T body,
      Optional<SSLSession> sslSession) implements HttpResponse<T> {
    @Override
    public Optional<HttpResponse<T>> previousResponse() {
      return Optional.empty();
    }

    @Override
    public URI uri() {
      return request.uri();
    }

    @Override
    public HttpClient.Version version() {
      return HttpClient.Version.HTTP_1_1;
    }
  }
}
