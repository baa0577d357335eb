package dev.signet.registry.server.auth;

import static dev.signet.registry.server.auth.AuthFixture.assertError;
import static dev.signet.registry.server.auth.AuthFixture.basic;
import static dev.signet.registry.server.auth.AuthFixture.bearer;
import static dev.signet.registry.server.auth.AuthFixture.json;
import static dev.signet.registry.server.auth.AuthFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signet.registry.server.testkit.MutableClock;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The token endpoint and bearer tokens: lifetime, scope, revocation, refresh, signature. */
class TokenTest {
  private static final String PW = "alice-password-1";

  @TempDir Path data;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private AuthFixture fx;

  @BeforeEach
  void start() {
    fx = AuthFixture.start(data, clock);
    fx.project("own", false);
    fx.project("pub", true);
    fx.user("alice", PW);
    fx.member("own", "alice", "push");
    fx.seedImage("own/app", "v1");
    fx.seedImage("own/other", "v1");
  }

  @AfterEach
  void stop() {
    fx.close();
  }

  @Test
  void tokensExpireAfterTheirLifetime() {
    String token = fx.token(basic("alice", PW), "repository:own/app:pull");
    assertThat(fx.send("GET", "/v2/own/app/manifests/v1", null, bearer(token)).statusCode()).isEqualTo(200);
    clock.advance(Duration.ofMinutes(5).minusSeconds(1));
    assertThat(fx.send("GET", "/v2/own/app/manifests/v1", null, bearer(token)).statusCode()).isEqualTo(200);
    clock.advance(Duration.ofSeconds(1));
    HttpResponse<byte[]> expired = fx.send("GET", "/v2/own/app/manifests/v1", null, bearer(token));
    assertError(expired, 401, "UNAUTHORIZED");
    assertThat(expired.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("error=\"invalid_token\"");
    JsonNode answer = json(fx.tokenResponse(basic("alice", PW), "repository:own/app:pull"));
    assertThat(answer.get("expires_in").asLong()).isEqualTo(300);
    assertThat(answer.get("issued_at").asText()).isEqualTo(clock.instant().toString());
  }

  @Test
  void aPullTokenCannotPush_norReachAnotherRepository() {
    String pull = fx.token(basic("alice", PW), "repository:own/app:pull");
    HttpResponse<byte[]> push = fx.pushBlob("own/app", "x".getBytes(StandardCharsets.UTF_8), bearer(pull));
    assertError(push, 401, "UNAUTHORIZED");
    assertThat(push.headers().firstValue("WWW-Authenticate").orElseThrow())
        .contains("scope=\"repository:own/app:pull,push\"", "error=\"insufficient_scope\"");
    assertError(fx.send("GET", "/v2/own/other/manifests/v1", null, bearer(pull)), 401, "UNAUTHORIZED");
    String pushToken = fx.token(basic("alice", PW), "repository:own/app:pull,push");
    assertThat(fx.pushBlob("own/app", "x".getBytes(StandardCharsets.UTF_8), bearer(pushToken)).statusCode())
        .isEqualTo(201);
    // a token never grants more than the account holds: delete is dropped, the push token cannot delete
    JsonNode answer = json(fx.tokenResponse(basic("alice", PW), "repository:own/app:pull,push,delete",
        "repository:secret/app:pull"));
    assertThat(answer.get("scope").asText()).isEqualTo("repository:own/app:pull,push");
    assertThat(access(answer.get("token").asText()).toString())
        .isEqualTo("[{\"type\":\"repository\",\"name\":\"own/app\",\"actions\":[\"pull\",\"push\"]}]");
    assertError(fx.send("DELETE", "/v2/own/app/manifests/v1", null, bearer(answer.get("token").asText())), 403,
        "DENIED");
  }

  @Test
  void anonymousTokensCoverPublicPullsOnly_andOpenTheBaseEndpoint() {
    HttpResponse<byte[]> base = fx.send("GET", "/v2/", null, null);
    assertError(base, 401, "UNAUTHORIZED");
    assertThat(base.headers().firstValue("WWW-Authenticate").orElseThrow())
        .isEqualTo("Bearer realm=\"" + fx.url() + "/auth/token\",service=\"signet\"");
    fx.seedImage("pub/app", "v1");
    JsonNode answer = json(fx.tokenResponse(null, "repository:pub/app:pull,push", "repository:own/app:pull"));
    assertThat(answer.get("scope").asText()).isEqualTo("repository:pub/app:pull");
    String token = answer.get("token").asText();
    assertThat(fx.send("GET", "/v2/", null, bearer(token)).statusCode()).isEqualTo(200);
    assertThat(fx.send("GET", "/v2/pub/app/manifests/v1", null, bearer(token)).statusCode()).isEqualTo(200);
    assertError(fx.send("GET", "/v2/own/app/manifests/v1", null, bearer(token)), 401, "UNAUTHORIZED");
  }

  @Test
  void revokedRobotTokensAreRefused_evenThroughTokensIssuedBefore() {
    String secret = fx.robot("own", "ci", "pull");
    String login = AccountNames.account("own", "ci");
    String jwt = fx.token(basic(login, secret), "repository:own/app:pull");
    assertThat(fx.send("GET", "/v2/own/app/manifests/v1", null, basic(login, secret)).statusCode()).isEqualTo(200);
    assertThat(fx.send("GET", "/v2/own/app/manifests/v1", null, bearer(jwt)).statusCode()).isEqualTo(200);
    fx.admin("DELETE", "/projects/own/robots/ci", null);
    assertError(fx.send("GET", "/v2/own/app/manifests/v1", null, basic(login, secret)), 401, "UNAUTHORIZED");
    assertError(fx.send("GET", "/v2/own/app/manifests/v1", null, bearer(jwt)), 401, "UNAUTHORIZED");
    assertError(fx.tokenResponse(basic(login, secret), "repository:own/app:pull"), 401, "UNAUTHORIZED");
    assertThat(fx.admin("GET", "/projects/own/robots", null).get(0).has("revoked")).isTrue();
  }

  @Test
  void aWrongPasswordIs401_andAudited() {
    HttpResponse<byte[]> r = fx.send("GET", "/v2/own/app/manifests/v1", null, basic("alice", "wrong-password"));
    assertError(r, 401, "UNAUTHORIZED");
    assertError(fx.tokenResponse(basic("alice", "wrong-again"), "repository:own/app:pull"), 401, "UNAUTHORIZED");
    assertThat(fx.audit(10)).filteredOn(e -> e.get("action").asText().equals("login"))
        .hasSize(2).allSatisfy(e -> {
          assertThat(e.get("actor").asText()).isEqualTo("alice");
          assertThat(e.get("outcome").asText()).isEqualTo("denied");
        });
  }

  @Test
  void oauthPasswordAndRefreshGrants_andAPasswordChangeEndsRefreshTokens() {
    String form = "grant_type=password&service=signet&client_id=test&access_type=offline&username=alice&password="
        + PW + "&scope=repository%3Aown%2Fapp%3Apull";
    JsonNode first = json(post(form));
    assertThat(first.get("access_token").asText()).isNotEmpty();
    String refresh = first.get("refresh_token").asText();
    JsonNode second = json(post("grant_type=refresh_token&service=signet&client_id=test&refresh_token=" + refresh
        + "&scope=repository%3Aown%2Fapp%3Apull%2Cpush"));
    assertThat(second.get("scope").asText()).isEqualTo("repository:own/app:pull,push");
    assertThat(fx.send("GET", "/v2/own/app/manifests/v1", null, bearer(second.get("access_token").asText()))
        .statusCode()).isEqualTo(200);
    assertError(post("grant_type=password&username=alice&password=nope"), 401, "UNAUTHORIZED");
    clock.advance(Duration.ofSeconds(2));
    fx.admin("PUT", "/users/alice/password", java.util.Map.of("password", "a-new-password"));
    assertError(post("grant_type=refresh_token&refresh_token=" + refresh), 401, "UNAUTHORIZED");
    assertError(fx.send("GET", "/v2/own/app/manifests/v1", null, bearer(second.get("access_token").asText())), 401,
        "UNAUTHORIZED");
  }

  @Test
  void tamperedTokens_andTokensForAnotherService_areRefused() {
    String token = fx.token(basic("alice", PW), "repository:own/app:pull");
    String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
    assertError(fx.send("GET", "/v2/own/app/manifests/v1", null, bearer(tampered)), 401, "UNAUTHORIZED");
    assertThat(fx.send("GET", "/auth/token?service=other&scope=repository:own/app:pull", null, basic("alice", PW))
        .statusCode()).isEqualTo(400);
  }

  @Test
  void theSigningKeyIsPrivate_andSurvivesARestart_andAuthStaysOnWithoutThePassword() throws Exception {
    Path key = data.resolve("token-signing-key.jwk");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    String token = fx.token(basic("alice", PW), "repository:own/app:pull");
    fx.close();
    try (var server = dev.signet.registry.server.RegistryServer.builder().dataDir(data).port(0).clock(clock).build()
        .start()) {
      assertThat(server.auth().enabled()).isTrue();
      var http = java.net.http.HttpClient.newHttpClient();
      var get = java.net.http.HttpRequest.newBuilder(server.url().resolve("/v2/own/app/manifests/v1"));
      assertThat(http.send(get.build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(401);
      assertThat(http.send(get.header("Authorization", bearer(token)).build(), HttpResponse.BodyHandlers.discarding())
          .statusCode()).isEqualTo(200);
    }
    fx = AuthFixture.start(data, clock);
  }

  @Test
  void theCatalogListsOnlyPullableRepositories() {
    fx.project("other", false);
    fx.seedImage("other/app", "v1");
    fx.seedImage("pub/app", "v1");
    assertError(fx.send("GET", "/v2/_catalog", null, null), 401, "UNAUTHORIZED");
    assertThat(json(fx.send("GET", "/v2/_catalog", null, basic("alice", PW))).get("repositories").toString())
        .isEqualTo("[\"own/app\",\"own/other\",\"pub/app\"]");
    String anonymous = fx.token(null, "registry:catalog:*");
    assertThat(json(fx.send("GET", "/v2/_catalog", null, bearer(anonymous))).get("repositories").toString())
        .isEqualTo("[\"pub/app\"]");
    HttpResponse<byte[]> page = fx.send("GET", "/v2/_catalog?n=1", null, basic("alice", PW));
    assertThat(json(page).get("repositories").toString()).isEqualTo("[\"own/app\"]");
    assertThat(page.headers().firstValue("Link")).hasValue("</v2/_catalog?n=1&last=own%2Fapp>; rel=\"next\"");
    assertThat(json(fx.send("GET", "/v2/_catalog", null, basic("admin", AuthFixture.ADMIN_PASSWORD)))
        .get("repositories")).hasSize(4);
  }

  @Test
  void offlineLoginsGetAnIdentityToken_thatTheRegistryClientUses() throws Exception {
    JsonNode answer = json(fx.send("GET", "/auth/token?service=signet&offline_token=true", null, basic("alice", PW)));
    String identity = answer.get("refresh_token").asText();
    dev.signet.registry.client.HttpRegistryClient client = dev.signet.registry.client.HttpRegistryClient.builder()
        .credentials(registry -> java.util.Optional.of(dev.signet.registry.client.auth.Credential.identityToken(identity)))
        .build();
    assertThat(client.listTags(dev.signet.oci.reference.Repository.parse(fx.host() + "/own/app")))
        .containsExactly("v1");
    assertThat(json(fx.tokenResponse(null, "repository:pub/app:pull")).has("refresh_token")).isFalse();
  }

  private HttpResponse<byte[]> post(String form) {
    return fx.send("POST", "/auth/token", form.getBytes(StandardCharsets.UTF_8), null, "Content-Type",
        "application/x-www-form-urlencoded");
  }

  private static JsonNode access(String jwt) {
    String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
    try {
      return AuthFixture.JSON.readTree(payload).get("access");
    } catch (java.io.IOException e) {
      throw new AssertionError(payload, e);
    }
  }

  @SuppressWarnings("unused")
  private static String show(HttpResponse<byte[]> r) {
    return r.statusCode() + " " + text(r);
  }
}
