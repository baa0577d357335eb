package dev.signet.sigstore.ca.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.signet.sigstore.ca.oidc.TokenRejectedException.Reason;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Verifies OIDC ID tokens of configured issuers: compact JWS signed with RS256/384/512, PS256/384/512
 * or ES256/384/512 by a key of the issuer's JWKS; {@code exp} required and {@code nbf}/{@code iat}
 * honoured with a clock skew; {@code aud} must contain the issuer's audience. Every refusal is a
 * {@link TokenRejectedException} with its {@link Reason}. Thread-safe.
 */
public final class TokenVerifier {
  /** Fulcio's (go-oidc's) tolerance for clocks that differ. */
  public static final Duration DEFAULT_SKEW = Duration.ofMinutes(1);
  private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
      JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256,
      JWSAlgorithm.ES384, JWSAlgorithm.ES512);
  private static final int MAX_TOKEN_CHARS = 64 * 1024;

  private final Map<String, OidcIssuer> issuers = new LinkedHashMap<>();
  private final Map<String, IssuerKeys> keys = new LinkedHashMap<>();
  private final Clock clock;
  private final Duration skew;

  /**
   * @param fetcher how discovery documents and JWKS are fetched
   * @param clock the time tokens are checked at (also paces JWKS refetches)
   */
  public TokenVerifier(List<OidcIssuer> configured, HttpFetcher fetcher, Clock clock, Duration skew) {
    this.clock = clock;
    this.skew = skew;
    for (OidcIssuer i : configured) {
      issuers.put(i.issuerUrl(), i);
      keys.put(i.issuerUrl(), new IssuerKeys(i.issuerUrl(), fetcher, clock, Duration.ofSeconds(30), Duration.ofHours(1)));
    }
  }

  public TokenVerifier(List<OidcIssuer> configured, HttpFetcher fetcher, Clock clock) {
    this(configured, fetcher, clock, DEFAULT_SKEW);
  }

  /** The configured issuers, in configuration order. */
  public List<OidcIssuer> issuers() {
    return List.copyOf(issuers.values());
  }

  /**
   * Verifies {@code token}.
   *
   * @throws TokenRejectedException saying why the token is not accepted
   */
  public VerifiedToken verify(String token) throws TokenRejectedException {
    if (token == null || token.isBlank()) {
      throw new TokenRejectedException(Reason.MALFORMED, "no OIDC identity token given");
    }
    if (token.length() > MAX_TOKEN_CHARS) {
      throw new TokenRejectedException(Reason.MALFORMED, "OIDC identity token longer than " + MAX_TOKEN_CHARS + " characters");
    }
    SignedJWT jwt;
    JWTClaimsSet claims;
    try {
      jwt = SignedJWT.parse(token.trim());
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      throw new TokenRejectedException(Reason.MALFORMED, "OIDC identity token is not a signed JWT: " + e.getMessage(), e);
    }
    String iss = claims.getIssuer();
    OidcIssuer issuer = iss == null ? null : issuers.get(iss);
    if (issuer == null) {
      throw new TokenRejectedException(Reason.UNKNOWN_ISSUER, iss == null ? "OIDC identity token has no iss claim"
          : "OIDC issuer '" + iss + "' is not configured (accepted: " + issuers.keySet() + ")");
    }
    JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
    if (!ALGORITHMS.contains(alg)) {
      throw new TokenRejectedException(Reason.UNSUPPORTED_ALGORITHM, "OIDC identity token from " + iss
          + " is signed with " + alg + " (accepted: RS/PS/ES 256/384/512)");
    }
    checkSignature(jwt, issuer, alg);
    checkTimes(claims, iss);
    List<String> aud = claims.getAudience();
    if (aud == null || !aud.contains(issuer.audience())) {
      throw new TokenRejectedException(Reason.WRONG_AUDIENCE, "OIDC identity token from " + iss + " is for audience "
          + aud + ", expected '" + issuer.audience() + "'");
    }
    return new VerifiedToken(issuer, claims);
  }

  private void checkSignature(SignedJWT jwt, OidcIssuer issuer, JWSAlgorithm alg) throws TokenRejectedException {
    String kid = jwt.getHeader().getKeyID();
    List<JWK> candidates = keys.get(issuer.issuerUrl()).candidates(kid).stream()
        .filter(k -> fits(k, alg)).toList();
    if (candidates.isEmpty()) {
      throw new TokenRejectedException(Reason.UNKNOWN_KEY, "no " + alg + " key"
          + (kid == null ? "" : " with kid '" + kid + "'") + " in the JWKS of OIDC issuer " + issuer.issuerUrl());
    }
    for (JWK k : candidates) {
      try {
        if (jwt.verify(verifier(k))) {
          return;
        }
      } catch (JOSEException e) {
        // try the next key; fall through to BAD_SIGNATURE
      }
    }
    throw new TokenRejectedException(Reason.BAD_SIGNATURE, "signature of the OIDC identity token does not verify with "
        + "the key" + (kid == null ? "s" : " '" + kid + "'") + " of issuer " + issuer.issuerUrl());
  }

  private static boolean fits(JWK key, JWSAlgorithm alg) {
    if (key.getAlgorithm() != null && !key.getAlgorithm().getName().equals(alg.getName())) {
      return false;
    }
    if (key.getKeyUse() != null && !"sig".equals(key.getKeyUse().identifier())) {
      return false;
    }
    return JWSAlgorithm.Family.EC.contains(alg) ? key instanceof ECKey : key instanceof RSAKey;
  }

  private static JWSVerifier verifier(JWK key) throws JOSEException {
    return key instanceof ECKey ec ? new ECDSAVerifier(ec.toECPublicKey()) : new RSASSAVerifier(((RSAKey) key).toRSAPublicKey());
  }

  private void checkTimes(JWTClaimsSet claims, String iss) throws TokenRejectedException {
    Instant now = clock.instant();
    Date exp = claims.getExpirationTime();
    if (exp == null) {
      throw new TokenRejectedException(Reason.EXPIRED, "OIDC identity token from " + iss + " has no exp claim");
    }
    if (now.isAfter(exp.toInstant().plus(skew))) {
      throw new TokenRejectedException(Reason.EXPIRED, "OIDC identity token from " + iss + " expired at "
          + exp.toInstant() + " (now " + now + "); get a fresh token");
    }
    Date nbf = claims.getNotBeforeTime();
    if (nbf != null && now.plus(skew).isBefore(nbf.toInstant())) {
      throw new TokenRejectedException(Reason.NOT_YET_VALID, "OIDC identity token from " + iss + " is not valid before "
          + nbf.toInstant() + " (now " + now + ")");
    }
    Date iat = claims.getIssueTime();
    if (iat != null && now.plus(skew).isBefore(iat.toInstant())) {
      throw new TokenRejectedException(Reason.ISSUED_IN_FUTURE, "OIDC identity token from " + iss + " was issued at "
          + iat.toInstant() + ", in the future (now " + now + ")");
    }
  }
}
