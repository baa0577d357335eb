package dev.signet.sign.keyless;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The HTTP calls the Sigstore and OIDC clients make: POST a body or GET, read status, type and body. */
public interface ServiceHttp {

  /** A service's answer. */
  record Response(int status, String contentType, byte[] body) {
    public boolean ok() {
      return status >= 200 && status < 300;
    }

    /** The body as text, cut to one line of at most 300 characters (for error messages). */
    public String text() {
      String s = new String(body, StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
      return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
  }

  /**
   * Sends {@code body} (POST) or nothing (GET, {@code body} null) to {@code uri}.
   *
   * @throws KeylessException when the service cannot be reached (no answer, refused, timed out)
   */
  Response send(String method, URI uri, String contentType, byte[] body, Map<String, String> headers)
      throws KeylessException;

  /** POSTs {@code body} to {@code uri}. */
  default Response post(URI uri, String contentType, byte[] body, Map<String, String> headers) throws KeylessException {
    return send("POST", uri, contentType, body, headers);
  }

  /** GETs {@code uri}. */
  default Response get(URI uri, Map<String, String> headers) throws KeylessException {
    return send("GET", uri, null, null, headers);
  }

  /** The JDK client with a connect timeout and a per-request timeout. */
  static ServiceHttp jdk(Duration timeout) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NEVER).build();
    return (method, uri, contentType, body, headers) -> {
      HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout);
      if (body != null) {
        b.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
      } else {
        b.method(method, HttpRequest.BodyPublishers.noBody());
      }
      headers.forEach(b::header);
      try {
        HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        Optional<String> type = r.headers().firstValue("Content-Type");
        return new Response(r.statusCode(), type.orElse(""), r.body());
      } catch (IOException e) {
        throw new KeylessException("cannot reach " + uri + ": " + describe(e) + "; check the URL and that the service runs", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new KeylessException("interrupted while calling " + uri, e);
      }
    };
  }

  private static String describe(IOException e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }
}
