package dev.signet.sigstore.ca.oidc;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Fetches a document by URL (discovery documents and JWKS); the only I/O of the OIDC package. */
@FunctionalInterface
public interface HttpFetcher {

  /** Largest discovery document or JWKS accepted. */
  int MAX_BYTES = 1 << 20;

  /**
   * GETs {@code uri}.
   *
   * @throws IOException on a transport failure, a non-200 answer or an oversized body
   */
  byte[] get(URI uri) throws IOException;

  /** A fetcher over {@code client} with a 10-second request timeout. */
  static HttpFetcher of(HttpClient client) {
    return uri -> {
      HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
          .header("Accept", "application/json").GET().build();
      HttpResponse<byte[]> response;
      try {
        response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted fetching " + uri, e);
      }
      if (response.statusCode() != 200) {
        throw new IOException("GET " + uri + " answered HTTP " + response.statusCode());
      }
      if (response.body().length > MAX_BYTES) {
        throw new IOException("GET " + uri + " returned more than " + MAX_BYTES + " bytes");
      }
      return response.body();
    };
  }

  /** A fetcher over a new default {@link HttpClient} (follows redirects to HTTPS only). */
  static HttpFetcher defaultClient() {
    return of(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
        .connectTimeout(Duration.ofSeconds(5)).build());
  }
}
