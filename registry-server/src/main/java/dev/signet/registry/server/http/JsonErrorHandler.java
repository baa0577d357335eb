package dev.signet.registry.server.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty raises before the registry sees a request (malformed HTTP, oversized headers) in the
 * spec's JSON shape instead of an HTML page.
 */
public final class JsonErrorHandler extends ErrorHandler {
  @Override
  protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
      Callback callback) throws IOException {
    String wire = code == 413 || code == 431 ? "SIZE_INVALID" : code >= 500 ? "UNKNOWN" : "UNSUPPORTED";
    byte[] body = ErrorResponses.body(wire, message == null ? "HTTP " + code : message, null);
    response.getHeaders().put("Content-Type", "application/json");
    response.getHeaders().put("Content-Length", String.valueOf(body.length));
    response.write(true, ByteBuffer.wrap(body), callback);
  }
}
