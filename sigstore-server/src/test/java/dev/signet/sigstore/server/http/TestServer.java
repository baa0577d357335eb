package dev.signet.sigstore.server.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A real Jetty server on 127.0.0.1 running the handlers under test in a {@link Handler.Sequence}, with
 * a last handler that answers 418 "unclaimed", so tests see which paths the handlers left alone.
 */
final class TestServer implements AutoCloseable {
  static final int UNCLAIMED = 418;
  private final Server server = new Server();
  private final ServerConnector connector = new ServerConnector(server);
  private final HttpClient client = HttpClient.newHttpClient();

  TestServer(Handler... handlers) throws Exception {
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    Handler.Sequence seq = new Handler.Sequence(handlers);
    seq.addHandler(new Handler.Abstract() {
      @Override
      public boolean handle(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
          org.eclipse.jetty.util.Callback callback) {
        response.setStatus(UNCLAIMED);
        response.write(true, ByteBuffer.wrap("unclaimed".getBytes(StandardCharsets.UTF_8)), callback);
        return true;
      }
    });
    server.setHandler(seq);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + connector.getLocalPort();
  }

  HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
    return client.send(HttpRequest.newBuilder(URI.create(url() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  HttpResponse<byte[]> post(String path, String contentType, byte[] body) throws IOException, InterruptedException {
    return client.send(HttpRequest.newBuilder(URI.create(url() + path)).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
