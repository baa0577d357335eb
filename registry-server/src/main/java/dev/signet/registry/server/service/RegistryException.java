package dev.signet.registry.server.service;

import dev.signet.registry.client.ErrorCode;
import java.util.Objects;

/**
 * A request the registry refuses, as the distribution spec's error: an {@link ErrorCode}, the HTTP status
 * to answer with, a message and an optional detail. A few answers the spec names only by status (412,
 * 413, 416) carry their own wire code.
 */
public final class RegistryException extends Exception {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;
  private final String wireCode;
  private final int status;
  private final String detail;

  private RegistryException(ErrorCode code, String wireCode, int status, String message, String detail) {
    super(Objects.requireNonNull(message, "message"));
    this.code = code;
    this.wireCode = wireCode;
    this.status = status;
    this.detail = detail;
  }

  /** An error with the code's usual status. */
  public static RegistryException of(ErrorCode code, String message) {
    return new RegistryException(code, code.name(), code.httpStatus(), message, null);
  }

  public static RegistryException of(ErrorCode code, String message, String detail) {
    return new RegistryException(code, code.name(), code.httpStatus(), message, detail);
  }

  /** An error with the code's name but another status (e.g. MANIFEST_INVALID with 413). */
  public static RegistryException withStatus(ErrorCode code, int status, String message) {
    return new RegistryException(code, code.name(), status, message, null);
  }

  /** 412: an {@code If-Match} / {@code If-None-Match} condition failed. */
  public static RegistryException preconditionFailed(String message) {
    return new RegistryException(ErrorCode.UNKNOWN, "PRECONDITION_FAILED", 412, message, null);
  }

  /** 416: a chunk or a byte range does not fit (distribution's {@code RANGE_INVALID}). */
  public static RegistryException rangeInvalid(String message) {
    return new RegistryException(ErrorCode.UNKNOWN, "RANGE_INVALID", 416, message, null);
  }

  /** 404 for a path that is no endpoint at all. */
  public static RegistryException noRoute(String message) {
    return new RegistryException(ErrorCode.UNSUPPORTED, ErrorCode.UNSUPPORTED.name(), 404, message, null);
  }

  public ErrorCode code() {
    return code;
  }

  /** The {@code code} string of the JSON error. */
  public String wireCode() {
    return wireCode;
  }

  public int status() {
    return status;
  }

  /** Extra detail for the JSON error, or null. */
  public String detail() {
    return detail;
  }
}
