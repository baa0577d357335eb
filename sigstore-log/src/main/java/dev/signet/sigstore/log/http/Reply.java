package dev.signet.sigstore.log.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** An HTTP answer: status, content type, extra headers and body. */
public record Reply(int status, String contentType, Map<String, String> headers, byte[] body) {
  static final ObjectMapper JSON = new ObjectMapper();

  public Reply {
    headers = Map.copyOf(headers);
  }

  static Reply json(int status, Object node) {
    return json(status, node, Map.of());
  }

  static Reply json(int status, Object node, Map<String, String> headers) {
    try {
      return new Reply(status, "application/json", headers, JSON.writeValueAsBytes(node));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static Reply text(int status, String contentType, String body) {
    return new Reply(status, contentType, Map.of(), body.getBytes(StandardCharsets.UTF_8));
  }

  /** Rekor v1's error document {@code {"code": <http status>, "message": …}}. */
  static Reply v1Error(int status, String message) {
    return v1Error(status, message, Map.of());
  }

  static Reply v1Error(int status, String message, Map<String, String> headers) {
    ObjectNode n = JSON.createObjectNode().put("code", status).put("message", message);
    return json(status, n, headers);
  }

  /** grpc-gateway's error document {@code {"code": <grpc code>, "message": …, "details": []}} (Rekor v2). */
  static Reply v2Error(int status, int grpcCode, String message, Map<String, String> headers) {
    ObjectNode n = JSON.createObjectNode().put("code", grpcCode).put("message", message);
    n.putArray("details");
    return json(status, n, headers);
  }
}
