package dev.signet.sigstore.log.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.sigstore.log.LogInfo;
import dev.signet.sigstore.log.SigstoreLog;
import dev.signet.testing.sigstore.TestPki;
import dev.signet.verify.root.TransparencyLog;
import dev.signet.verify.root.ValidityWindow;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/** A Jetty server with a {@link LogHandler} first and a marker handler after it (proves "not mine" = false). */
final class LogServerFixture implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Instant NOW = TestPki.T0.plusSeconds(120);

  final SigstoreLog logs;
  final Server server;
  final String baseUrl;
  final HttpClient client = HttpClient.newHttpClient();

  static final SigstoreLog.Options OPTIONS = new SigstoreLog.Options("http://127.0.0.1", Duration.ofMillis(20), 256,
      Clock.fixed(NOW, ZoneOffset.UTC));

  LogServerFixture(Path data) throws Exception {
    this(SigstoreLog.open(data, OPTIONS));
  }

  LogServerFixture(SigstoreLog logs) throws Exception {
    this.logs = logs;
    server = new Server();
    ServerConnector c = new ServerConnector(server);
    c.setHost("127.0.0.1");
    c.setPort(0);
    server.addConnector(c);
    server.setHandler(new Handler.Sequence(new LogHandler(logs), new Handler.Abstract() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) {
        response.setStatus(299); // reached only when the log handler declined
        callback.succeeded();
        return true;
      }
    }));
    server.start();
    baseUrl = "http://127.0.0.1:" + c.getLocalPort();
  }

  static TransparencyLog trusted(LogInfo info, String baseUrl) {
    return new TransparencyLog(baseUrl, info.logId(), info.publicKey(), info.keyDetails(),
        ValidityWindow.from(info.validFrom()));
  }

  HttpResponse<byte[]> post(String path, byte[] body) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  HttpResponse<byte[]> get(String path) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  static JsonNode json(HttpResponse<byte[]> r) throws Exception {
    return JSON.readTree(r.body());
  }

  static String text(HttpResponse<byte[]> r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  static byte[] sha256(byte[] b) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(b);
  }

  @Override
  public void close() throws Exception {
    server.stop();
    logs.close();
  }
}
