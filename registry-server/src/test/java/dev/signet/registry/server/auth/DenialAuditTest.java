package dev.signet.registry.server.auth;

import static dev.signet.registry.server.auth.AuthFixture.basic;
import static dev.signet.registry.server.auth.AuthFixture.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 finding 6: every refusal is in the audit log under the action that was attempted — forged and
 * out-of-scope tokens, anonymous requests answered 401, robots calling the admin API, and reads of admin
 * extensions (a refused policy GET is {@code policy.read}, not {@code policy.set}).
 */
class DenialAuditTest {
  private static final String PW = "alice-password";

  @TempDir Path data;
  AuthFixture fx;

  @BeforeEach
  void start() {
    fx = AuthFixture.start(data);
    fx.project("own", false);
    fx.user("alice", PW);
    fx.user("bob", "bob-password");
    fx.member("own", "alice", "push");
    fx.seedImage("own/app", "v1");
  }

  @AfterEach
  void stop() {
    fx.close();
  }

  @Test
  void aForgedToken_isAuditedUnderTheAttemptedAction() {
    String jwt = fx.token(basic("alice", PW), "repository:own/app:pull");
    String forged = jwt.substring(0, jwt.lastIndexOf('.') + 1) + "AAAA" + jwt.substring(jwt.lastIndexOf('.') + 5);
    assertThat(fx.send("GET", "/v2/own/app/manifests/v1", null, bearer(forged)).statusCode()).isEqualTo(401);
    assertThat(denied("manifest.pull")).anySatisfy(e -> {
      assertThat(e.get("target").asText()).isEqualTo("own/app:v1");
      assertThat(e.get("detail").asText()).contains("token");
    });
  }

  @Test
  void anOutOfScopeToken_isAudited() {
    String pullOnly = fx.token(basic("alice", PW), "repository:own/app:pull");
    byte[] blob = "x".getBytes();
    assertThat(fx.pushBlob("own/app", blob, bearer(pullOnly)).statusCode()).isEqualTo(401);
    assertThat(denied("blob.upload")).anySatisfy(e -> {
      assertThat(e.get("actor").asText()).isEqualTo("alice");
      assertThat(e.get("detail").asText()).contains("token");
    });
  }

  @Test
  void anonymous401s_onRepositories_areAudited() {
    assertThat(fx.send("GET", "/v2/own/app/manifests/v1", null, null).statusCode()).isEqualTo(401);
    assertThat(denied("manifest.pull")).anySatisfy(e -> assertThat(e.get("actor").asText()).isEqualTo("anonymous"));
  }

  @Test
  void robotAdminCalls_andAnonymousAdminCalls_areAudited() {
    String secret = fx.robot("own", "ci", "push");
    assertThat(fx.send("GET", "/api/v1/admin/users", null, basic(AccountNames.account("own", "ci"), secret))
        .statusCode()).isEqualTo(403);
    assertThat(denied("admin.api")).anySatisfy(e -> {
      assertThat(e.get("actor").asText()).isEqualTo(AccountNames.account("own", "ci"));
      assertThat(e.get("target").asText()).isEqualTo("/api/v1/admin/users");
    });
    assertThat(fx.send("GET", "/api/v1/admin/users", null, null).statusCode()).isEqualTo(401);
    assertThat(denied("admin.api")).anySatisfy(e -> assertThat(e.get("actor").asText()).isEqualTo("anonymous"));
  }

  @Test
  void aRefusedPolicyRead_isAuditedAsARead() {
    assertThat(fx.api("GET", "/projects/own/policy", null, "bob", "bob-password").statusCode()).isEqualTo(403);
    assertThat(denied("policy.read")).isNotEmpty();
    assertThat(denied("policy.set")).isEmpty();
  }

  private List<JsonNode> denied(String action) {
    return fx.audit(50).stream().filter(e -> e.get("action").asText().equals(action))
        .filter(e -> e.get("outcome").asText().equals("denied")).toList();
  }
}
