package dev.signet.registry.client.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docker config.json reading and writing, with a fake {@code docker-credential-test} on a given PATH. */
class DockerConfigCredentialsTest {
  private static final String HELPER = """
      #!/bin/sh
      input=$(cat)
      case "$1" in
        get)
          case "$input" in
            reg.example:5000) echo '{"ServerURL":"reg.example:5000","Username":"helper-user","Secret":"helper-pass"}' ;;
            https://index.docker.io/v1/) echo '{"Username":"hub-user","Secret":"hub-pass"}' ;;
            token.example) echo '{"Username":"<token>","Secret":"id-token-1"}' ;;
            broken.example) echo 'keychain is locked' >&2; exit 3 ;;
            *) echo 'credentials not found in native keychain'; exit 1 ;;
          esac ;;
        store) printf '%s' "$input" > "$STORE_LOG" ;;
        *) exit 2 ;;
      esac
      """;

  @TempDir Path tmp;
  private Path config;
  private Map<String, String> env;

  @BeforeEach
  void setUp() throws Exception {
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path helper = bin.resolve("docker-credential-test");
    Files.writeString(helper, HELPER);
    Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwxr-xr-x"));
    config = tmp.resolve("dockercfg/config.json");
    env = Map.of("PATH", bin + ":/usr/bin:/bin", "DOCKER_CONFIG", tmp.resolve("dockercfg").toString(),
        "STORE_LOG", tmp.resolve("stored.json").toString());
  }

  @Test
  void configPathHonoursDockerConfigThenHome() {
    assertThat(DockerConfigCredentials.configPath(env)).isEqualTo(config);
    assertThat(DockerConfigCredentials.configPath(Map.of("HOME", "/home/x")))
        .isEqualTo(Path.of("/home/x/.docker/config.json"));
  }

  @Test
  void missingFileMeansNoCredentials() throws Exception {
    assertThat(DockerConfigCredentials.fromEnvironment(env).credentialFor("reg.example")).isEmpty();
  }

  @Test
  void authsEntriesInAllForms() throws Exception {
    write("""
        {"auths": {
          "https://index.docker.io/v1/": {"auth": "%s"},
          "plain.example:5000": {"username": "u2", "password": "p2"},
          "https://url.example/v2/": {"auth": "%s"},
          "idtoken.example": {"auth": "%s", "identitytoken": "refresh-xyz"},
          "empty.example": {}
        }}""".formatted(b64("hubuser:hub:pass"), b64("u3:p3"), b64("x:y")));
    DockerConfigCredentials creds = new DockerConfigCredentials(config, env);
    assertThat(creds.credentialFor("index.docker.io")).contains(Credential.basic("hubuser", "hub:pass"));
    assertThat(creds.credentialFor("docker.io")).contains(Credential.basic("hubuser", "hub:pass"));
    assertThat(creds.credentialFor("plain.example:5000")).contains(Credential.basic("u2", "p2"));
    assertThat(creds.credentialFor("url.example")).contains(Credential.basic("u3", "p3"));
    assertThat(creds.credentialFor("idtoken.example")).contains(Credential.identityToken("refresh-xyz"));
    assertThat(creds.credentialFor("empty.example")).isEmpty();
    assertThat(creds.credentialFor("other.example")).isEmpty();
  }

  @Test
  void credHelpersPerHostAndCredsStoreAsDefault() throws Exception {
    write("""
        {"credHelpers": {"reg.example:5000": "test", "token.example": "test", "broken.example": "test"},
         "auths": {"reg.example:5000": {"auth": "%s"}}}""".formatted(b64("file:ignored")));
    DockerConfigCredentials creds = new DockerConfigCredentials(config, env);
    assertThat(creds.credentialFor("reg.example:5000")).contains(Credential.basic("helper-user", "helper-pass"));
    assertThat(creds.credentialFor("token.example")).contains(Credential.identityToken("id-token-1"));
    assertThatThrownBy(() -> creds.credentialFor("broken.example"))
        .isInstanceOf(CredentialException.class)
        .hasMessageContaining("docker-credential-test get failed with exit code 3: keychain is locked");
    assertThat(creds.credentialFor("nohelper.example")).isEmpty();

    write("{\"credsStore\": \"test\"}");
    assertThat(creds.credentialFor("index.docker.io")).contains(Credential.basic("hub-user", "hub-pass"));
    assertThat(creds.credentialFor("unknown.example")).as("helper says not found").isEmpty();

    write("{\"credsStore\": \"missing\"}");
    assertThatThrownBy(() -> creds.credentialFor("reg.example:5000"))
        .isInstanceOf(CredentialException.class)
        .hasMessageContaining("docker-credential-missing not found on PATH");
  }

