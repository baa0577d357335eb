package dev.signet.registry.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Issues and verifies the registry's ES256 JWTs. Access tokens carry distribution's {@code access} claim
 * ({@code [{type, name, actions}]}) and live {@link #ttl()}; refresh tokens (for docker's identity tokens)
 * carry no access and live 30 days. Both name the account in {@code sub} (absent when anonymous), the
 * service in {@code aud}, and their use in {@code signet_use}; time comes from the injected clock.
 */
public final class TokenIssuer {
  public static final String ISSUER = "signet";
  static final Duration REFRESH_TTL = Duration.ofDays(30);
  private static final String USE = "signet_use";
  /**
   * The issue time in epoch milliseconds: {@code iat} has whole seconds only, and a token issued earlier in
   * the same second as a revoke, re-create or password change must not outlive it.
   */
  private static final String ISSUED_MS = "signet_iat_ms";

  /** A verified token: its subject (null when anonymous), grant and issue time. */
  public record Verified(String subject, TokenGrant grant, Instant issuedAt) {}

  /** A freshly signed token. */
  public record Issued(String token, Instant issuedAt, Duration expiresIn) {
    @Override
    public String toString() {
      return "Issued[" + issuedAt + ", " + expiresIn + "]";
    }
  }

  private final ECKey key;
  private final ECDSASigner signer;
  private final ECDSAVerifier verifier;
  private final Clock clock;
  private final Duration ttl;
  private final String service;

  TokenIssuer(ECKey key, Clock clock, Duration ttl, String service) {
    try {
      this.key = key;
      this.signer = new ECDSASigner(key);
      this.verifier = new ECDSAVerifier(key.toPublicJWK());
    } catch (JOSEException e) {
      throw new IllegalStateException("unusable token signing key", e);
    }
    this.clock = clock;
    this.ttl = ttl;
    this.service = service;
  }

  public Duration ttl() {
    return ttl;
  }

  public String service() {
    return service;
  }

  /** An access token for {@code subject} (null: anonymous) granting {@code grant}. */
  public Issued access(String subject, TokenGrant grant) {
    List<Map<String, Object>> access = new ArrayList<>();
    for (Scope s : grant.scopes()) {
      Map<String, Object> entry = new java.util.LinkedHashMap<>();
      entry.put("type", s.type());
      entry.put("name", s.name());
      entry.put("actions", List.copyOf(s.actions()));
      access.add(entry);
    }
    return sign(subject, "access", ttl, b -> b.claim("access", access));
  }

  /** A refresh token for {@code subject} (a user or robot; never anonymous). */
  public Issued refresh(String subject) {
    return sign(subject, "refresh", REFRESH_TTL, b -> b);
  }

  public Optional<Verified> verifyAccess(String token) {
    return verify(token, "access");
  }

  public Optional<Verified> verifyRefresh(String token) {
    return verify(token, "refresh").filter(v -> v.subject() != null);
  }

  private Issued sign(String subject, String use, Duration lifetime,
      java.util.function.UnaryOperator<JWTClaimsSet.Builder> extra) {
    Instant now = clock.instant();
    JWTClaimsSet.Builder b = new JWTClaimsSet.Builder().issuer(ISSUER).subject(subject).audience(service)
        .issueTime(Date.from(now)).notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plus(lifetime)))
        .jwtID(UUID.randomUUID().toString()).claim(USE, use).claim(ISSUED_MS, now.toEpochMilli());
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT)
        .keyID(key.getKeyID()).build(), extra.apply(b).build());
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a token", e);
    }
    return new Issued(jwt.serialize(), now, lifetime);
  }

  private Optional<Verified> verify(String token, String use) {
    try {
      SignedJWT jwt = SignedJWT.parse(token);
      if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
        return Optional.empty();
      }
      JWTClaimsSet c = jwt.getJWTClaimsSet();
      Instant now = clock.instant();
      if (!ISSUER.equals(c.getIssuer()) || c.getAudience() == null || !c.getAudience().contains(service)
          || !use.equals(c.getStringClaim(USE)) || c.getExpirationTime() == null
          || !now.isBefore(c.getExpirationTime().toInstant())
          || c.getNotBeforeTime() != null && now.isBefore(c.getNotBeforeTime().toInstant())) {
        return Optional.empty();
      }
      return Optional.of(new Verified(c.getSubject(), grant(c), issuedAt(c)));
    } catch (ParseException | JOSEException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The millisecond issue time, or for tokens without it the start of the {@code iat} second (the safe side). */
  private static Instant issuedAt(JWTClaimsSet c) throws ParseException {
    Long ms = c.getLongClaim(ISSUED_MS);
    Instant iat = c.getIssueTime().toInstant();
    if (ms == null || Math.abs(ms - iat.toEpochMilli()) >= 1000) {
      return iat;
    }
    return Instant.ofEpochMilli(ms);
  }

  private static TokenGrant grant(JWTClaimsSet c) throws ParseException {
    List<Scope> scopes = new ArrayList<>();
    Object access = c.getClaim("access");
    if (access instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof Map<?, ?> m && m.get("type") instanceof String t && m.get("name") instanceof String n
            && m.get("actions") instanceof List<?> actions) {
          scopes.add(new Scope(t, n, new java.util.LinkedHashSet<>(actions.stream().map(String::valueOf).toList())));
        }
      }
    }
    return TokenGrant.of(scopes);
  }
}
