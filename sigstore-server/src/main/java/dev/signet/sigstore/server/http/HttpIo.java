package dev.signet.sigstore.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The little HTTP plumbing the Sigstore handlers share: bounded body reads and complete answers,
 * errors as Sigstore's services send them ({@code {"code": status, "message": text}}).
 */
final class HttpIo {
  private static final ObjectMapper JSON = new ObjectMapper();

  private HttpIo() {}

  /** The request path without a trailing slash (but "/" stays "/"). */
  static String path(Request request) {
    String p = request.getHttpURI().getPath();
    if (p == null || p.isEmpty()) {
      return "/";
    }
    return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
  }

  /** The media type of the request without parameters, lower case; empty when absent. */
  static String contentType(Request request) {
    String ct = request.getHeaders().get("Content-Type");
    if (ct == null) {
      return "";
    }
    int semi = ct.indexOf(';');
    return (semi < 0 ? ct : ct.substring(0, semi)).trim().toLowerCase(java.util.Locale.ROOT);
  }

  /** Bodies too large up to this size are read out before the 413, so the client sees the answer. */
  private static final long DRAIN_LIMIT = 1 << 20;

  /** The body, or null when it is larger than {@code max} bytes. */
  static byte[] readBody(Request request, int max) throws IOException {
    long declared = request.getLength();
    try (InputStream in = Content.Source.asInputStream(request)) {
      if (declared > max) {
        drain(in, declared);
        return null;
      }
      byte[] bytes = in.readNBytes(max + 1);
      if (bytes.length > max) {
        drain(in, DRAIN_LIMIT);
        return null;
      }
      return bytes;
    }
  }

  /** Reads and drops the rest of a refused body when it is small enough; larger ones are cut off. */
  private static void drain(InputStream in, long declared) throws IOException {
    if (declared <= DRAIN_LIMIT) {
      byte[] sink = new byte[8192];
      long total = 0;
      for (int n; total <= DRAIN_LIMIT && (n = in.read(sink)) >= 0; ) {
        total += n;
      }
    }
  }

  static void send(Response response, Callback callback, int status, String contentType, byte[] body,
      boolean head) {
    response.setStatus(status);
    response.getHeaders().put("Content-Type", contentType);
    response.getHeaders().put("Content-Length", String.valueOf(body.length));
    response.write(true, head ? null : ByteBuffer.wrap(body), callback);
  }

  static void error(Response response, Callback callback, int status, String message) {
    ObjectNode n = JSON.createObjectNode().put("code", status).put("message", message);
    send(response, callback, status, "application/json", (n.toString() + "\n").getBytes(StandardCharsets.UTF_8),
        false);
  }

  static void methodNotAllowed(Response response, Callback callback, String allow, String path) {
    response.getHeaders().put("Allow", allow);
    error(response, callback, 405, path + " accepts " + allow);
  }
}
