package dev.signet.sigstore.ca.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.sigstore.ca.FulcioService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * The CA's handlers in a real Jetty server on a loopback port, chained in a {@code Handler.Sequence}
 * ending in a handler that answers 404 {@code "fallthrough"} (so a test sees when a handler declined).
 */
final class CaServer implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  private final Server server = new Server();
  private final HttpClient client = HttpClient.newHttpClient();
  private final URI base;

  CaServer(FulcioService service) throws Exception {
    ServerConnector c = new ServerConnector(server);
    c.setHost("127.0.0.1");
    server.addConnector(c);
    server.setHandler(new Handler.Sequence(new FulcioHandler(service), new CtLogHandler(service.ctLog()),
        new Handler.Abstract() {
          @Override
          public boolean handle(Request request, Response response, Callback callback) {
            response.setStatus(404);
            response.write(true, ByteBuffer.wrap("fallthrough".getBytes(StandardCharsets.UTF_8)), callback);
            return true;
          }
        }));
    server.start();
    base = URI.create("http://127.0.0.1:" + c.getLocalPort());
  }

  URI base() {
    return base;
  }

  record Answer(int status, String body) {
    JsonNode json() throws Exception {
      return JSON.readTree(body);
    }
  }

  Answer post(String path, String body, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json");
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(r.statusCode(), r.body());
  }

  Answer get(String path) throws Exception {
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(base.resolve(path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    return new Answer(r.statusCode(), r.body());
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
