package dev.signet.registry.server.auth;

import static dev.signet.registry.server.auth.AuthFixture.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.registry.server.testkit.MutableClock;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 finding 6: repeated wrong passwords are slowed down — per account and per source address —
 * with an exponential backoff answered 429 with {@code Retry-After}, during which even the right password
 * is not checked; the backoff ends with time, and a success clears the account's count.
 */
class LoginRateLimitTest {
  private static final String PW = "alice-password";
  /** Wrong passwords an account may have in a row before the backoff starts. */
  private static final int FREE_PER_ACCOUNT = 5;
  /** Wrong passwords one source address may have (any accounts) before the backoff starts. */
  private static final int FREE_PER_ADDRESS = 20;

  @TempDir Path data;
  final MutableClock clock = new MutableClock(Instant.parse("2026-04-01T12:00:00Z"));
  AuthFixture fx;

  @BeforeEach
  void start() {
    fx = AuthFixture.start(data, clock);
    fx.project("own", false);
    fx.user("alice", PW);
    fx.member("own", "alice", "pull");
    fx.seedImage("own/app", "v1");
  }

  @AfterEach
  void stop() {
    fx.close();
  }

  private HttpResponse<byte[]> pull(String user, String password) {
    return fx.send("GET", "/v2/own/app/manifests/v1", null, basic(user, password));
  }

  @Test
  void wrongPasswordsForOneAccount_backOffExponentially_andTheRightOneIsNotCheckedMeanwhile() {
    for (int i = 0; i < FREE_PER_ACCOUNT; i++) {
      assertThat(pull("alice", "guess-" + i).statusCode()).isEqualTo(401);
    }
    HttpResponse<byte[]> throttled = pull("alice", PW);
    assertThat(throttled.statusCode()).as(AuthFixture.text(throttled)).isEqualTo(429);
    assertThat(AuthFixture.text(throttled)).contains("TOOMANYREQUESTS");
    long first = Long.parseLong(throttled.headers().firstValue("Retry-After").orElseThrow());
    assertThat(first).isPositive();
    // the token endpoint and the admin API are the same door
    assertThat(fx.tokenResponse(basic("alice", PW), "repository:own/app:pull").statusCode()).isEqualTo(429);
    assertThat(fx.api("GET", "/projects", null, "alice", PW).statusCode()).isEqualTo(429);
    assertThat(fx.audit(20)).anySatisfy(e -> {
      assertThat(e.get("action").asText()).isEqualTo("login");
      assertThat(e.get("detail").asText()).contains("throttled");
    });

    clock.advance(Duration.ofSeconds(first));
    assertThat(pull("alice", "one-more-guess").statusCode()).isEqualTo(401);
    HttpResponse<byte[]> longer = pull("alice", PW);
    assertThat(longer.statusCode()).isEqualTo(429);
    assertThat(Long.parseLong(longer.headers().firstValue("Retry-After").orElseThrow())).isGreaterThan(first);

    clock.advance(Duration.ofHours(1));
    assertThat(pull("alice", PW).statusCode()).isEqualTo(200);
    assertThat(pull("alice", "after-success").statusCode()).as("a success clears the count").isEqualTo(401);
    assertThat(pull("alice", PW).statusCode()).isEqualTo(200);
  }

  @Test
  void oneSourceGuessingManyAccounts_isThrottledToo() {
    int i = 0;
    HttpResponse<byte[]> last = null;
    for (; i < FREE_PER_ADDRESS + 1; i++) {
      last = pull("nobody-" + i, "guess");
    }
    assertThat(last.statusCode()).isEqualTo(429);
    assertThat(pull("alice", PW).statusCode()).as("the whole address waits").isEqualTo(429);
    clock.advance(Duration.ofHours(1));
    assertThat(pull("alice", PW).statusCode()).isEqualTo(200);
  }
}
