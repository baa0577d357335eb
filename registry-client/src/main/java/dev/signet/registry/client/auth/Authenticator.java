package dev.signet.registry.client.auth;

import dev.signet.registry.client.RegistryException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers registry {@code 401} challenges and remembers the outcome. {@code Basic} → the registry's
 * basic credential; {@code Bearer realm,service,scope} → a token from the realm (with basic credentials
 * or an identity token if the registry has any, anonymously otherwise), cached per (registry, scope)
 * until shortly before it expires. Once a registry's challenge is known, later requests are authorized
 * up front. Concurrent calls for the same scope wait for one token fetch and share the token.
 * Thread-safe. Never logs or exposes credentials.
 */
public final class Authenticator {
  private final CredentialProvider credentials;
  private final TokenFetcher fetcher;
  private final Map<String, Challenge> challenges = new ConcurrentHashMap<>();
  private final Map<String, Optional<Credential>> credentialCache = new ConcurrentHashMap<>();
  private final Map<String, TokenSlot> tokens = new ConcurrentHashMap<>();

  /**
   * @param clients the HTTP client to reach a token realm with (by realm URI)
   */
  public Authenticator(CredentialProvider credentials, java.util.function.Function<URI, HttpClient> clients,
      String userAgent, Duration timeout) {
    this.credentials = credentials;
    this.fetcher = new TokenFetcher(clients, userAgent, timeout);
  }

  /** The {@code Authorization} header to send up front, once this registry's challenge is known. */
  public Optional<String> authorization(String registry, AuthScope scope, String action) throws RegistryException {
    Challenge known = challenges.get(registry);
    return known == null ? Optional.empty() : authorize(registry, known, scope, action, null);
  }

  /**
   * Handles a {@code 401}: the {@code Authorization} header to retry with, or empty when there is nothing
   * new to offer (no usable challenge, no credentials for basic, or the same header was just rejected).
   *
   * @param rejected the {@code Authorization} header the rejected request carried, or null
   */
  public Optional<String> respond(String registry, AuthScope scope, List<String> wwwAuthenticate, String rejected,
      String action) throws RegistryException {
    Challenge challenge = pick(Challenge.parseAll(wwwAuthenticate));
    if (challenge == null) {
      return Optional.empty();
    }
    challenges.put(registry, challenge);
    AuthScope effective = challenge.param("scope").map(scope::withChallengeScopes).orElse(scope);
    return authorize(registry, challenge, effective, action, rejected).filter(h -> !h.equals(rejected));
  }

  /** Forgets cached tokens and challenges (e.g. after a credential change). */
  public void reset() {
    challenges.clear();
    credentialCache.clear();
    tokens.clear();
  }

  private Optional<String> authorize(String registry, Challenge challenge, AuthScope scope, String action,
      String rejected) throws RegistryException {
    Optional<Credential> credential = credential(registry, action);
    if (challenge.isBasic()) {
      return credential.filter(c -> !c.isIdentityToken()).map(Credential::basicAuthorization);
    }
    String key = scope.key();
    if (rejected == null && key.startsWith("repository:") && key.endsWith(":pull") && !key.contains(" ")) {
      // a pull,push token for the repository serves its reads too: one token per repository when signing
      TokenSlot push = tokens.get(registry + " " + key + ",push");
      String reuse = push == null ? null : push.peek();
      if (reuse != null) {
        return Optional.of(reuse);
      }
    }
    TokenSlot slot = tokens.computeIfAbsent(registry + " " + key, k -> new TokenSlot());
    return Optional.of(slot.get(rejected, () -> fetcher.fetch(challenge, scope, credential.orElse(null), action)));
  }

  private Optional<Credential> credential(String registry, String action) throws RegistryException {
    Optional<Credential> cached = credentialCache.get(registry);
    if (cached != null) {
      return cached;
    }
    try {
      Optional<Credential> found = credentials.credentialFor(registry);
      credentialCache.put(registry, found);
      return found;
    } catch (CredentialException e) {
      throw new RegistryException(action, "cannot read credentials for " + registry + ": " + e.getMessage(), 0,
          List.of(), e);
    }
  }

  private static Challenge pick(List<Challenge> all) {
    return all.stream().filter(Challenge::isBearer).findFirst()
        .orElseGet(() -> all.stream().filter(Challenge::isBasic).findFirst().orElse(null));
  }

  /** One cached token; callers for the same key serialize on it, so only one fetch happens at a time. */
  private static final class TokenSlot {
    private BearerToken token;

    interface Fetch {
      BearerToken get() throws RegistryException;
    }

    /** The cached token's header while it is usable, else null (never fetches). */
    synchronized String peek() {
      return token != null && token.usableAt(Instant.now()) ? token.authorization() : null;
    }

    synchronized String get(String rejected, Fetch fetch) throws RegistryException {
      if (token == null || !token.usableAt(Instant.now()) || token.authorization().equals(rejected)) {
        token = fetch.get();
      }
      return token.authorization();
    }
  }
}
