package dev.signet.registry.server.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.registry.client.ErrorCode;
import dev.signet.registry.server.service.RegistryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place failures become HTTP answers: {@code {"errors":[{"code","message","detail"}]}} with the
 * status of the {@link RegistryException}; anything unexpected is logged and answered 500 UNKNOWN
 * without internals.
 */
final class ErrorResponses {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

  private ErrorResponses() {}

  static void send(Exchange ex, RegistryException e) {
    if (ex.isCommitted()) {
      ex.fail(e);
      return;
    }
    ex.discardBody();
    ex.send(e.status(), "application/json", body(e.wireCode(), e.getMessage(), e.detail()));
  }

  /** A failure that is not the client's fault. */
  static void internal(Exchange ex, Throwable t) {
    LOG.error("{} {} failed", ex.method(), ex.rawPath(), t);
    if (ex.isCommitted()) {
      ex.fail(t);
      return;
    }
    ex.send(500, "application/json", body(ErrorCode.UNKNOWN.name(), "internal server error", null));
  }

  static byte[] body(String code, String message, String detail) {
    ObjectNode root = HttpJson.MAPPER.createObjectNode();
    ArrayNode errors = root.putArray("errors");
    ObjectNode e = errors.addObject();
    e.put("code", code);
    e.put("message", message);
    if (detail != null) {
      e.put("detail", detail);
    }
    return HttpJson.write(root);
  }
}
