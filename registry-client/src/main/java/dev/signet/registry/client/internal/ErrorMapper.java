package dev.signet.registry.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signet.registry.client.DigestMismatchException;
import dev.signet.registry.client.ErrorCode;
import dev.signet.registry.client.NotFoundException;
import dev.signet.registry.client.PreconditionFailedException;
import dev.signet.registry.client.RegistryError;
import dev.signet.registry.client.RegistryException;
import dev.signet.registry.client.RegistryTransportException;
import dev.signet.registry.client.UnauthorizedException;
import dev.signet.registry.client.UnsupportedByRegistryException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Turns an error answer into the {@link RegistryException} subtype callers can act on. */
public final class ErrorMapper {
  private ErrorMapper() {}

  /**
   * @param notFoundCode what a 404 without a recognised code means for this endpoint
   * @param authorized whether the failed request carried credentials or a token
   */
  public static RegistryException toException(String action, int status, String contentType, byte[] body,
      ErrorCode notFoundCode, int attempts, boolean authorized) {
    List<RegistryError> errors = parseErrors(body);
    boolean hasJson = !errors.isEmpty();
    String summary = hasJson
        ? errors.stream().map(RegistryError::toString).collect(Collectors.joining("; "))
        : "HTTP " + status;
    String tries = attempts > 1 ? " (after " + attempts + " attempts)" : "";
    if (!hasJson && body.length > 0 && !isJsonish(contentType) && (status >= 500 || status == 429
        || contentType.equals("text/html"))) {
      return new RegistryTransportException(action, "registry answered HTTP " + status + " with "
          + (contentType.isEmpty() ? "an untyped body" : contentType) + " instead of a JSON error" + tries, status,
          errors, null);
    }
    ErrorCode first = hasJson ? errors.get(0).code() : null;
    if (status == 404) {
      ErrorCode code = first != null && first.isNotFound() ? first : notFoundCode;
      return new NotFoundException(action, code, hasJson ? summary : code.name() + " (HTTP 404)",
          hasJson ? errors : List.of(RegistryError.of(code, null)));
    }
    if (status == 405 || first == ErrorCode.UNSUPPORTED) {
      return new UnsupportedByRegistryException(action, summary, status, errors, null);
    }
    if (status == 401 || status == 403) {
      String hint = authorized ? "" : " (no credentials for this registry)";
      return new UnauthorizedException(action, summary + hint, status, errors, null);
    }
    if (status == 412 && errors.stream().anyMatch(e -> e.code() == ErrorCode.DENIED)) {
      // a registry policy refused the request (e.g. Signet's verified pull), not a lost conditional write
      return new UnauthorizedException(action, summary, status, errors, null);
    }
    if (status == 412) {
      return new PreconditionFailedException(action, summary + ": the object changed since it was read", status,
          errors, null);
    }
    if (status >= 500 || status == 429) {
      return new RegistryTransportException(action, summary + tries, status, errors, null);
    }
    if (first == ErrorCode.DIGEST_INVALID && status == 400) {
      return new DigestMismatchException(action, summary, status, errors, null);
    }
    return new RegistryException(action, summary, status, errors, null);
  }

  /** The entries of an {@code {"errors":[…]}} body; empty if the body is not one. */
  public static List<RegistryError> parseErrors(byte[] body) {
    if (body == null || body.length == 0) {
      return List.of();
    }
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(body);
    } catch (IOException e) {
      return List.of();
    }
    if (root == null || !root.path("errors").isArray()) {
      return List.of();
    }
    List<RegistryError> out = new ArrayList<>();
    for (JsonNode e : root.get("errors")) {
      String raw = e.path("code").isTextual() ? e.get("code").asText() : null;
      String message = e.path("message").isTextual() ? e.get("message").asText() : null;
      JsonNode detail = e.get("detail");
      String d = detail == null || detail.isNull() ? null : detail.isTextual() ? detail.asText() : detail.toString();
      out.add(new RegistryError(ErrorCode.fromWire(raw), raw, message, d));
    }
    return out;
  }

  static boolean isJsonish(String contentType) {
    return contentType.equals("application/json") || contentType.endsWith("+json");
  }
}
