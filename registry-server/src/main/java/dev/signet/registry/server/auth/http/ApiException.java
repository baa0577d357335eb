package dev.signet.registry.server.auth.http;

/** A refused token or admin API request: the status, the error code and a message (never a secret). */
final class ApiException extends Exception {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String code;

  ApiException(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  static ApiException notFound(String message) {
    return new ApiException(404, "NOT_FOUND", message);
  }

  static ApiException denied(String message) {
    return new ApiException(403, "DENIED", message);
  }

  static ApiException invalid(String message) {
    return new ApiException(400, "INVALID", message);
  }

  static ApiException conflict(String message) {
    return new ApiException(409, "CONFLICT", message);
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }
}
