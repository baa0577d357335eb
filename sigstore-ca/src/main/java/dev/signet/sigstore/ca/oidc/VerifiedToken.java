package dev.signet.sigstore.ca.oidc;

import com.nimbusds.jwt.JWTClaimsSet;
import java.util.Objects;

/**
 * An ID token whose signature, issuer, audience and times have been checked.
 *
 * @param issuer the configured issuer that signed it
 * @param claims its claims
 */
public record VerifiedToken(OidcIssuer issuer, JWTClaimsSet claims) {
  public VerifiedToken {
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(claims, "claims");
  }
}
