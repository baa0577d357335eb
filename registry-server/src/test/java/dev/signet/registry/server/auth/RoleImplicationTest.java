package dev.signet.registry.server.auth;

import static dev.signet.registry.server.auth.AuthFixture.assertError;
import static dev.signet.registry.server.auth.AuthFixture.basic;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pull ⊂ push ⊂ delete ⊂ admin; pushing to a project that does not exist is for system admins only. */
class RoleImplicationTest {
  @TempDir Path data;

  @Test
  void eachRoleAllowsWhatTheOnesBeforeItAllow_andNothingAfter() {
    try (AuthFixture fx = AuthFixture.start(data)) {
      fx.project("team", false);
      String[] roles = {"pull", "push", "delete", "admin"};
      for (String role : roles) {
        fx.user("u-" + role, "password-" + role);
        fx.member("team", "u-" + role, role);
      }
      fx.seedImage("team/app", "v1");
      for (int i = 0; i < roles.length; i++) {
        String auth = basic("u-" + roles[i], "password-" + roles[i]);
        int rank = i;
        assertThat(fx.send("GET", "/v2/team/app/manifests/v1", null, auth).statusCode()).isEqualTo(200);
        HttpResponse<byte[]> push = fx.pushBlob("team/app", ("x" + i).getBytes(StandardCharsets.UTF_8), auth);
        expect(push, rank >= 1, 201);
        fx.seedImage("team/app", "t" + i);
        expect(fx.send("DELETE", "/v2/team/app/manifests/t" + i, null, auth), rank >= 2, 202);
        expect(fx.send("GET", "/api/v1/admin/projects/team/members", null, auth), rank >= 3, 200);
      }
    }
  }

  @Test
  void pushingToAnUnknownProject_isDeniedToUsers_andCreatesItForSystemAdmins() {
    try (AuthFixture fx = AuthFixture.start(data)) {
      fx.user("carol", "carol-password");
      assertError(fx.pushBlob("newproj/app", new byte[] {1}, basic("carol", "carol-password")), 403, "DENIED");
      assertThat(fx.pushBlob("newproj/app", new byte[] {1}, basic("admin", AuthFixture.ADMIN_PASSWORD)).statusCode())
          .isEqualTo(201);
      assertThat(fx.admin("GET", "/projects/newproj", null).get("public").asBoolean()).isFalse();
    }
  }

  private static void expect(HttpResponse<byte[]> r, boolean allowed, int okStatus) {
    if (allowed) {
      assertThat(r.statusCode()).as(AuthFixture.text(r)).isEqualTo(okStatus);
    } else {
      assertError(r, 403, "DENIED");
    }
  }
}
