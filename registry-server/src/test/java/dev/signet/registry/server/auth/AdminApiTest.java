package dev.signet.registry.server.auth;

import static dev.signet.registry.server.auth.AuthFixture.assertError;
import static dev.signet.registry.server.auth.AuthFixture.basic;
import static dev.signet.registry.server.auth.AuthFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signet.oci.Digest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin API: who may call what, and that no project's data shows through another's. */
class AdminApiTest {
  private static final String ALICE = "alice-password-1";
  private static final String BOB = "bob-password-1";

  @TempDir Path data;
  private AuthFixture fx;

  @BeforeEach
  void start() {
    fx = AuthFixture.start(data);
    fx.project("own", false);
    fx.project("other", false);
    fx.project("pub", true);
    fx.user("alice", ALICE);
    fx.user("bob", BOB);
    fx.member("own", "alice", "admin");
    fx.member("other", "bob", "admin");
  }

  @AfterEach
  void stop() {
    fx.close();
  }

  @Test
  void usersAreManagedBySystemAdmins_andChangeTheirOwnPasswords() {
    assertThat(fx.admin("GET", "/users", null).findValuesAsText("name")).containsExactly("admin", "alice", "bob");
    assertError(fx.api("GET", "/users", null, "alice", ALICE), 403, "DENIED");
    assertError(fx.api("POST", "/users", Map.of("name", "mallory", "password", "12345678"), "alice", ALICE), 403,
        "DENIED");
    assertError(fx.api("GET", "/users", null, null, null), 401, "UNAUTHORIZED");
    assertError(fx.api("POST", "/users", Map.of("name", "alice", "password", "whatever1"), "admin",
        AuthFixture.ADMIN_PASSWORD), 409, "CONFLICT");
    assertError(fx.api("POST", "/users", Map.of("name", "Bad Name", "password", "whatever1"), "admin",
        AuthFixture.ADMIN_PASSWORD), 400, "INVALID");
    assertError(fx.api("POST", "/users", Map.of("name", "short", "password", "1234"), "admin",
        AuthFixture.ADMIN_PASSWORD), 400, "INVALID");

    assertThat(fx.api("PUT", "/users/alice/password", Map.of("password", "alice-new-pw"), "alice", ALICE).statusCode())
        .isEqualTo(204);
    assertError(fx.api("PUT", "/users/bob/password", Map.of("password", "taken-over"), "alice", "alice-new-pw"), 403,
        "DENIED");
    assertError(fx.send("GET", "/v2/own/app/tags/list", null, basic("alice", ALICE)), 401, "UNAUTHORIZED");

    assertThat(fx.api("DELETE", "/users/bob", null, "admin", AuthFixture.ADMIN_PASSWORD).statusCode()).isEqualTo(204);
    assertError(fx.api("GET", "/projects", null, "bob", BOB), 401, "UNAUTHORIZED");
    assertThat(fx.admin("GET", "/users", null).findValuesAsText("name")).containsExactly("admin", "alice");
  }

  @Test
  void anotherProjectsMembersAndRobotsAreNotVisible() {
    fx.robot("other", "bobs-robot", "push");
    assertThat(fx.api("GET", "/projects", null, "alice", ALICE).statusCode()).isEqualTo(200);
    assertThat(json(fx.api("GET", "/projects", null, "alice", ALICE)).findValuesAsText("name"))
        .containsExactly("own", "pub");
    assertThat(fx.admin("GET", "/projects", null).findValuesAsText("name")).containsExactly("other", "own", "pub");
    assertError(fx.api("GET", "/projects/other", null, "alice", ALICE), 404, "NOT_FOUND");
    assertError(fx.api("GET", "/projects/other/members", null, "alice", ALICE), 403, "DENIED");
    assertError(fx.api("GET", "/projects/other/robots", null, "alice", ALICE), 403, "DENIED");
    assertError(fx.api("PUT", "/projects/other/members/alice", Map.of("role", "admin"), "alice", ALICE), 403,
        "DENIED");
    assertError(fx.api("POST", "/projects/other/robots", Map.of("name", "mine", "role", "push"), "alice", ALICE), 403,
        "DENIED");
    assertError(fx.api("DELETE", "/projects/other/robots/bobs-robot", null, "alice", ALICE), 403, "DENIED");
    // an unknown project looks the same as someone else's to non-admins
    assertError(fx.api("GET", "/projects/nosuch/members", null, "alice", ALICE), 403, "DENIED");
    assertError(fx.api("GET", "/projects/nosuch/members", null, "admin", AuthFixture.ADMIN_PASSWORD), 404, "NOT_FOUND");
    assertThat(fx.audit(20)).anySatisfy(e -> {
      assertThat(e.get("actor").asText()).isEqualTo("alice");
      assertThat(e.get("action").asText()).isEqualTo("member.list");
      assertThat(e.get("outcome").asText()).isEqualTo("denied");
    });
  }

