package dev.signet.registry.client.internal;

import dev.signet.registry.client.RegistryException;
import dev.signet.registry.client.RegistryTransportException;
import dev.signet.registry.client.RetryPolicy;
import dev.signet.registry.client.auth.Authenticator;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Calls an {@link Endpoint}: authorizes the request (answering one 401 challenge per attempt), retries
 * I/O errors and 429/502/503/504 per the {@link RetryPolicy} (honouring {@code Retry-After}), and hands
 * the final answer to the endpoint. Thread-safe.
 */
public final class EndpointCaller {
  private final Transport transport;
  private final Authenticator authenticator;
  private final RetryPolicy retry;
  private final java.util.concurrent.atomic.AtomicLong sent = new java.util.concurrent.atomic.AtomicLong();

  public EndpointCaller(Transport transport, Authenticator authenticator, RetryPolicy retry) {
    this.transport = transport;
    this.authenticator = authenticator;
    this.retry = retry;
  }

  public Transport transport() {
    return transport;
  }

  /** HTTP requests sent so far (every attempt and every 401 answer counts; token fetches do not). */
  public long requestsSent() {
    return sent.get();
  }

  /** Sends {@code call} outside the endpoint machinery (no auth, no retries), counted with the others. */
  public HttpResponse<InputStream> sendRaw(HttpCall call) throws IOException, InterruptedException {
    sent.incrementAndGet();
    return transport.send(call, null);
  }

  /** Calls {@code endpoint} on the registry of {@code repo}. */
  public <T> T call(dev.signet.oci.reference.Repository repo, Endpoint<T> endpoint) throws RegistryException {
    return call(repo.registry(), repo.isLoopbackRegistry(), endpoint);
  }

  /** Calls {@code endpoint} on {@code registry} ({@code host[:port]}). */
  public <T> T call(String registry, boolean loopback, Endpoint<T> endpoint) throws RegistryException {
    URI base = transport.baseUri(registry, loopback);
    int max = endpoint.retryable() ? retry.maxAttempts() : 1;
    for (int attempt = 1; ; attempt++) {
      HttpCall call = endpoint.request(base);
      // A Location or Link may point elsewhere: registry credentials go to the registry only.
      boolean ours = Transport.sameOrigin(base, call.uri());
      String auth = ours
          ? authenticator.authorization(registry, endpoint.scope(), endpoint.action()).orElse(null)
          : null;
      HttpResponse<InputStream> http;
      try {
        sent.incrementAndGet();
        http = transport.send(call, auth);
        if (http.statusCode() == 401 && ours) {
          Optional<String> next = authenticator.respond(registry, endpoint.scope(),
              http.headers().allValues("WWW-Authenticate"), auth, endpoint.action());
          if (next.isPresent()) {
            http.body().close();
            auth = next.get();
            sent.incrementAndGet();
            http = transport.send(call, auth);
          }
        }
      } catch (IOException e) {
        if (attempt < max) {
          pause(retry.backoff(attempt), endpoint);
          continue;
        }
        throw new RegistryTransportException(endpoint.action(), describe(e, base)
            + (attempt > 1 ? " (after " + attempt + " attempts)" : ""), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RegistryTransportException(endpoint.action(), "interrupted", e);
      }
      if (attempt < max && RetryPolicy.isRetryableStatus(http.statusCode())) {
        Optional<Duration> wait = RetryAfter.parse(http.headers().firstValue("Retry-After").orElse(null));
        if (wait.isEmpty() || wait.get().compareTo(retry.maxRetryAfter()) <= 0) {
          closeQuietly(http);
          pause(wait.isPresent() ? wait.get() : retry.backoff(attempt), endpoint);
          continue;
        }
      }
      try (Response response = new Response(http, endpoint.action(), endpoint.notFoundCode(), attempt,
          auth != null)) {
        return endpoint.handle(response);
      }
    }
  }

  private static void closeQuietly(HttpResponse<InputStream> http) {
    try {
      http.body().close();
    } catch (IOException ignored) {
      // Nothing to do.
    }
  }

  private static String describe(IOException e, URI base) {
    String what = e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": "
        + e.getMessage();
    if (e instanceof java.net.ConnectException) {
      return "cannot connect to " + base + " (" + what + ")";
    }
    if (e instanceof javax.net.ssl.SSLException) {
      return "TLS failure talking to " + base + " (" + what + ")";
    }
    return "I/O error talking to " + base + " (" + what + ")";
  }

  private static void pause(Duration d, Endpoint<?> endpoint) throws RegistryTransportException {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryTransportException(endpoint.action(), "interrupted while waiting to retry", e);
    }
  }
}
