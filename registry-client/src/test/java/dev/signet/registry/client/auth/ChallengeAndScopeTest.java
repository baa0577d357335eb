package dev.signet.registry.client.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.oci.reference.Repository;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChallengeAndScopeTest {
  @Test
  void parsesBearerAndBasicChallenges() {
    List<Challenge> all = Challenge.parseAll(List.of(
        "Bearer realm=\"https://auth.example/token\",service=\"registry.example\","
            + "scope=\"repository:a/b:pull,push\",error=\"insufficient_scope\"",
        "Basic realm=\"Registry Realm\""));
    assertThat(all).hasSize(2);
    assertThat(all.get(0).isBearer()).isTrue();
    assertThat(all.get(0).param("realm")).hasValue("https://auth.example/token");
    assertThat(all.get(0).param("service")).hasValue("registry.example");
    assertThat(all.get(0).param("scope")).hasValue("repository:a/b:pull,push");
    assertThat(all.get(1).isBasic()).isTrue();
    assertThat(all.get(1).param("realm")).hasValue("Registry Realm");
  }

  @Test
  void parsesSeveralChallengesInOneHeaderAndUnquotedValues() {
    List<Challenge> all = Challenge.parseAll(List.of(
        "Basic realm=simple, BEARER realm=\"https://a.example/t\", service=\"s \\\"q\\\"\""));
    assertThat(all).extracting(Challenge::scheme).containsExactly("basic", "bearer");
    assertThat(all.get(0).param("realm")).hasValue("simple");
    assertThat(all.get(1).param("service")).hasValue("s \"q\"");
  }

  @Test
  void scopesForOperations() throws Exception {
    Repository to = Repository.parse("reg.example/team/app");
    Repository from = Repository.parse("reg.example/team/base");
    assertThat(AuthScope.pull(to).key()).isEqualTo("repository:team/app:pull");
    assertThat(AuthScope.push(to).key()).isEqualTo("repository:team/app:pull,push");
    assertThat(AuthScope.mount(to, from).scopes())
        .containsExactly("repository:team/app:pull,push", "repository:team/base:pull");
    assertThat(AuthScope.pull(to).withChallengeScopes("repository:team/app:pull").key())
        .isEqualTo("repository:team/app:pull");
    assertThat(AuthScope.push(to).withChallengeScopes("repository:team/app:delete repository:x:pull").scopes())
        .containsExactly("repository:team/app:pull,push,delete", "repository:x:pull");
  }

  @Test
  void dockerConfigKeys() {
    assertThat(DockerConfigKeys.keyFor("index.docker.io")).isEqualTo(DockerConfigKeys.DOCKER_HUB_KEY);
    assertThat(DockerConfigKeys.keyFor("registry-1.docker.io")).isEqualTo(DockerConfigKeys.DOCKER_HUB_KEY);
    assertThat(DockerConfigKeys.keyFor("Reg.Example:5000")).isEqualTo("reg.example:5000");
    assertThat(DockerConfigKeys.matches("https://reg.example:5000/v2/", "reg.example:5000")).isTrue();
    assertThat(DockerConfigKeys.matches("http://reg.example", "reg.example:5000")).isFalse();
    assertThat(DockerConfigKeys.matches("docker.io", "index.docker.io")).isTrue();
  }
}
