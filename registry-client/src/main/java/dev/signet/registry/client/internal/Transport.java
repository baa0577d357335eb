package dev.signet.registry.client.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * Sends requests: picks {@code http} or {@code https} per registry, adds {@code User-Agent} and
 * {@code Authorization}, and follows redirects itself so that {@code Authorization} is never forwarded to
 * another host (blob GETs are often redirected to storage).
 *
 * <p>Two wires behind it. {@link Http1Client} (blocking HTTP/1.1 sockets, keep-alive) costs nothing to set
 * up; {@code java.net.http} costs ≈ 0.1–0.3 s at start (TLS context, selector thread) but multiplexes
 * HTTP/2 where a registry offers it over TLS (ALPN; plain-HTTP registries stay on HTTP/1.1, no h2c
 * upgrade attempt). In {@link Mode#AUTO} a client whose requests come one at a time (a one-shot command)
 * stays on sockets; the first time two requests are in flight together (bulk work from several threads)
 * it moves to {@code java.net.http}, built then, for the rest of its life.
 */
public final class Transport {
  private static final int MAX_REDIRECTS = 5;

  /** Which wire to use. */
  public enum Mode {
    /** Sockets while requests come one at a time; {@code java.net.http} from the first concurrent one. */
    AUTO,
    /** Always {@code java.net.http} (HTTP/2 over TLS where offered). */
    JDK,
    /** Always the HTTP/1.1 socket client. */
    HTTP1
  }

  private final Lazy<HttpClient> secure;
  private final Lazy<HttpClient> insecure;
  private final Http1Client lightSecure;
  private final Http1Client lightInsecure;
  private final Mode mode;
  private final Set<String> plainHttpHosts;
  private final Set<String> insecureHosts;
  private final String userAgent;
  private final Duration requestTimeout;
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile boolean concurrent;

  /** Over the given {@code java.net.http} clients only (like {@link Mode#JDK}). */
  public Transport(HttpClient secure, HttpClient insecure, Set<String> plainHttpHosts, Set<String> insecureHosts,
      String userAgent, Duration requestTimeout) {
    this(Mode.JDK, () -> secure, () -> insecure, null, null, plainHttpHosts, insecureHosts, userAgent,
        requestTimeout);
  }

  private Transport(Mode mode, Supplier<HttpClient> secure, Supplier<HttpClient> insecure, Http1Client lightSecure,
      Http1Client lightInsecure, Set<String> plainHttpHosts, Set<String> insecureHosts, String userAgent,
      Duration requestTimeout) {
    this.mode = mode;
    this.secure = new Lazy<>(secure);
    this.insecure = new Lazy<>(insecure);
    this.lightSecure = lightSecure;
    this.lightInsecure = lightInsecure;
    this.plainHttpHosts = Set.copyOf(plainHttpHosts);
    this.insecureHosts = Set.copyOf(insecureHosts);
    this.userAgent = userAgent;
    this.requestTimeout = requestTimeout;
  }

  /**
   * A transport whose clients are built on first use: TLS verified against the JDK's default trust store
   * (host names checked), except for {@code insecureHosts}, which accept any certificate.
   */
  public static Transport create(Mode mode, Duration connectTimeout, Set<String> plainHttpHosts,
      Set<String> insecureHosts, String userAgent, Duration requestTimeout) {
    Supplier<HttpClient> jdkSecure = () -> HttpClient.newBuilder().connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_2).build();
    Supplier<HttpClient> jdkInsecure = () -> HttpClient.newBuilder().connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_2)
        .sslContext(InsecureTls.context()).build();
    Http1Client light = new Http1Client(Transport::defaultTls, true, connectTimeout);
    Http1Client lightInsecure = new Http1Client(InsecureTls::context, false, connectTimeout);
    return new Transport(mode, jdkSecure, jdkInsecure, light, lightInsecure, plainHttpHosts, insecureHosts,
        userAgent, requestTimeout);
  }

  private static SSLContext defaultTls() {
    try {
      return SSLContext.getDefault();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("no default TLS context in this JDK", e);
    }
  }

  /** Closes idle connections and shuts down the {@code java.net.http} clients that were built. */
  public void close() {
    if (lightSecure != null) {
      lightSecure.shutdownNow();
      lightInsecure.shutdownNow();
    }
    List<HttpClient> built = new ArrayList<>();
    secure.ifBuilt(built::add);
    insecure.ifBuilt(c -> {
      if (!built.contains(c)) {
        built.add(c);
      }
    });
    built.forEach(HttpClient::shutdownNow);
    try {
      for (HttpClient c : built) {
        c.awaitTermination(Duration.ofSeconds(1));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** {@code http://host} for loopback and allowed hosts, else {@code https://host}. */
  public URI baseUri(String registry, boolean loopback) {
    boolean plain = loopback || plainHttpHosts.contains(registry.toLowerCase(Locale.ROOT));
    return URI.create((plain ? "http://" : "https://") + registry);
  }

  /** The client for {@code uri} on the current wire: TLS verification is off only for insecure hosts. */
  public HttpClient clientFor(URI uri) {
    return clientFor(uri, light());
  }

  /** Which wire {@link #send} currently uses: {@code "http1"} or {@code "jdk"}. */
  public String wire() {
    return light() ? "http1" : "jdk";
  }

  private HttpClient clientFor(URI uri, boolean light) {
    boolean unverified = isInsecure(uri);
    if (light) {
      return unverified ? lightInsecure : lightSecure;
    }
    return unverified ? insecure.get() : secure.get();
  }

  private boolean isInsecure(URI uri) {
    String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority().toLowerCase(Locale.ROOT);
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    return insecureHosts.contains(authority) || insecureHosts.contains(host);
  }

  private boolean light() {
    return mode == Mode.HTTP1 || (mode == Mode.AUTO && !concurrent);
  }

  /** Sends {@code call}, following redirects; the caller closes the returned body. */
  public HttpResponse<InputStream> send(HttpCall call, String authorization) throws IOException, InterruptedException {
    if (inFlight.incrementAndGet() > 1 && mode == Mode.AUTO) {
      concurrent = true;
    }
    try {
      return follow(call, authorization, light());
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private HttpResponse<InputStream> follow(HttpCall call, String authorization, boolean light)
      throws IOException, InterruptedException {
    HttpCall current = call;
    String auth = authorization;
    for (int hop = 0; ; hop++) {
      HttpResponse<InputStream> response = once(current, auth, light);
      int status = response.statusCode();
      String location = response.headers().firstValue("Location").orElse(null);
      if (!isRedirect(status) || location == null || hop >= MAX_REDIRECTS) {
        return response;
      }
      response.body().close();
      URI next = current.uri().resolve(location);
      if (!sameOrigin(current.uri(), next)) {
        auth = null;
      }
      boolean toGet = status == 303 || ((status == 301 || status == 302) && "POST".equals(current.method()));
      current = toGet ? HttpCall.of("GET", next) : new HttpCall(current.method(), next, current.headers(),
          current.body());
    }
  }

  private HttpResponse<InputStream> once(HttpCall call, String auth, boolean light)
      throws IOException, InterruptedException {
    HttpClient client = clientFor(call.uri(), light);
    if (client instanceof Http1Client h1) {
      return h1.exchange(build(call, auth, false), call.body());
    }
    return client.send(build(call, auth, true), HttpResponse.BodyHandlers.ofInputStream());
  }

  private HttpRequest build(HttpCall call, String authorization, boolean jdk) {
    HttpRequest.BodyPublisher body = call.body() == null || !jdk
        ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofByteArray(call.body());
    HttpRequest.Builder b = HttpRequest.newBuilder(call.uri())
        .method(call.method(), body)
        .timeout(requestTimeout)
        .header("User-Agent", userAgent);
    if (jdk && "http".equalsIgnoreCase(call.uri().getScheme())) {
      b.version(HttpClient.Version.HTTP_1_1); // no h2c upgrade attempt against plain-HTTP registries
    }
    call.headers().forEach(b::header);
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return b.build();
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  /** Same scheme, host and effective port. */
  static boolean sameOrigin(URI a, URI b) {
    return Objects.equals(a.getScheme(), b.getScheme()) && Objects.equals(a.getHost(), b.getHost())
        && port(a) == port(b);
  }

  private static int port(URI u) {
    if (u.getPort() >= 0) {
      return u.getPort();
    }
    return "https".equals(u.getScheme()) ? 443 : 80;
  }

  /** A value built on first use. */
  private static final class Lazy<T> {
    private final Supplier<T> factory;
    private T value;

    Lazy(Supplier<T> factory) {
      this.factory = factory;
    }

    synchronized T get() {
      if (value == null) {
        value = factory.get();
      }
      return value;
    }

    synchronized void ifBuilt(java.util.function.Consumer<T> action) {
      if (value != null) {
        action.accept(value);
      }
    }
  }
}
