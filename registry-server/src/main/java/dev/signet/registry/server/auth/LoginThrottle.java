package dev.signet.registry.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing down: after {@link #FREE_PER_ACCOUNT} wrong passwords in a row for one account,
 * or {@link #FREE_PER_ADDRESS} from one source address (any accounts), further attempts are refused
 * without checking the password for an exponentially growing time (1 s, 2 s, 4 s, … capped at
 * {@link #MAX_ACCOUNT_WAIT} per account and {@link #MAX_ADDRESS_WAIT} per address). A success clears the
 * account's count (not the address's: one valid account must not reset a guesser's budget). Counts are
 * forgotten after {@link #FORGET} without failures. Memory is bounded: past {@link #MAX_ENTRIES} tracked
 * keys, forgotten ones are pruned and, if that is not enough, the oldest half goes.
 */
public final class LoginThrottle {
  public static final int FREE_PER_ACCOUNT = 5;
  public static final int FREE_PER_ADDRESS = 20;
  static final Duration FIRST_WAIT = Duration.ofSeconds(1);
  static final Duration MAX_ACCOUNT_WAIT = Duration.ofMinutes(5);
  static final Duration MAX_ADDRESS_WAIT = Duration.ofMinutes(15);
  static final Duration FORGET = Duration.ofMinutes(30);
  static final int MAX_ENTRIES = 100_000;

  /** A refused attempt: how long to wait, and whether it is the first refusal of this wait (to audit once). */
  public record Refusal(Duration retryAfter, boolean first, String reason) {}

  private record State(int failures, Instant lastFailure, Instant until, boolean refused) {}

  private final Map<String, State> accounts = new ConcurrentHashMap<>();
  private final Map<String, State> addresses = new ConcurrentHashMap<>();
  private final Clock clock;

  public LoginThrottle(Clock clock) {
    this.clock = clock;
  }

  /** Empty when {@code account} from {@code address} may try a password now. */
  public Optional<Refusal> check(String account, String address) {
    Instant now = clock.instant();
    Optional<Refusal> byAccount = refuse(accounts, account, now, "too many wrong passwords for this account");
    return byAccount.isPresent() ? byAccount : refuse(addresses, address, now, "too many wrong passwords from this address");
  }

  public void failed(String account, String address) {
    Instant now = clock.instant();
    count(accounts, account, now, FREE_PER_ACCOUNT, MAX_ACCOUNT_WAIT);
    count(addresses, address, now, FREE_PER_ADDRESS, MAX_ADDRESS_WAIT);
  }

  public void succeeded(String account) {
    if (account != null) {
      accounts.remove(account);
    }
  }

  private static Optional<Refusal> refuse(Map<String, State> states, String key, Instant now, String reason) {
    if (key == null) {
      return Optional.empty();
    }
    State s = states.get(key);
    if (s == null || !now.isBefore(s.until())) {
      return Optional.empty();
    }
    boolean first = !s.refused();
    if (first) {
      states.computeIfPresent(key, (k, v) -> new State(v.failures(), v.lastFailure(), v.until(), true));
    }
    return Optional.of(new Refusal(Duration.between(now, s.until()), first, reason));
  }

  private static void count(Map<String, State> states, String key, Instant now, int free, Duration max) {
    if (key == null) {
      return;
    }
    if (states.size() >= MAX_ENTRIES) {
      prune(states, now);
    }
    states.compute(key, (k, s) -> {
      int failures = s == null || now.isAfter(s.lastFailure().plus(FORGET)) ? 1 : s.failures() + 1;
      Instant until = failures < free ? now : now.plus(wait(failures - free, max));
      return new State(failures, now, until, false);
    });
  }

  private static Duration wait(int doublings, Duration max) {
    if (doublings >= 30) {
      return max;
    }
    Duration d = FIRST_WAIT.multipliedBy(1L << doublings);
    return d.compareTo(max) > 0 ? max : d;
  }

  private static void prune(Map<String, State> states, Instant now) {
    states.values().removeIf(s -> now.isAfter(s.lastFailure().plus(FORGET)));
    if (states.size() >= MAX_ENTRIES) {
      Instant median = states.values().stream().map(State::lastFailure).sorted().skip(states.size() / 2L)
          .findFirst().orElse(now);
      states.values().removeIf(s -> s.lastFailure().isBefore(median));
    }
  }
}
