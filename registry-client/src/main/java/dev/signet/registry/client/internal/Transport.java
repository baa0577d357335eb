package dev.signet.registry.client.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Sends requests over {@link HttpClient}: picks {@code http} or {@code https} per registry, adds
 * {@code User-Agent} and {@code Authorization}, and follows redirects itself so that
 * {@code Authorization} is never forwarded to another host (blob GETs are often redirected to storage).
 */
public final class Transport {
  private static final int MAX_REDIRECTS = 5;

  private final HttpClient secure;
  private final HttpClient insecure;
  private final Set<String> plainHttpHosts;
  private final Set<String> insecureHosts;
  private final String userAgent;
  private final Duration requestTimeout;

  public Transport(HttpClient secure, HttpClient insecure, Set<String> plainHttpHosts, Set<String> insecureHosts,
      String userAgent, Duration requestTimeout) {
    this.secure = secure;
    this.insecure = insecure;
    this.plainHttpHosts = Set.copyOf(plainHttpHosts);
    this.insecureHosts = Set.copyOf(insecureHosts);
    this.userAgent = userAgent;
    this.requestTimeout = requestTimeout;
  }

  /** Shuts both clients down now and waits briefly for their selector threads to stop. */
  public void close() {
    for (HttpClient c : secure == insecure ? java.util.List.of(secure) : java.util.List.of(secure, insecure)) {
      c.shutdownNow();
    }
    try {
      for (HttpClient c : secure == insecure ? java.util.List.of(secure) : java.util.List.of(secure, insecure)) {
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

  /** The client for {@code uri}: TLS verification is off only for hosts allowed to be insecure. */
  public HttpClient clientFor(URI uri) {
    String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority().toLowerCase(Locale.ROOT);
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    return insecureHosts.contains(authority) || insecureHosts.contains(host) ? insecure : secure;
  }

  /** Sends {@code call}, following redirects; the caller closes the returned body. */
  public HttpResponse<InputStream> send(HttpCall call, String authorization) throws IOException, InterruptedException {
    HttpCall current = call;
    String auth = authorization;
    for (int hop = 0; ; hop++) {
      HttpResponse<InputStream> response = clientFor(current.uri())
          .send(build(current, auth), HttpResponse.BodyHandlers.ofInputStream());
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

  private HttpRequest build(HttpCall call, String authorization) {
    HttpRequest.BodyPublisher body = call.body() == null
        ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofByteArray(call.body());
    HttpRequest.Builder b = HttpRequest.newBuilder(call.uri())
        .method(call.method(), body)
        .timeout(requestTimeout)
        .header("User-Agent", userAgent);
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
}
