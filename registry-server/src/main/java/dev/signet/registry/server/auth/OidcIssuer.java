package dev.signet.registry.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The registry as an OpenID Connect issuer for its own accounts and robots: short-lived ES256 ID tokens
 * ({@code sub} = account name, {@code aud} default {@value #DEFAULT_AUDIENCE}) signed with a key kept in
 * {@code <data>/}{@value #KEY_FILE} (0600, separate from the registry's access-token key). {@link #rotate()}
 * replaces it; the previous key stays published in the JWKS so tokens signed just before still verify.
 */
public final class OidcIssuer {
  public static final String KEY_FILE = "oidc-signing-key.jwk";
  public static final String PREVIOUS_KEY_FILE = "oidc-signing-key.previous.jwk";
  public static final String DEFAULT_AUDIENCE = "sigstore";
  public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);

  private final Path dataDir;
  private final Clock clock;
  private final Duration ttl;
  private volatile ECKey current;
  private volatile ECKey previous;

  OidcIssuer(Path dataDir, Clock clock, Duration ttl) {
    this.dataDir = dataDir;
    this.clock = clock;
    this.ttl = ttl;
    this.current = SigningKeyFile.loadOrCreate(dataDir, KEY_FILE);
    this.previous = readPrevious();
  }

  /** A signed ID token for {@code who} (an authenticated user or robot) issued by {@code issuer}. */
  public String idToken(Principal who, String issuer, String audience) {
    if (who == null || who.isAnonymous()) {
      throw new IllegalArgumentException("ID tokens are issued to accounts only");
    }
    Instant now = clock.instant();
    ECKey key = current;
    JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(issuer).subject(who.name())
        .audience(audience == null || audience.isEmpty() ? DEFAULT_AUDIENCE : audience)
        .issueTime(Date.from(now)).notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plus(ttl)))
        .jwtID(UUID.randomUUID().toString())
        .claim("signet_account_type", who.kind() == Principal.Kind.ROBOT ? "robot" : "user");
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID())
          .type(JOSEObjectType.JWT).build(), claims.build());
      jwt.sign(new ECDSASigner(key));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign an ID token", e);
    }
  }

  public Duration ttl() {
    return ttl;
  }

  /** The public keys (current first, then the previous one) as a JWK set. */
  public Map<String, Object> jwks() {
    List<com.nimbusds.jose.jwk.JWK> keys = new ArrayList<>();
    keys.add(current.toPublicJWK());
    ECKey p = previous;
    if (p != null) {
      keys.add(p.toPublicJWK());
    }
    return new JWKSet(keys).toJSONObject(true);
  }

  /** Generates a new signing key; the current one becomes the previous one (still in the JWKS). */
  public synchronized void rotate() {
    Path file = dataDir.resolve(KEY_FILE);
    Path prev = dataDir.resolve(PREVIOUS_KEY_FILE);
    try {
      Files.move(file, prev, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot rotate the OIDC signing key " + file, e);
    }
    ECKey old = current;
    current = SigningKeyFile.loadOrCreate(dataDir, KEY_FILE);
    previous = old;
  }

  private ECKey readPrevious() {
    Path prev = dataDir.resolve(PREVIOUS_KEY_FILE);
    if (!Files.exists(prev)) {
      return null;
    }
    try {
      return ECKey.parse(Files.readString(prev));
    } catch (IOException | ParseException e) {
      throw new IllegalStateException("the previous OIDC signing key " + prev + " is not a usable EC JWK", e);
    }
  }
}
