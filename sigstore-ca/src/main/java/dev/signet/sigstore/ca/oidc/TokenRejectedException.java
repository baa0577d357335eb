package dev.signet.sigstore.ca.oidc;

import dev.signet.sigstore.ca.CaException;

/** An ID token the CA does not accept, with the {@link Reason}. Answered with 401 (or 503 for {@link Reason#PROVIDER_UNAVAILABLE}). */
public final class TokenRejectedException extends CaException {

  /** Why a token was refused. */
  public enum Reason {
    /** Not a compact JWS with a JSON claims set. */
    MALFORMED,
    /** {@code iss} is missing or not a configured issuer. */
    UNKNOWN_ISSUER,
    /** The issuer's discovery document or JWKS could not be fetched or parsed. */
    PROVIDER_UNAVAILABLE,
    /** No key in the issuer's JWKS has the token's {@code kid} (or fits its algorithm). */
    UNKNOWN_KEY,
    /** The JWS algorithm is not RS256/384/512, PS256/384/512 or ES256/384/512. */
    UNSUPPORTED_ALGORITHM,
    /** The signature does not verify with the issuer's key. */
    BAD_SIGNATURE,
    /** {@code exp} is missing or in the past (beyond the clock skew). */
    EXPIRED,
    /** {@code nbf} is in the future (beyond the clock skew). */
    NOT_YET_VALID,
    /** {@code iat} is in the future (beyond the clock skew). */
    ISSUED_IN_FUTURE,
    /** {@code aud} does not contain the issuer's configured audience. */
    WRONG_AUDIENCE,
    /** An email issuer's token lacks {@code email_verified: true}. */
    EMAIL_NOT_VERIFIED,
    /** A claim the issuer type needs is missing or invalid. */
    BAD_CLAIM
  }

  private final Reason reason;

  public TokenRejectedException(Reason reason, String message) {
    super(reason == Reason.PROVIDER_UNAVAILABLE ? Kind.UNAVAILABLE : Kind.UNAUTHENTICATED, message);
    this.reason = reason;
  }

  public TokenRejectedException(Reason reason, String message, Throwable cause) {
    super(reason == Reason.PROVIDER_UNAVAILABLE ? Kind.UNAVAILABLE : Kind.UNAUTHENTICATED, message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
