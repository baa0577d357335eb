package dev.signet.registry.client;

import java.util.Locale;

/**
 * The error codes of the OCI distribution spec ({@code {"errors":[{"code":…}]}}), each with the HTTP
 * status a registry answers it with, so a server can reuse this enum. Codes the spec does not list
 * (distribution's {@code TAG_INVALID}, {@code UNAVAILABLE}, …) parse as {@link #UNKNOWN}; the raw
 * string stays in {@link RegistryError#rawCode()}.
 */
public enum ErrorCode {
  BLOB_UNKNOWN(404, "blob unknown to registry"),
  BLOB_UPLOAD_INVALID(400, "blob upload invalid"),
  BLOB_UPLOAD_UNKNOWN(404, "blob upload unknown to registry"),
  DIGEST_INVALID(400, "provided digest did not match uploaded content"),
  MANIFEST_BLOB_UNKNOWN(404, "manifest references a manifest or blob unknown to registry"),
  MANIFEST_INVALID(400, "manifest invalid"),
  MANIFEST_UNKNOWN(404, "manifest unknown to registry"),
  NAME_INVALID(400, "invalid repository name"),
  NAME_UNKNOWN(404, "repository name not known to registry"),
  SIZE_INVALID(400, "provided length did not match content length"),
  UNAUTHORIZED(401, "authentication required"),
  DENIED(403, "requested access to the resource is denied"),
  UNSUPPORTED(405, "the operation is unsupported"),
  TOOMANYREQUESTS(429, "too many requests"),
  UNKNOWN(500, "unknown error");

  private final int httpStatus;
  private final String defaultMessage;

  ErrorCode(int httpStatus, String defaultMessage) {
    this.httpStatus = httpStatus;
    this.defaultMessage = defaultMessage;
  }

  /** The status code a registry sends with this error. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The spec's description, for servers that have no better message. */
  public String defaultMessage() {
    return defaultMessage;
  }

  /** The code for a wire string (case-insensitive); {@link #UNKNOWN} for anything unlisted. */
  public static ErrorCode fromWire(String code) {
    if (code == null) {
      return UNKNOWN;
    }
    try {
      return valueOf(code.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return UNKNOWN;
    }
  }

  /** True for the codes that mean "this manifest, blob or repository does not exist". */
  public boolean isNotFound() {
    return this == BLOB_UNKNOWN || this == MANIFEST_UNKNOWN || this == NAME_UNKNOWN || this == BLOB_UPLOAD_UNKNOWN;
  }
}
