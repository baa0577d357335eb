package dev.signet.sigstore.log.http;

import dev.signet.sigstore.log.SigstoreLog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * Jetty core handler for both logs of a {@link SigstoreLog}:
 *
 * <pre>
 * POST /api/v2/log/entries                 Rekor v2 create (hashedrekord / dsse v0.0.2)
 * GET  /api/v2/checkpoint, /api/v2/tile/…  tlog-tiles of the v2 log
 * POST /api/v1/log/entries                 Rekor v1 create (hashedrekord / dsse 0.0.1, intoto 0.0.2)
 * GET  /api/v1/log/entries/{uuid}, /api/v1/log/entries?logIndex=N, /api/v1/log,
 *      /api/v1/log/proof, /api/v1/log/publicKey
 * </pre>
 *
 * Returns false for every other path. Creates answer asynchronously once the entry is published.
 */
public final class LogHandler extends Handler.Abstract {
  /** Largest request body (as rekor-tiles). */
  public static final int MAX_BODY = 4 << 20;

  private static final String V2 = "/api/v2/";
  private static final String V1 = "/api/v1/log";

  private final RekorV2Api v2;
  private final TilesApi v2Tiles;
  private final RekorV1Api v1;

  public LogHandler(SigstoreLog logs) {
    this.v2 = new RekorV2Api(logs.v2());
    this.v2Tiles = new TilesApi(logs.v2());
    this.v1 = new RekorV1Api(logs.v1(), logs.treeId());
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws IOException {
    String path = request.getHttpURI().getPath();
    String method = request.getMethod();
    if (path.equals(V2 + "log/entries")) {
      if (!method.equals("POST")) {
        send(Reply.v2Error(405, 12, "use POST on " + path, Map.of("Allow", "POST")), request, response, callback);
      } else {
        create(request, response, callback, true);
      }
      return true;
    }
    if (path.startsWith(V2)) {
      Optional<Reply> r = v2Tiles.get(path.substring(V2.length()));
      if (r.isEmpty()) {
        return false;
      }
      send(get(method) ? r.get() : Reply.v2Error(405, 12, "use GET on " + path, Map.of("Allow", "GET")),
          request, response, callback);
      return true;
    }
    if (!path.equals(V1) && !path.startsWith(V1 + "/")) {
      return false;
    }
    String rest = path.substring(V1.length());
    if (rest.equals("/entries") && method.equals("POST")) {
      create(request, response, callback, false);
      return true;
    }
    Reply reply;
    if (!get(method)) {
      reply = Reply.v1Error(405, method + " is not supported on " + path);
    } else if (rest.isEmpty() || rest.equals("/")) {
      reply = v1.info();
    } else if (rest.equals("/publicKey")) {
      reply = v1.publicKey();
    } else if (rest.equals("/proof")) {
      Fields q = Request.extractQueryParameters(request);
      reply = v1.proof(q.getValue("firstSize"), q.getValue("lastSize"));
    } else if (rest.equals("/entries")) {
      String index = Request.extractQueryParameters(request).getValue("logIndex");
      reply = index == null ? Reply.v1Error(400, "give ?logIndex=N or GET /api/v1/log/entries/{uuid}")
          : v1.getByIndex(index);
    } else if (rest.startsWith("/entries/") && rest.indexOf('/', 9) < 0) {
      reply = v1.get(rest.substring(9));
    } else {
      return false;
    }
    send(reply, request, response, callback);
    return true;
  }

  private static boolean get(String method) {
    return method.equals("GET") || method.equals("HEAD");
  }

  private void create(Request request, Response response, Callback callback, boolean rekorV2) throws IOException {
    byte[] body;
    try (InputStream in = Content.Source.asInputStream(request)) {
      body = in.readNBytes(MAX_BODY + 1);
    }
    if (body.length > MAX_BODY) {
      String m = "the request body exceeds " + MAX_BODY + " bytes";
      send(rekorV2 ? Reply.v2Error(413, 3, m, Map.of()) : Reply.v1Error(413, m), request, response, callback);
      return;
    }
    CompletableFuture<Reply> f = rekorV2 ? v2.create(body) : v1.create(body);
    f.whenComplete((r, err) -> send(err != null ? Reply.v1Error(500, "internal error: " + err.getMessage()) : r,
        request, response, callback));
  }

  private static void send(Reply r, Request request, Response response, Callback callback) {
    response.setStatus(r.status());
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, r.contentType());
    r.headers().forEach((k, v) -> response.getHeaders().put(k, v));
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, r.body().length);
    boolean head = "HEAD".equals(request.getMethod());
    response.write(true, head ? null : ByteBuffer.wrap(r.body()), callback);
  }
}
