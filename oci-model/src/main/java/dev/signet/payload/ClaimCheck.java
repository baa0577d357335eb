package dev.signet.payload;

/**
 * The outcome of a claim check (cosign's {@code SimpleClaimVerifier} / {@code IntotoSubjectClaimVerifier}):
 * passed, or failed with a human-readable reason.
 */
public record ClaimCheck(boolean passed, String reason) {

  private static final ClaimCheck PASS = new ClaimCheck(true, "claims verified");

  public static ClaimCheck pass() {
    return PASS;
  }

  public static ClaimCheck fail(String reason) {
    return new ClaimCheck(false, reason);
  }
}
