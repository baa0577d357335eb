package dev.signet.sigstore.ca.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.sigstore.ca.CaException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;

/** One request/response pair: bounded JSON body reading and JSON answers, including Fulcio's error body. */
final class Exchange {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_BODY = 256 * 1024;

  private final Request request;
  private final Response response;
  private final Callback callback;

  Exchange(Request request, Response response, Callback callback) {
    this.request = request;
    this.response = response;
    this.callback = callback;
  }

  String method() {
    return request.getMethod();
  }

  String header(String name) {
    return request.getHeaders().get(name);
  }

  /** The body as a JSON object; a missing, oversized or malformed body is {@code INVALID_ARGUMENT}. */
  JsonNode jsonBody() throws CaException {
    byte[] body;
    try (InputStream in = Content.Source.asInputStream(request)) {
      body = in.readNBytes(MAX_BODY + 1);
    } catch (IOException e) {
      throw CaException.invalid("cannot read the request body: " + e.getMessage());
    }
    if (body.length > MAX_BODY) {
      throw CaException.invalid("request body larger than " + MAX_BODY + " bytes");
    }
    if (body.length == 0) {
      throw CaException.invalid("request body is empty; expected a JSON object");
    }
    try {
      JsonNode n = JSON.readTree(body);
      if (n == null || !n.isObject()) {
        throw CaException.invalid("request body is not a JSON object");
      }
      return n;
    } catch (JsonProcessingException e) {
      throw CaException.invalid("request body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw CaException.invalid("request body is not valid JSON: " + e.getMessage());
    }
  }

  void sendJson(int status, JsonNode body) {
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("writing a JSON tree cannot fail", e);
    }
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.write(true, ByteBuffer.wrap(bytes), callback);
  }

  void sendText(int status, String contentType, String body) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.write(true, ByteBuffer.wrap(utf8(body)), callback);
  }

  /** Fulcio's (grpc-gateway's) error body {@code {"code":grpcCode,"message":...,"details":[]}}. */
  void sendError(int status, int grpcCode, String message) {
    ObjectNode n = JSON.createObjectNode();
    n.put("code", grpcCode);
    n.put("message", message);
    n.putArray("details");
    sendJson(status, n);
  }

  void sendError(CaException e) {
    sendError(e.kind().httpStatus(), e.kind().grpcCode(), e.getMessage());
  }

  /** 405 for a path this handler owns but not with this method. */
  void methodNotAllowed(String allowed) {
    response.getHeaders().put(HttpHeader.ALLOW, allowed);
    sendError(405, 12, "method " + request.getMethod() + " not allowed on " + request.getHttpURI().getPath()
        + " (use " + allowed + ")");
  }

  /** Answers a failure: {@link CaException}s by kind, anything else 500 without internals (logged). */
  void fail(Throwable t, Logger log) {
    if (t instanceof CaException e) {
      if (e.kind() == CaException.Kind.INTERNAL) {
        log.error("{} {} failed", request.getMethod(), request.getHttpURI().getPath(), e);
      }
      sendError(e);
    } else {
      log.error("{} {} failed", request.getMethod(), request.getHttpURI().getPath(), t);
      sendError(500, 13, "internal error");
    }
  }

  static String text(JsonNode n) {
    return n == null || n.isNull() || n.isMissingNode() ? null : n.asText();
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
