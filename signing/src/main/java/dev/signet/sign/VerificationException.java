package dev.signet.sign;

/**
 * Verification found no acceptable signature. {@link #reason()} distinguishes cosign's cases, which
 * map to its exit codes; transport failures are never reported this way.
 */
public final class VerificationException extends SigningException {
  private static final long serialVersionUID = 1L;

  /** Why verification failed. */
  public enum Reason {
    /** The image (tag) does not exist. */
    IMAGE_NOT_FOUND,
    /** The registry holds no signature for the image. */
    NO_SIGNATURES,
    /** Signatures exist but none verified. */
    NO_MATCHING_SIGNATURES
  }

  private final Reason reason;

  public VerificationException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public VerificationException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
