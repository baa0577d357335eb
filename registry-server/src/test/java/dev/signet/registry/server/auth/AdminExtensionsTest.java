package dev.signet.registry.server.auth;

import static dev.signet.registry.server.auth.AuthFixture.assertError;
import static dev.signet.registry.server.auth.AuthFixture.basic;
import static dev.signet.registry.server.auth.AuthFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.registry.server.RegistryServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Endpoints added to the admin API (as the policy and replication APIs are; this test adds its own example endpoint) get its authentication and audit. */
class AdminExtensionsTest {
  @TempDir Path data;
  @TempDir Path open;

  private static void register(AdminExtensions ext, Map<String, String> store) {
    ext.add("/api/v1/admin/projects/([^/]+)/example", AdminExtensions.Authorization.PROJECT_ADMIN, "policy.set", r -> {
      if (r.method().equals("PUT")) {
        store.put(r.group(1), new String(r.body(), StandardCharsets.UTF_8) + " by " + r.caller().actor());
      }
      return new AdminExtensions.Reply(200, "application/json",
          ("{\"policy\":\"" + store.getOrDefault(r.group(1), "none") + "\"}").getBytes(StandardCharsets.UTF_8));
    });
    ext.add("/api/v1/admin/example-system(/.*)?", AdminExtensions.Authorization.SYSTEM_ADMIN, null,
        r -> new AdminExtensions.Reply(200, "application/json", ("{\"limit\":\"" + r.query("limit").orElse("-") + "\"}")
            .getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void projectAdminsAndSystemAdminsOnly_withChangesAudited() {
    Map<String, String> store = new ConcurrentHashMap<>();
    try (AuthFixture fx = AuthFixture.start(data)) {
      register(fx.server().auth().adminExtensions(), store);
      fx.project("own", false);
      fx.project("other", false);
      fx.user("alice", "alice-password-1");
      fx.member("own", "alice", "admin");
      String robot = fx.robot("own", "ci", "delete");
      String alice = basic("alice", "alice-password-1");

      HttpResponse<byte[]> put = fx.send("PUT", "/api/v1/admin/projects/own/example", "strict".getBytes(), alice);
      assertThat(put.statusCode()).as(text(put)).isEqualTo(200);
      assertThat(text(put)).isEqualTo("{\"policy\":\"strict by alice\"}");
      assertError(fx.send("PUT", "/api/v1/admin/projects/other/example", "x".getBytes(), alice), 403, "DENIED");
      assertError(fx.send("GET", "/api/v1/admin/projects/own/example", null, null), 401, "UNAUTHORIZED");
      assertError(fx.send("GET", "/api/v1/admin/projects/own/example", null, basic("robot$own+ci", robot)), 403,
          "DENIED");
      assertError(fx.send("GET", "/api/v1/admin/example-system/status?limit=3", null, alice), 403, "DENIED");
      assertThat(text(fx.send("GET", "/api/v1/admin/example-system/status?limit=3", null,
          basic("admin", AuthFixture.ADMIN_PASSWORD)))).isEqualTo("{\"limit\":\"3\"}");
      assertThat(store).containsOnlyKeys("own");
      assertThat(fx.audit(20)).anySatisfy(e -> assertThat(e.toString()).contains("\"actor\":\"alice\"",
          "\"action\":\"policy.set\"", "\"target\":\"own\"", "\"outcome\":\"ok\""));
      assertThat(fx.audit(20)).anySatisfy(e -> assertThat(e.toString()).contains("\"actor\":\"alice\"",
          "\"action\":\"policy.set\"", "\"target\":\"other\"", "\"outcome\":\"denied\""));
    }
  }

  @Test
  void withoutAuthentication_extensionsAreOpen_andAccountEndpointsAbsent() throws Exception {
    Map<String, String> store = new ConcurrentHashMap<>();
    try (RegistryServer s = RegistryServer.builder().dataDir(open).port(0).build().start()) {
      assertThat(s.auth().enabled()).isFalse();
      register(s.auth().adminExtensions(), store);
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> put = http.send(HttpRequest.newBuilder(s.url().resolve("/api/v1/admin/projects/p/example"))
          .PUT(HttpRequest.BodyPublishers.ofString("open")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(put.body()).isEqualTo("{\"policy\":\"open by anonymous\"}");
      assertThat(http.send(HttpRequest.newBuilder(s.url().resolve("/api/v1/admin/users")).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
      assertThat(http.send(HttpRequest.newBuilder(s.url().resolve("/v2/")).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }
  }
}
