package dev.signet.registry.server.auth;

import static dev.signet.registry.server.auth.AuthFixture.basic;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Passwords and tokens appear neither in the log (slf4j-simple writes to standard error, captured here) nor
 * in the database: not in the audit log, and only as hashes in the account tables.
 */
class SecretsNotLoggedTest {
  @TempDir Path data;

  @Test
  void noSecretInLogsAuditOrDatabase() throws Exception {
    String userPw = "correct-horse-battery";
    String wrongPw = "wrong-horse-staple";
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.err;
    String robotToken;
    String jwt;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try (AuthFixture fx = AuthFixture.start(data)) {
      fx.project("own", false);
      fx.user("alice", userPw);
      fx.member("own", "alice", "push");
      robotToken = fx.robot("own", "ci", "push");
      jwt = fx.token(basic("alice", userPw), "repository:own/app:pull,push");
      fx.send("GET", "/v2/own/app/tags/list", null, basic("alice", wrongPw));
      fx.tokenResponse(basic("alice", wrongPw), "repository:own/app:pull");
      fx.api("GET", "/users", null, "alice", wrongPw);
      fx.send("POST", "/auth/token", ("grant_type=password&username=alice&password=" + wrongPw)
          .getBytes(StandardCharsets.UTF_8), null, "Content-Type", "application/x-www-form-urlencoded");
      fx.api("PUT", "/users/alice/password", Map.of("password", "another-secret-1"), "alice", userPw);
      fx.send("GET", "/v2/own/app/tags/list", null, basic("robot$own+ci", robotToken));
      fx.seedImage("own/app", "v1");
    } finally {
      System.setErr(original);
    }
    String log = captured.toString(StandardCharsets.UTF_8);
    assertThat(log).as("the capture works").contains("created the system administrator 'admin'");
    List<String> secrets = List.of(AuthFixture.ADMIN_PASSWORD, userPw, wrongPw, "another-secret-1", robotToken, jwt);
    for (String secret : secrets) {
      assertThat(log).doesNotContain(secret);
    }
    String dump = dumpAccountTables(data.resolve("metadata.db"));
    assertThat(dump).contains("login", "robot.create", "manifest.push", "$argon2id$");
    for (String secret : secrets) {
      assertThat(dump).doesNotContain(secret);
    }
    try (var files = Files.list(data)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).as(f.toString())
            .doesNotContain(userPw).doesNotContain(robotToken).doesNotContain(AuthFixture.ADMIN_PASSWORD);
      }
    }
  }

  private static String dumpAccountTables(Path db) throws Exception {
    StringBuilder out = new StringBuilder();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
      for (String table : List.of("users", "projects", "members", "robots", "audit_log")) {
        try (ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
          int n = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            for (int i = 1; i <= n; i++) {
              out.append(rs.getString(i)).append('|');
            }
            out.append('\n');
          }
        }
      }
    }
    return out.toString();
  }
}
