package dev.signet.cli.command;

import static dev.signet.cli.command.KeyCommandVectors.mode;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.cli.CliRunner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoginCommandTest {

  private static final String SECRET = "s3cret-Pa55word";

  @TempDir Path dir;

  private CliRunner runner() {
    return CliRunner.in(dir).env("DOCKER_CONFIG", dir.resolve("docker").toString());
  }

  private JsonNode config() throws Exception {
    return new ObjectMapper().readTree(dir.resolve("docker/config.json").toFile());
  }

  private static String basic(String user, String password) {
    return Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void passwordStdinWritesBase64AuthWithMode0600() throws Exception {
    CliRunner.Result r =
        runner().stdin(SECRET + "\n").run("login", "--no-verify", "registry.example.com:5000", "-u", "alice", "--password-stdin");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    Path file = dir.resolve("docker/config.json");
    assertThat(r.err()).isEqualTo("logged in via " + file + System.lineSeparator());
    assertThat(r.out()).isEmpty();
    assertThat(mode(file)).isEqualTo("rw-------");
    assertThat(config().at("/auths/registry.example.com:5000/auth").asText()).isEqualTo(basic("alice", SECRET));
    assertThat(r.out() + r.err()).doesNotContain(SECRET);
  }

  @Test
  void passwordOnTheCommandLineWarnsButIsNeverEchoed() throws Exception {
    CliRunner.Result r = runner().run("login", "--no-verify", "ghcr.io", "-u", "bob", "-p", SECRET);

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.errLines().get(0))
        .isEqualTo("WARNING! Using --password via the CLI is insecure. Use --password-stdin.");
    assertThat(r.out() + r.err()).doesNotContain(SECRET);
    assertThat(config().at("/auths/ghcr.io/auth").asText()).isEqualTo(basic("bob", SECRET));
  }

  @Test
  void dockerHubIsStoredUnderItsLegacyKey_andIsTheDefaultServer() throws Exception {
    assertThat(runner().run("login", "--no-verify", "docker.io", "-u", "a", "-p", "x1").exitCode()).isZero();
    assertThat(config().at("/auths/https:~1~1index.docker.io~1v1~1/auth").asText()).isEqualTo(basic("a", "x1"));

    assertThat(runner().run("login", "--no-verify", "-u", "b", "-p", "x2").exitCode()).isZero();
    assertThat(config().at("/auths/https:~1~1index.docker.io~1v1~1/auth").asText()).isEqualTo(basic("b", "x2"));
  }

  @Test
  void otherEntriesOfTheConfigAreKept() throws Exception {
    Files.createDirectories(dir.resolve("docker"));
    Files.writeString(dir.resolve("docker/config.json"), "{\"auths\":{\"other.io\":{\"auth\":\"eDp5\"}},\"psFormat\":\"x\"}");

    assertThat(runner().run("login", "--no-verify", "quay.io", "-u", "c", "-p", "pw").exitCode()).isZero();

    assertThat(config().at("/auths/other.io/auth").asText()).isEqualTo("eDp5");
    assertThat(config().at("/psFormat").asText()).isEqualTo("x");
    assertThat(config().at("/auths/quay.io/auth").asText()).isEqualTo(basic("c", "pw"));
  }

  @Test
  void withoutDockerConfigItWritesUnderHome() throws Exception {
    CliRunner.Result r = CliRunner.in(dir).run("login", "--no-verify", "quay.io", "-u", "c", "-p", "pw");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(dir.resolve(".docker/config.json")).exists();
  }

  @Test
  void passwordAndPasswordStdinTogetherAreRefused() {
    CliRunner.Result r = runner().stdin(SECRET).run("login", "--no-verify", "ghcr.io", "-u", "bob", "-p", SECRET, "--password-stdin");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("mutually exclusive").doesNotContain(SECRET);
    assertThat(dir.resolve("docker/config.json")).doesNotExist();
  }

  @Test
  void credentialsAreRequired() {
    CliRunner.Result r = runner().run("login", "--no-verify", "ghcr.io");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("Error: username and password required" + System.lineSeparator());
    assertThat(dir.resolve("docker/config.json")).doesNotExist();
  }
}