  @Test
  void projectAdminsManageTheirMembersAndRobots_andRobotTokensAreShownOnce() {
    assertThat(fx.api("PUT", "/projects/own/members/bob", Map.of("role", "pull"), "alice", ALICE).statusCode())
        .isEqualTo(201);
    assertThat(fx.api("PUT", "/projects/own/members/bob", Map.of("role", "push"), "alice", ALICE).statusCode())
        .isEqualTo(200);
    assertThat(json(fx.api("GET", "/projects/own/members", null, "alice", ALICE)).toString())
        .isEqualTo("[{\"user\":\"alice\",\"role\":\"admin\"},{\"user\":\"bob\",\"role\":\"push\"}]");
    assertError(fx.api("PUT", "/projects/own/members/bob", Map.of("role", "owner"), "alice", ALICE), 400, "INVALID");
    assertError(fx.api("PUT", "/projects/own/members/nobody", Map.of("role", "pull"), "alice", ALICE), 404,
        "NOT_FOUND");

    HttpResponse<byte[]> created = fx.api("POST", "/projects/own/robots", Map.of("name", "ci", "role", "push"), "alice",
        ALICE);
    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode robot = json(created);
    assertThat(robot.get("account").asText()).isEqualTo("robot$own+ci");
    assertThat(robot.get("token").asText()).startsWith("sgr_");
    JsonNode listed = json(fx.api("GET", "/projects/own/robots", null, "alice", ALICE));
    assertThat(listed).hasSize(1);
    assertThat(listed.get(0).has("token")).isFalse();
    assertThat(listed.toString()).doesNotContain(robot.get("token").asText());
    assertError(fx.api("POST", "/projects/own/robots", Map.of("name", "ci", "role", "push"), "alice", ALICE), 409,
        "CONFLICT");
    assertError(fx.api("POST", "/projects/own/robots", Map.of("name", "boss", "role", "admin"), "alice", ALICE), 400,
        "INVALID");
    // robots cannot use the admin API, even on their own project
    assertError(fx.api("GET", "/projects/own/robots", null, "robot$own+ci", robot.get("token").asText()), 403,
        "DENIED");
    assertThat(fx.api("DELETE", "/projects/own/robots/ci", null, "alice", ALICE).statusCode()).isEqualTo(204);
    assertError(fx.api("DELETE", "/projects/own/robots/ci", null, "alice", ALICE), 404, "NOT_FOUND");
    assertThat(fx.api("DELETE", "/projects/own/members/bob", null, "alice", ALICE).statusCode()).isEqualTo(204);
  }

  @Test
  void projectsAreCreatedBySystemAdmins_andOnlyEmptyOnesDeleted() {
    assertError(fx.api("POST", "/projects", Map.of("name", "mine"), "alice", ALICE), 403, "DENIED");
    assertError(fx.api("POST", "/projects", Map.of("name", "a/b"), "admin", AuthFixture.ADMIN_PASSWORD), 400, "INVALID");
    assertError(fx.api("POST", "/projects", Map.of("name", "own"), "admin", AuthFixture.ADMIN_PASSWORD), 409,
        "CONFLICT");
    Digest image = fx.seedImage("own/app", "v1");
    assertError(fx.api("DELETE", "/projects/own", null, "admin", AuthFixture.ADMIN_PASSWORD), 409, "CONFLICT");
    assertThat(fx.send("DELETE", "/v2/own/app/manifests/" + image, null, basic("alice", ALICE)).statusCode())
        .isEqualTo(202);
    assertThat(fx.api("DELETE", "/projects/own", null, "admin", AuthFixture.ADMIN_PASSWORD).statusCode())
        .isEqualTo(204);
    assertError(fx.api("GET", "/projects/own", null, "admin", AuthFixture.ADMIN_PASSWORD), 404, "NOT_FOUND");
    assertThat(fx.api("DELETE", "/projects/pub", null, "admin", AuthFixture.ADMIN_PASSWORD).statusCode())
        .isEqualTo(204);
    assertError(fx.api("DELETE", "/projects/own", null, "alice", ALICE), 403, "DENIED");
  }

  @Test
  void theAccessoriesApiIsAuthorizedLikePulls() {
    Digest own = fx.seedImage("own/app", "v1");
    Digest other = fx.seedImage("other/app", "v1");
    assertThat(fx.send("GET", "/api/v1/repositories/own/app/artifacts/" + own + "/accessories", null,
        basic("alice", ALICE)).statusCode()).isEqualTo(200);
    assertError(fx.send("GET", "/api/v1/repositories/other/app/artifacts/" + other + "/accessories", null,
        basic("alice", ALICE)), 403, "DENIED");
    assertError(fx.send("GET", "/api/v1/repositories/own/app/artifacts/" + own + "/accessories", null, null), 401,
        "UNAUTHORIZED");
  }

  @Test
  void theAuditLogRecordsPushesDeletesAndDenials_forSystemAdminsOnly() {
    fx.seedImage("own/app", "v1");
    fx.send("DELETE", "/v2/own/app/manifests/v1", null, basic("alice", ALICE));
    fx.send("DELETE", "/v2/other/app/manifests/v1", null, basic("alice", ALICE));
    java.util.List<JsonNode> audit = fx.audit(50);
    assertThat(audit).anySatisfy(e -> assertThat(e.toString()).contains("\"actor\":\"admin\"",
        "\"action\":\"manifest.push\"", "\"target\":\"own/app:v1\"", "\"outcome\":\"ok\""));
    assertThat(audit).anySatisfy(e -> assertThat(e.toString()).contains("\"actor\":\"alice\"",
        "\"action\":\"manifest.delete\"", "\"target\":\"own/app:v1\"", "\"outcome\":\"ok\""));
    assertThat(audit).anySatisfy(e -> assertThat(e.toString()).contains("\"actor\":\"alice\"",
        "\"action\":\"manifest.delete\"", "\"target\":\"other/app:v1\"", "\"outcome\":\"denied\""));
    assertThat(audit).anySatisfy(e -> assertThat(e.toString()).contains("\"action\":\"user.create\"",
        "\"target\":\"alice\""));
    assertThat(fx.audit(2)).hasSize(2);
    assertError(fx.api("GET", "/audit", null, "alice", ALICE), 403, "DENIED");
  }
}
