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

/** The one HTTP call the Sigstore service clients make: POST a body, read status, type and body. */
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
   * POSTs {@code body} to {@code uri}.
   *
   * @throws KeylessException when the service cannot be reached (no answer, refused, timed out)
   */
  Response post(URI uri, String contentType, byte[] body, Map<String, String> headers) throws KeylessException;

  /** The JDK client with a connect timeout and a per-request timeout. */
  static ServiceHttp jdk(Duration timeout) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NEVER).build();
    return (uri, contentType, body, headers) -> {
      HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout)
          .header("Content-Type", contentType)
          .POST(HttpRequest.BodyPublishers.ofByteArray(body));
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
