package dev.signet.sigstore.ca;

/**
 * Root of the CA's checked exceptions. The {@link Kind} decides the HTTP answer: a token the CA does
 * not accept is {@link Kind#UNAUTHENTICATED}, a malformed or unacceptable request
 * {@link Kind#INVALID_ARGUMENT}, a failure of the CA itself or of something it depends on
 * {@link Kind#UNAVAILABLE} or {@link Kind#INTERNAL}. Messages say what was wrong with which object.
 */
public class CaException extends Exception {

  /** What kind of failure (the gRPC status Fulcio would answer with). */
  public enum Kind {
    /** Bad, expired or foreign ID token: HTTP 401, gRPC code 16. */
    UNAUTHENTICATED(401, 16),
    /** Malformed body, CSR, key or proof of possession: HTTP 400, gRPC code 3. */
    INVALID_ARGUMENT(400, 3),
    /** An OIDC provider or the CT log cannot be reached: HTTP 503, gRPC code 14. */
    UNAVAILABLE(503, 14),
    /** The CA failed (storage, signing): HTTP 500, gRPC code 13. */
    INTERNAL(500, 13);

    private final int httpStatus;
    private final int grpcCode;

    Kind(int httpStatus, int grpcCode) {
      this.httpStatus = httpStatus;
      this.grpcCode = grpcCode;
    }

    public int httpStatus() {
      return httpStatus;
    }

    public int grpcCode() {
      return grpcCode;
    }
  }

  private final Kind kind;

  public CaException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public CaException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  /** A client mistake in the request ({@link Kind#INVALID_ARGUMENT}). */
  public static CaException invalid(String message) {
    return new CaException(Kind.INVALID_ARGUMENT, message);
  }

  /** A failure of the CA ({@link Kind#INTERNAL}). */
  public static CaException internal(String message, Throwable cause) {
    return new CaException(Kind.INTERNAL, message, cause);
  }
}
