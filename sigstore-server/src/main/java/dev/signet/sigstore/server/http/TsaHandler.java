package dev.signet.sigstore.server.http;

import dev.signet.sigstore.server.tsa.TimestampAuthority;
import dev.signet.sigstore.server.tsa.TimestampQuery;
import dev.signet.sigstore.server.tsa.TsaException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sigstore timestamp-authority API: {@code POST /api/v1/timestamp} ({@code application/timestamp-query}
 * DER or the JSON form, answered 201 {@code application/timestamp-reply}) and {@code GET
 * /api/v1/timestamp/certchain} (PEM, signing certificate first). Malformed or refused requests get 400
 * with {@code {"code","message"}}; other paths are left to the next handler ({@code false}).
 */
public final class TsaHandler extends Handler.Abstract {
  public static final String TIMESTAMP_PATH = "/api/v1/timestamp";
  public static final String CERTCHAIN_PATH = "/api/v1/timestamp/certchain";
  static final int MAX_REQUEST = 16 * 1024;
  private static final Logger LOG = LoggerFactory.getLogger(TsaHandler.class);

  private final TimestampAuthority tsa;
  private final byte[] chainPem;

  public TsaHandler(TimestampAuthority tsa) {
    this.tsa = Objects.requireNonNull(tsa, "tsa");
    this.chainPem = tsa.identity().chainPem().getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String path = HttpIo.path(request);
    String method = request.getMethod();
    if (path.equals(CERTCHAIN_PATH)) {
      if (!method.equals("GET") && !method.equals("HEAD")) {
        HttpIo.methodNotAllowed(response, callback, "GET, HEAD", path);
      } else {
        HttpIo.send(response, callback, 200, "application/pem-certificate-chain", chainPem, method.equals("HEAD"));
      }
      return true;
    }
    if (!path.equals(TIMESTAMP_PATH)) {
      return false;
    }
    if (!method.equals("POST")) {
      HttpIo.methodNotAllowed(response, callback, "POST", path);
      return true;
    }
    try {
      byte[] body = HttpIo.readBody(request, MAX_REQUEST);
      if (body == null) {
        HttpIo.error(response, callback, 413, "timestamp request larger than " + MAX_REQUEST + " bytes");
        return true;
      }
      TimestampQuery query = HttpIo.contentType(request).equals("application/json")
          ? TimestampQuery.fromJson(body) : TimestampQuery.fromDer(body);
      HttpIo.send(response, callback, 201, "application/timestamp-reply", tsa.timestamp(query), false);
    } catch (TsaException e) {
      if (e.clientError()) {
        HttpIo.error(response, callback, 400, e.getMessage());
      } else {
        LOG.error("timestamp authority failed: {}", e.getMessage(), e);
        HttpIo.error(response, callback, 500, "internal error issuing the timestamp");
      }
    } catch (IOException e) {
      HttpIo.error(response, callback, 400, "timestamp request body could not be read: " + e.getMessage());
    }
    return true;
  }
}
