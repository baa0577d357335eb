package dev.signet.sigstore.ca.oidc;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.sigstore.ca.oidc.TokenRejectedException.Reason;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One issuer's signing keys: the discovery document ({@code /.well-known/openid-configuration}, whose
 * {@code issuer} must equal the configured URL) names the JWKS, which is cached. A token whose
 * {@code kid} is not in the cache triggers one refetch, at most once per {@code minRefetch} (so a
 * flood of tokens with made-up key IDs cannot hammer the provider); the cache is also refreshed after
 * {@code maxAge}. Thread-safe.
 */
public final class IssuerKeys {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String issuerUrl;
  private final HttpFetcher fetcher;
  private final Clock clock;
  private final Duration minRefetch;
  private final Duration maxAge;
  private JWKSet keys;
  private Instant fetchedAt = Instant.MIN;
  private Instant lastAttempt = Instant.MIN;

  public IssuerKeys(String issuerUrl, HttpFetcher fetcher, Clock clock, Duration minRefetch, Duration maxAge) {
    this.issuerUrl = issuerUrl;
    this.fetcher = fetcher;
    this.clock = clock;
    this.minRefetch = minRefetch;
    this.maxAge = maxAge;
  }

  /**
   * The keys that may have signed a token with key ID {@code kid} (all keys when {@code kid} is null).
   *
   * @return possibly empty when no key matches even after a refetch
   * @throws TokenRejectedException ({@link Reason#PROVIDER_UNAVAILABLE}) when no JWKS could ever be fetched
   */
  public synchronized List<JWK> candidates(String kid) throws TokenRejectedException {
    Instant now = clock.instant();
    boolean stale = keys == null || now.isAfter(fetchedAt.plus(maxAge));
    if (stale || (matching(kid).isEmpty() && !now.isBefore(lastAttempt.plus(minRefetch)))) {
      refresh(now);
    }
    return matching(kid);
  }

  private List<JWK> matching(String kid) {
    if (keys == null) {
      return List.of();
    }
    return kid == null ? keys.getKeys() : keys.getKeys().stream().filter(k -> kid.equals(k.getKeyID())).toList();
  }

  private void refresh(Instant now) throws TokenRejectedException {
    if (keys != null && now.isBefore(lastAttempt.plus(minRefetch))) {
      return;
    }
    lastAttempt = now;
    try {
      URI discovery = URI.create(issuerUrl.replaceAll("/+$", "") + "/.well-known/openid-configuration");
      JsonNode doc = JSON.readTree(fetcher.get(discovery));
      if (!issuerUrl.equals(doc.path("issuer").asText())) {
        throw new IOException("discovery document " + discovery + " names issuer '" + doc.path("issuer").asText()
            + "', expected '" + issuerUrl + "'");
      }
      String jwksUri = doc.path("jwks_uri").asText("");
      if (jwksUri.isEmpty()) {
        throw new IOException("discovery document " + discovery + " has no jwks_uri");
      }
      keys = JWKSet.parse(new String(fetcher.get(URI.create(jwksUri)), StandardCharsets.UTF_8));
      fetchedAt = now;
    } catch (IOException | ParseException | IllegalArgumentException e) {
      if (keys == null) {
        throw new TokenRejectedException(Reason.PROVIDER_UNAVAILABLE,
            "cannot fetch the signing keys of OIDC issuer " + issuerUrl + ": " + e.getMessage(), e);
      }
      // keep serving the previous keys; the next attempt waits minRefetch
    }
  }
}
