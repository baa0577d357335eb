package dev.signet.sigstore.ca.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.signet.sigstore.ca.OidcProvider;
import dev.signet.sigstore.ca.oidc.TokenRejectedException.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Token verification against a real OIDC provider (mock-oauth2-server: discovery, JWKS, RS256 tokens). */
class TokenVerifierTest {
  private static OidcProvider oidc;

  @BeforeAll
  static void start() {
    oidc = new OidcProvider();
  }

  @AfterAll
  static void stop() {
    oidc.close();
  }

  private static TokenVerifier verifier(Clock clock) {
    return new TokenVerifier(oidc.issuers(), HttpFetcher.defaultClient(), clock);
  }

  private static Reason rejected(TokenVerifier v, String token) {
    return assertThrows(TokenRejectedException.class, () -> v.verify(token)).reason();
  }

  @Test
  void acceptsAFreshTokenAndReturnsItsClaims() throws Exception {
    VerifiedToken t = verifier(Clock.systemUTC()).verify(oidc.emailToken("alice@signet.test"));
    assertEquals(oidc.issuer("email"), t.issuer().issuerUrl());
    assertEquals("alice@signet.test", t.claims().getStringClaim("email"));
  }

  @Test
  void badInputTable() throws Exception {
    TokenVerifier now = verifier(Clock.systemUTC());
    String good = oidc.emailToken("alice@signet.test");
    assertEquals(Reason.EXPIRED, rejected(verifier(Clock.offset(Clock.systemUTC(), Duration.ofHours(2))), good));
    assertEquals(Reason.EXPIRED, rejected(now, oidc.token("email", "u", "sigstore",
        Map.of("email", "a@b.test", "email_verified", true), -600)));
    // the provider sets nbf = iat: a verifier 5 minutes behind sees a token that is not valid yet
    assertEquals(Reason.NOT_YET_VALID, rejected(verifier(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-5))), good));
    assertEquals(Reason.WRONG_AUDIENCE, rejected(now, oidc.token("email", "u", "other-client",
        Map.of("email", "a@b.test", "email_verified", true), 600)));
    assertEquals(Reason.UNKNOWN_ISSUER, rejected(now, oidc.token("rogue", "u", Map.of())));
    assertEquals(Reason.MALFORMED, rejected(now, "not-a-jwt"));
    assertEquals(Reason.MALFORMED, rejected(now, ""));
    assertEquals(Reason.BAD_SIGNATURE, rejected(now, tamperedPayload(good)));
    assertEquals(Reason.UNKNOWN_KEY, rejected(now, selfSigned(oidc.issuer("email"), "made-up-kid")));
    assertEquals(Reason.UNSUPPORTED_ALGORITHM, rejected(now, unsigned(oidc.issuer("email"))));
  }

  @Test
  void issuedInTheFutureWithoutNbfIsRefused() throws Exception {
    // the provider always sets nbf; this token (iat only) comes from an issuer whose JWKS the fetcher serves
    RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
    String iss = "https://own.signet.test";
    HttpFetcher own = uri -> (uri.getPath().endsWith("openid-configuration")
        ? "{\"issuer\":\"" + iss + "\",\"jwks_uri\":\"" + iss + "/jwks\"}"
        : "{\"keys\":[" + key.toPublicJWK().toJSONString() + "]}").getBytes(StandardCharsets.UTF_8);
    JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(iss).subject("u").audience("sigstore")
        .issueTime(Date.from(Instant.now().plusSeconds(600))).expirationTime(Date.from(Instant.now().plusSeconds(1200))).build();
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(), claims);
    jwt.sign(new RSASSASigner(key));
    TokenVerifier v = new TokenVerifier(List.of(OidcIssuer.of(iss, IssuerType.EMAIL)), own, Clock.systemUTC());
    assertEquals(Reason.ISSUED_IN_FUTURE, rejected(v, jwt.serialize()));
  }

  @Test
  void messagesNameTheProblem() {
    TokenVerifier v = verifier(Clock.offset(Clock.systemUTC(), Duration.ofHours(2)));
    TokenRejectedException e = assertThrows(TokenRejectedException.class,
        () -> v.verify(oidc.emailToken("alice@signet.test")));
    assertTrue(e.getMessage().contains("expired at"), e.getMessage());
    assertTrue(e.getMessage().contains(oidc.issuer("email")), e.getMessage());
    assertEquals(401, e.kind().httpStatus());
    TokenRejectedException aud = assertThrows(TokenRejectedException.class, () -> verifier(Clock.systemUTC())
        .verify(oidc.token("email", "u", "other-client", Map.of(), 600)));
    assertTrue(aud.getMessage().contains("expected 'sigstore'"), aud.getMessage());
  }

  @Test
  void clockSkewIsTolerated() throws Exception {
    String token = oidc.token("email", "u", "sigstore", Map.of("email", "a@b.test", "email_verified", true), 60);
    // 90 s later: expired 30 s ago, inside the default 60 s skew
    verifier(Clock.offset(Clock.systemUTC(), Duration.ofSeconds(90))).verify(token);
    TokenVerifier strict = new TokenVerifier(oidc.issuers(), HttpFetcher.defaultClient(),
        Clock.offset(Clock.systemUTC(), Duration.ofSeconds(90)), Duration.ZERO);
    assertEquals(Reason.EXPIRED, rejected(strict, token));
  }

  @Test
  void unknownKidRefetchesTheJwksAtMostOncePerInterval() throws Exception {
    AtomicInteger jwksFetches = new AtomicInteger();
    HttpFetcher real = HttpFetcher.defaultClient();
    HttpFetcher counting = uri -> {
      if (!uri.getPath().endsWith("openid-configuration")) {
        jwksFetches.incrementAndGet();
      }
      return real.get(uri);
    };
    MutableClock clock = new MutableClock(Instant.now());
    TokenVerifier v = new TokenVerifier(oidc.issuers(), counting, clock);
    v.verify(oidc.emailToken("alice@signet.test"));
    assertEquals(1, jwksFetches.get());
    v.verify(oidc.emailToken("bob@signet.test"));
    assertEquals(1, jwksFetches.get(), "a known kid is served from the cache");
    for (int i = 0; i < 5; i++) {
      assertEquals(Reason.UNKNOWN_KEY, rejected(v, selfSigned(oidc.issuer("email"), "kid-" + i)));
    }
    assertEquals(1, jwksFetches.get(), "unknown kids within 30 s of the last fetch do not refetch");
    clock.advance(Duration.ofSeconds(31));
    assertEquals(Reason.UNKNOWN_KEY, rejected(v, selfSigned(oidc.issuer("email"), "kid-x")));
    assertEquals(2, jwksFetches.get(), "after the interval an unknown kid refetches once");
  }

  @Test
  void unreachableProviderIsUnavailableNotUnauthenticated() {
    OidcIssuer dead = OidcIssuer.of("http://127.0.0.1:9/dead", IssuerType.EMAIL);
    TokenVerifier v = new TokenVerifier(List.of(dead), HttpFetcher.defaultClient(), Clock.systemUTC());
    TokenRejectedException e = assertThrows(TokenRejectedException.class,
        () -> v.verify(selfSigned(dead.issuerUrl(), "k")));
    assertEquals(Reason.PROVIDER_UNAVAILABLE, e.reason());
    assertEquals(503, e.kind().httpStatus());
  }

  @Test
  void discoveryMustNameTheConfiguredIssuer() {
    String email = oidc.issuer("email");
    HttpFetcher lying = uri -> uri.getPath().endsWith("openid-configuration")
        ? ("{\"issuer\":\"https://elsewhere.test\",\"jwks_uri\":\"" + email + "/jwks\"}").getBytes(StandardCharsets.UTF_8)
        : HttpFetcher.defaultClient().get(uri);
    TokenVerifier v = new TokenVerifier(oidc.issuers(), lying, Clock.systemUTC());
    TokenRejectedException e = assertThrows(TokenRejectedException.class,
        () -> v.verify(oidc.emailToken("alice@signet.test")));
    assertEquals(Reason.PROVIDER_UNAVAILABLE, e.reason());
    assertTrue(e.getMessage().contains("https://elsewhere.test"), e.getMessage());
  }

  /** The token with one payload byte changed (email replaced), signature kept. */
  static String tamperedPayload(String token) {
    String[] p = token.split("\\.");
    String payload = new String(Base64.getUrlDecoder().decode(p[1]), StandardCharsets.UTF_8)
        .replace("alice@signet.test", "mallory@signet.test");
    return p[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
        + "." + p[2];
  }

  /** A well-formed RS256 token for {@code issuer} signed by a key the issuer never published. */
  static String selfSigned(String issuer, String kid) throws Exception {
    RSAKey key = new RSAKeyGenerator(2048).keyID(kid).generate();
    JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer).subject("u").audience("sigstore")
        .claim("email", "alice@signet.test").claim("email_verified", true)
        .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(600))).build();
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).type(JOSEObjectType.JWT).build(), claims);
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }

  /** An {@code alg: none}-style token with an HS256 header and a junk signature. */
  static String unsigned(String issuer) {
    Base64.Encoder b = Base64.getUrlEncoder().withoutPadding();
    String header = b.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    String body = b.encodeToString(("{\"iss\":\"" + issuer + "\",\"sub\":\"u\",\"aud\":\"sigstore\",\"exp\":"
        + (Instant.now().getEpochSecond() + 600) + "}").getBytes(StandardCharsets.UTF_8));
    return header + "." + body + "." + b.encodeToString("junk".getBytes(StandardCharsets.UTF_8));
  }

  static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