  @Test
  void malformedConfigIsAnError() throws Exception {
    write("{not json");
    assertThatThrownBy(() -> new DockerConfigCredentials(config, env).credentialFor("x.example"))
        .isInstanceOf(CredentialException.class).hasMessageContaining("not valid JSON");
    write("{\"auths\":{\"x.example\":{\"auth\":\"%%%\"}}}");
    assertThatThrownBy(() -> new DockerConfigCredentials(config, env).credentialFor("x.example"))
        .isInstanceOf(CredentialException.class).hasMessageContaining("not valid base64");
  }

  @Test
  void loginWritesAnAuthEntryWithMode0600AndKeepsTheRest() throws Exception {
    write("{\"auths\":{\"keep.example\":{\"auth\":\"" + b64("k:v") + "\"}},\"psFormat\":\"table\"}");
    DockerConfigWriter writer = DockerConfigWriter.fromEnvironment(env);
    writer.login("docker.io", "hubby", "pw1");
    writer.login("127.0.0.1:5000", "local", "pw2");

    JsonNode json = new ObjectMapper().readTree(config.toFile());
    assertThat(json.path("psFormat").asText()).isEqualTo("table");
    assertThat(json.at("/auths/https:~1~1index.docker.io~1v1~1/auth").asText()).isEqualTo(b64("hubby:pw1"));
    assertThat(json.at("/auths/127.0.0.1:5000/auth").asText()).isEqualTo(b64("local:pw2"));
    assertThat(json.at("/auths/keep.example/auth").asText()).isEqualTo(b64("k:v"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config))).isEqualTo("rw-------");

    DockerConfigCredentials creds = new DockerConfigCredentials(config, env);
    assertThat(creds.credentialFor("index.docker.io")).contains(Credential.basic("hubby", "pw1"));
    assertThat(creds.credentialFor("127.0.0.1:5000")).contains(Credential.basic("local", "pw2"));

    assertThat(writer.logout("127.0.0.1:5000")).isTrue();
    assertThat(writer.logout("127.0.0.1:5000")).isFalse();
    assertThat(creds.credentialFor("127.0.0.1:5000")).isEmpty();
  }

  @Test
  void loginCreatesAPrivateDirectory() throws Exception {
    Path fresh = tmp.resolve("new/.docker/config.json");
    new DockerConfigWriter(fresh, env).login("reg.example", "u", "p");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh.getParent()))).isEqualTo("rwx------");
    assertThat(new DockerConfigCredentials(fresh, env).credentialFor("reg.example")).contains(Credential.basic("u", "p"));
  }

  @Test
  void loginGoesToTheConfiguredHelper() throws Exception {
    write("{\"credsStore\":\"test\"}");
    new DockerConfigWriter(config, env).login("reg.example:5000", "stored-user", "stored-pass");
    JsonNode stored = new ObjectMapper().readTree(tmp.resolve("stored.json").toFile());
    assertThat(stored.path("ServerURL").asText()).isEqualTo("reg.example:5000");
    assertThat(stored.path("Username").asText()).isEqualTo("stored-user");
    assertThat(stored.path("Secret").asText()).isEqualTo("stored-pass");
    assertThat(Files.readString(config)).doesNotContain("stored-pass").contains("reg.example:5000");
  }

  @Test
  void credentialsNeverPrintTheirSecrets() {
    assertThat(Credential.basic("alice", "hunter2").toString()).contains("alice").doesNotContain("hunter2");
    assertThat(Credential.identityToken("tok-secret").toString()).doesNotContain("tok-secret");
    assertThat(Credential.basic("alice", "hunter2").basicAuthorization()).isEqualTo("Basic " + b64("alice:hunter2"));
  }

  private void write(String json) throws Exception {
    Files.createDirectories(config.getParent());
    Files.writeString(config, json);
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }
}
