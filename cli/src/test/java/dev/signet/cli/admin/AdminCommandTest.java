package dev.signet.cli.admin;

import static dev.signet.cli.CliRegistryFixture.assertOneErrorLine;
import static dev.signet.cli.CliRegistryFixture.errorLine;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.cli.CliRegistryFixture;
import dev.signet.cli.CliRunner;
import dev.signet.registry.server.RegistryServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code signet admin} against an in-process Signet registry in auth mode. */
class AdminCommandTest {
  private static final String ADMIN_PW = "cli-admin-password";

  @TempDir Path data;
  @TempDir Path dir;
  private RegistryServer server;
  private String url;

  @BeforeEach
  void start() {
    server = RegistryServer.builder().dataDir(data).port(0).adminPassword(ADMIN_PW.toCharArray()).build().start();
    url = server.url().toString();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private AdminCli asAdmin() {
    return AdminCli.in(dir).env("SIGNET_ADMIN_PASSWORD", ADMIN_PW);
  }

  private CliRunner.Result ok(AdminCli cli, String... args) {
    CliRunner.Result r = cli.run(args);
    assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r).isZero();
    return r;
  }

  @Test
  void usersProjectsMembersRobotsAndAudit() throws Exception {
    ok(asAdmin().stdin("alice-password-1\n"), "user", "create", "alice", "--password-stdin", "--registry", url);
    ok(asAdmin(), "project", "create", "team", "--registry", url);
    ok(asAdmin(), "project", "create", "pub", "--public", "--registry", url);
    ok(asAdmin(), "member", "add", "team", "alice", "--role", "admin", "--registry", url);

    assertThat(ok(asAdmin(), "user", "list", "--registry", url).outLines()).hasSize(3)
        .anySatisfy(l -> assertThat(l).startsWith("alice\tfalse\t"));
    assertThat(ok(asAdmin(), "project", "list", "--registry", url).out()).contains("team\tfalse", "pub\ttrue");
    assertThat(ok(asAdmin(), "member", "list", "team", "--registry", url).out()).contains("alice\tadmin");

    // alice administers her project with her own credentials from standard input
    AdminCli alice = AdminCli.in(dir).stdin("alice-password-1");
    CliRunner.Result robot = ok(alice, "robot", "create", "team", "ci", "--role", "push", "--registry", url,
        "-u", "alice", "--password-stdin");
    String token = robot.out().trim();
    assertThat(token).startsWith("sgr_").doesNotContain("\n");
    assertThat(robot.err()).contains("robot$team+ci").doesNotContain(token);
    assertThat(get("/v2/team/app/tags/list", "robot$team+ci", token)).isEqualTo(404);
    CliRunner.Result listed = ok(alice, "robot", "list", "team", "--registry", url, "-u", "alice", "--password-stdin");
    assertThat(listed.out()).contains("robot$team+ci\tpush").doesNotContain(token);
    ok(alice, "robot", "revoke", "team", "ci", "--registry", url, "-u", "alice", "--password-stdin");
    assertThat(get("/v2/team/app/tags/list", "robot$team+ci", token)).isEqualTo(401);

    CliRunner.Result audit = ok(asAdmin(), "audit", "--limit", "20", "--registry", url);
    assertThat(audit.out()).contains("\talice\trobot.revoke\trobot$team+ci\tok", "\tadmin\tproject.create\tteam\tok");
    assertThat(audit.out()).doesNotContain(token).doesNotContain("alice-password-1");
  }

  @Test
  void aGeneratedPasswordIsPrintedOnce_andWorks() throws Exception {
    CliRunner.Result r = ok(asAdmin(), "user", "create", "bob", "--registry", url);
    String password = r.out().trim();
    assertThat(password).hasSizeGreaterThanOrEqualTo(20);
    assertThat(get("/v2/", "bob", password)).isEqualTo(200);
  }

  @Test
  void failuresAreOneErrorLine_withANonZeroExit() {
    CliRunner.Result wrong = AdminCli.in(dir).env("SIGNET_ADMIN_PASSWORD", "not-it").run("user", "list",
        "--registry", url);
    assertThat(wrong.exitCode()).isEqualTo(1);
    assertOneErrorLine(wrong);
    assertThat(errorLine(wrong)).contains("wrong user name or password", "HTTP 401");

    ok(asAdmin().stdin("carol-password-1"), "user", "create", "carol", "--password-stdin", "--registry", url);
    CliRunner.Result denied = AdminCli.in(dir).stdin("carol-password-1").run("project", "create", "x",
        "--registry", url, "-u", "carol", "--password-stdin");
    assertThat(denied.exitCode()).isEqualTo(1);
    assertThat(errorLine(denied)).contains("HTTP 403");

    CliRunner.Result unknown = asAdmin().run("member", "add", "nosuch", "carol", "--role", "push", "--registry", url);
    assertThat(errorLine(unknown)).contains("no project nosuch", "HTTP 404");
    CliRunner.Result badRole = asAdmin().run("member", "add", "nosuch", "carol", "--role", "owner", "--registry", url);
    assertThat(badRole.exitCode()).isEqualTo(1);

    CliRunner.Result none = AdminCli.in(dir).run("user", "list", "--registry", url);
    assertOneErrorLine(none);
    assertThat(errorLine(none)).contains("no credentials for 127.0.0.1:" + server.port());

    CliRunner.Result down = asAdmin().run("user", "list", "--registry", "127.0.0.1:" + CliRegistryFixture.closedPort());
    assertOneErrorLine(down);
    assertThat(errorLine(down)).contains("cannot reach");
  }

  @Test
  void credentialsComeFromTheDockerConfigOfSignetLogin() {
    AdminCli cli = AdminCli.in(dir);
    String host = "127.0.0.1:" + server.port();
    CliRunner.Result login = cli.signet().stdin(ADMIN_PW + "\n").run("login", host, "-u", "admin", "--password-stdin");
    assertThat(login.exitCode()).as(login.toString()).isZero();
    assertThat(ok(cli, "user", "list", "--registry", host).out()).contains("admin\ttrue");
  }

  private int get(String path, String user, String password) throws Exception {
    HttpRequest req = HttpRequest.newBuilder(URI.create(url + path)).header("Authorization", "Basic "
        + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8))).build();
    return HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
