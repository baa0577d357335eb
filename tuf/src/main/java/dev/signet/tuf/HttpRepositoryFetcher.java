package dev.signet.tuf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;

/**
 * Reads a repository over HTTP(S) with {@code java.net.http}: a connect timeout, a per-request
 * timeout, redirects followed (except HTTPS to HTTP), and a hard cap on body size that is enforced
 * while reading, not after.
 */
public final class HttpRepositoryFetcher implements RepositoryFetcher {
  private final URI base;
  private final HttpClient client;
  private final Duration requestTimeout;

  public HttpRepositoryFetcher(URI base, Duration connectTimeout, Duration requestTimeout) {
    String s = base.toString();
    this.base = URI.create(s.endsWith("/") ? s : s + "/");
    this.client = HttpClient.newBuilder()
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();
    this.requestTimeout = requestTimeout;
  }

  /** 10 s to connect, 60 s per file. */
  public HttpRepositoryFetcher(URI base) {
    this(base, Duration.ofSeconds(10), Duration.ofSeconds(60));
  }

  @Override
  public Optional<byte[]> fetch(String path, long maxLength) throws TufFetchException {
    URI uri = base.resolve(path);
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(requestTimeout).GET().build();
    HttpResponse<InputStream> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpTimeoutException e) {
      throw new TufFetchException(path + ": " + uri + " timed out", e);
    } catch (IOException e) {
      throw new TufFetchException(path + ": cannot reach " + uri + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TufFetchException(path + ": interrupted reading " + uri, e);
    }
    try (InputStream body = response.body()) {
      int status = response.statusCode();
      if (status == 404 || status == 403) {
        return Optional.empty();
      }
      if (status != 200) {
        throw new TufFetchException(path + ": " + uri + " answered HTTP " + status);
      }
      long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
      if (declared > maxLength) {
        throw new TufFetchException(path + ": " + declared + " bytes is more than the allowed " + maxLength);
      }
      return Optional.of(readAtMost(path, body, maxLength));
    } catch (IOException e) {
      throw new TufFetchException(path + ": reading " + uri + " failed: " + e, e);
    }
  }

  static byte[] readAtMost(String path, InputStream in, long maxLength) throws IOException, TufFetchException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[16 * 1024];
    long total = 0;
    for (int n; (n = in.read(buf)) > 0; ) {
      total += n;
      if (total > maxLength) {
        throw new TufFetchException(path + ": more than the allowed " + maxLength + " bytes");
      }
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  @Override
  public String describe() {
    return base.toString();
  }
}
