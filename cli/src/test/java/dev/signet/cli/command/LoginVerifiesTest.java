package dev.signet.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.cli.CliRunner;
import dev.signet.registry.server.RegistryServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 finding 6: {@code signet login} checks the credentials against the registry — {@code GET /v2/}
 * with them, answering the bearer challenge through the token endpoint as docker does — before storing
 * them, says so, and stores nothing when the registry refuses them.
 */
class LoginVerifiesTest {
  private static final String PW = "login-verify-admin-pw";

  @TempDir Path dir;
  RegistryServer server;

  @BeforeEach
  void start() {
    server = RegistryServer.builder().dataDir(dir.resolve("data")).port(0).adminPassword(PW.toCharArray()).build()
        .start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private CliRunner runner() {
    return CliRunner.in(dir).env("DOCKER_CONFIG", dir.resolve("docker").toString());
  }

  private String host() {
    return "127.0.0.1:" + server.port();
  }

  @Test
  void rightCredentials_areVerifiedThroughTheBearerFlow_thenStored() throws Exception {
    CliRunner.Result r = runner().stdin(PW + "\n").run("login", host(), "-u", "admin", "--password-stdin");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.err()).contains("verified the credentials with " + host());
    assertThat(Files.readString(dir.resolve("docker/config.json"))).contains(host());
    assertThat(r.out() + r.err()).doesNotContain(PW);
  }

  @Test
  void wrongCredentials_failWithoutStoringAnything() {
    CliRunner.Result r = runner().stdin("not-the-password\n").run("login", host(), "-u", "admin", "--password-stdin");
    assertThat(r.exitCode()).as(r.toString()).isNotZero();
    assertThat(r.err()).contains("login to " + host()).contains("refused").doesNotContain("not-the-password")
        .doesNotContain("\tat ");
    assertThat(Files.exists(dir.resolve("docker/config.json"))).isFalse();
  }

  @Test
  void anUnreachableRegistry_failsWithoutStoring() throws Exception {
    int closed;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    CliRunner.Result r = runner().stdin(PW + "\n").run("login", "127.0.0.1:" + closed, "-u", "admin",
        "--password-stdin");
    assertThat(r.exitCode()).as(r.toString()).isNotZero();
    assertThat(r.err()).contains("login to 127.0.0.1:" + closed);
    assertThat(Files.exists(dir.resolve("docker/config.json"))).isFalse();
  }
}
