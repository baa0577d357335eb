package dev.signet.registry.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns presented credentials into a {@link Principal}: user passwords (Argon2id), robot tokens (SHA-256,
 * constant-time), and the registry's bearer tokens (whose subject must still be an active account). A
 * successful password check is remembered for a minute under an HMAC of the credentials with a per-process
 * key (never the password itself), so clients that send basic auth on every request are not slowed down;
 * a password change ends that at once.
 */
public final class Credentials {
  private static final Duration REMEMBER = Duration.ofMinutes(1);
  private static final int MAX_REMEMBERED = 10_000;

  private record Remembered(String passwordHash, Instant until) {}

  private final UserStore users;
  private final RobotStore robots;
  private final PasswordHasher hasher;
  private final TokenIssuer tokens;
  private final Clock clock;
  private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();
  private final byte[] cacheKey = new byte[32];

  Credentials(UserStore users, RobotStore robots, PasswordHasher hasher, TokenIssuer tokens, Clock clock) {
    this.users = users;
    this.robots = robots;
    this.hasher = hasher;
    this.tokens = tokens;
    this.clock = clock;
    new SecureRandom().nextBytes(cacheKey);
  }

  /** The account a user name (or robot login) and password (or robot token) stand for. */
  public Optional<Principal> basic(String name, String secret) {
    if (name == null || secret == null || name.isEmpty()) {
      return Optional.empty();
    }
    Optional<String[]> robot = AccountNames.parse(name);
    if (robot.isPresent()) {
      Optional<RobotStore.Robot> r = robots.get(robot.get()[0], robot.get()[1]);
      boolean ok = Secrets.matchesHash(secret, r.map(RobotStore.Robot::tokenHash).orElse(null));
      return r.filter(x -> ok && x.active()).map(x -> Principal.robot(x.project(), x.name(), x.role()));
    }
    Optional<UserStore.User> user = users.get(name);
    if (user.isEmpty()) {
      hasher.burn(secret.toCharArray());
      return Optional.empty();
    }
    String key = cacheKey(name, secret);
    Remembered seen = remembered.get(key);
    Instant now = clock.instant();
    boolean ok = seen != null && seen.passwordHash().equals(user.get().passwordHash()) && now.isBefore(seen.until());
    if (!ok) {
      ok = hasher.verify(secret.toCharArray(), user.get().passwordHash());
      if (ok) {
        if (remembered.size() > MAX_REMEMBERED) {
          remembered.clear();
        }
        remembered.put(key, new Remembered(user.get().passwordHash(), now.plus(REMEMBER)));
      }
    }
    return ok ? Optional.of(Principal.user(name, user.get().systemAdmin())) : Optional.empty();
  }

  /** The principal of a registry access token, restricted to its grant; empty when invalid or the account is gone. */
  public Optional<Principal> bearer(String token) {
    return tokens.verifyAccess(token).flatMap(v -> (v.subject() == null ? Optional.of(Principal.ANONYMOUS)
        : account(v.subject(), v.issuedAt())).map(p -> p.withToken(v.grant())));
  }

  /**
   * The current account named {@code subject}; refused when the user's password changed, or the robot was
   * (re-)created, after {@code issuedAt} — compared to the millisecond, so a token from earlier in the same
   * second dies too.
   */
  public Optional<Principal> account(String subject, Instant issuedAt) {
    Optional<String[]> robot = AccountNames.parse(subject);
    if (robot.isPresent()) {
      return robots.get(robot.get()[0], robot.get()[1]).filter(RobotStore.Robot::active)
          .filter(r -> !issuedAt.isBefore(r.created()))
          .map(r -> Principal.robot(r.project(), r.name(), r.role()));
    }
    return users.get(subject)
        .filter(u -> !issuedAt.isBefore(u.passwordChanged()))
        .map(u -> Principal.user(u.name(), u.systemAdmin()));
  }

  /** Forgets remembered password checks (after a password change or user deletion). */
  public void forget() {
    remembered.clear();
  }

  private String cacheKey(String name, String secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(cacheKey, "HmacSHA256"));
      mac.update(name.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      return Base64.getEncoder().encodeToString(mac.doFinal(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
