package dev.signet.registry.server.auth;

import static dev.signet.registry.server.auth.AuthFixture.assertError;
import static dev.signet.registry.server.auth.AuthFixture.basic;
import static dev.signet.registry.server.auth.AuthFixture.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.registry.server.testkit.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 finding 6: a token issued in the same second as, but before, a robot's revoke and re-create
 * (or a password change) dies with it — revocation is compared at millisecond precision — while a token
 * issued after it works.
 */
class RevocationPrecisionTest {
  @TempDir Path data;
  final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00.100Z"));
  AuthFixture fx;

  @BeforeEach
  void start() {
    fx = AuthFixture.start(data, clock);
    fx.project("own", false);
    fx.seedImage("own/app", "v1");
  }

  @AfterEach
  void stop() {
    fx.close();
  }

  @Test
  void aRobotTokenFromEarlierInTheSameSecond_diesWithTheRevokeAndRecreate() {
    String login = AccountNames.account("own", "ci");
    String secret = fx.robot("own", "ci", "pull");
    clock.advance(Duration.ofMillis(100));
    String old = fx.token(basic(login, secret), "repository:own/app:pull");
    assertThat(fx.send("GET", "/v2/own/app/manifests/v1", null, bearer(old)).statusCode()).isEqualTo(200);

    clock.advance(Duration.ofMillis(400)); // still 10:00:00
    fx.admin("DELETE", "/projects/own/robots/ci", null);
    String again = fx.robot("own", "ci", "pull");
    assertError(fx.send("GET", "/v2/own/app/manifests/v1", null, bearer(old)), 401, "UNAUTHORIZED");

    clock.advance(Duration.ofMillis(1));
    String fresh = fx.token(basic(login, again), "repository:own/app:pull");
    assertThat(fx.send("GET", "/v2/own/app/manifests/v1", null, bearer(fresh)).statusCode()).isEqualTo(200);
  }

  @Test
  void aUserTokenFromEarlierInTheSameSecond_diesWithThePasswordChange() {
    fx.user("alice", "first-password");
    fx.member("own", "alice", "pull");
    clock.advance(Duration.ofMillis(100));
    String old = fx.token(basic("alice", "first-password"), "repository:own/app:pull");
    clock.advance(Duration.ofMillis(300));
    fx.admin("PUT", "/users/alice/password", Map.of("password", "second-password"));
    assertError(fx.send("GET", "/v2/own/app/manifests/v1", null, bearer(old)), 401, "UNAUTHORIZED");

    clock.advance(Duration.ofMillis(1));
    String fresh = fx.token(basic("alice", "second-password"), "repository:own/app:pull");
    assertThat(fx.send("GET", "/v2/own/app/manifests/v1", null, bearer(fresh)).statusCode()).isEqualTo(200);
  }
}
