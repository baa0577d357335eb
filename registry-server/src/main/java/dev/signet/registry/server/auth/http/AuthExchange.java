package dev.signet.registry.server.auth.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.registry.server.auth.GateRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.UrlEncoded;

/** A request to the token endpoint or the admin API: small JSON or form bodies in, JSON out. */
final class AuthExchange implements GateRequest {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_BODY = 64 * 1024;

  private final Request request;
  private final Response response;
  private final Callback callback;
  private Fields query;
  private byte[] body;

  AuthExchange(Request request, Response response, Callback callback) {
    this.request = request;
    this.response = response;
    this.callback = callback;
  }

  @Override
  public String method() {
    return request.getMethod();
  }

  @Override
  public String path() {
    return request.getHttpURI().getPath();
  }

  @Override
  public String repository() {
    return null;
  }

  @Override
  public Optional<String> header(String name) {
    return Optional.ofNullable(request.getHeaders().get(name));
  }

  @Override
  public Optional<String> query(String name) {
    return Optional.ofNullable(queryFields().getValue(name)).filter(v -> !v.isEmpty());
  }

  List<String> queryAll(String name) {
    return queryFields().getValuesOrEmpty(name);
  }

  @Override
  public String baseUrl() {
    return request.getHttpURI().getScheme() + "://" + request.getHttpURI().getAuthority();
  }

  @Override
  public String remoteAddress() {
    return Request.getRemoteAddr(request);
  }

  @Override
  public void setResponseHeader(String name, String value) {
    response.getHeaders().put(name, value);
  }

  @Override
  public void ignoreQuery(String name) {
    queryFields().remove(name);
  }

  private Fields queryFields() {
    if (query == null) {
      try {
        query = Request.extractQueryParameters(request);
      } catch (RuntimeException e) { // invalid percent-encoding or UTF-8
        query = new Fields(); // read as no parameters: the endpoint then says what is missing
      }
    }
    return query;
  }

  /** The body, at most 64 KiB. */
  byte[] body() throws ApiException {
    if (body == null) {
      try (InputStream in = Content.Source.asInputStream(request)) {
        body = in.readNBytes(MAX_BODY + 1);
      } catch (IOException e) {
        throw new ApiException(400, "UNSUPPORTED", "the request body could not be read");
      }
      if (body.length > MAX_BODY) {
        throw new ApiException(413, "SIZE_INVALID", "the request body is larger than " + MAX_BODY + " bytes");
      }
    }
    return body;
  }

  /** An {@code application/x-www-form-urlencoded} body. */
  Fields form() throws ApiException {
    Fields f = new Fields();
    UrlEncoded.decodeUtf8To(new String(body(), StandardCharsets.ISO_8859_1), f);
    return f;
  }

  /** A JSON object body. */
  JsonNode json() throws ApiException {
    byte[] b = body();
    try {
      JsonNode n = b.length == 0 ? JSON.createObjectNode() : JSON.readTree(b);
      if (n == null || !n.isObject()) {
        throw new ApiException(400, "UNSUPPORTED", "the request body must be a JSON object");
      }
      return n;
    } catch (IOException e) {
      throw new ApiException(400, "UNSUPPORTED", "the request body is not valid JSON");
    }
  }

  void send(int status) {
    response.setStatus(status);
    response.getHeaders().put("Content-Length", "0");
    response.write(true, null, callback);
  }

  /** Completes with a body of the given type (null type and empty body: no body). */
  void send(int status, String contentType, byte[] bytes) {
    response.setStatus(status);
    if (contentType != null) {
      response.getHeaders().put("Content-Type", contentType);
    }
    response.getHeaders().put("Content-Length", String.valueOf(bytes.length));
    response.write(true, "HEAD".equals(method()) || bytes.length == 0 ? null : ByteBuffer.wrap(bytes), callback);
  }

  void sendJson(int status, Object value) {
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    response.setStatus(status);
    response.getHeaders().put("Content-Type", "application/json");
    response.getHeaders().put("Content-Length", String.valueOf(bytes.length));
    response.getHeaders().put("Cache-Control", "no-store");
    response.write(true, "HEAD".equals(method()) ? null : ByteBuffer.wrap(bytes), callback);
  }

  /** {@code {"errors":[{"code","message"}]}}, as the registry API answers. */
  void sendError(int status, String code, String message) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode errors = root.putArray("errors");
    ObjectNode e = errors.addObject();
    e.put("code", code);
    e.put("message", message);
    sendJson(status, root);
  }

  boolean isCommitted() {
    return response.isCommitted();
  }

  void fail(Throwable t) {
    callback.failed(t);
  }
}
