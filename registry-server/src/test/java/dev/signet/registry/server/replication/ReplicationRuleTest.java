package dev.signet.registry.server.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReplicationRuleTest {

  private static ReplicationRule rule(String destination, String prefix, String strip) {
    return new ReplicationRule("r", Glob.of("prod/**"), Glob.of("*"), URI.create(destination), prefix, strip,
        Trigger.MANUAL, Optional.empty(), true, Optional.empty());
  }

  @Test
  void destinationRepository_stripsThenPrefixes() {
    assertThat(rule("https://m.io", "", "").destinationRepository("prod/app")).isEqualTo("prod/app");
    assertThat(rule("https://m.io", "mirror", "").destinationRepository("prod/app")).isEqualTo("mirror/prod/app");
    assertThat(rule("https://m.io", "/mirror/", "prod/").destinationRepository("prod/team/app"))
        .isEqualTo("mirror/team/app");
    assertThat(rule("https://m.io", "", "prod").destinationRepository("prod/app")).isEqualTo("app");
    assertThat(rule("https://m.io", "", "prod/app").destinationRepository("prod/app")).isEqualTo("app");
  }

  @Test
  void destination_isNormalisedToSchemeAndAuthority() {
    ReplicationRule r = rule("HTTP://Mirror.Example.com:5000/", "", "");
    assertThat(r.destination()).isEqualTo(URI.create("http://mirror.example.com:5000"));
    assertThat(r.destinationRegistry()).isEqualTo("mirror.example.com:5000");
    assertThat(r.plainHttp()).isTrue();
  }

  @Test
  void invalidRules_areRefused() {
    assertThatThrownBy(() -> rule("https://m.io/path", "", "")).hasMessageContaining("prefix");
    assertThatThrownBy(() -> rule("https://u:p@m.io", "", "")).hasMessageContaining("credential");
    assertThatThrownBy(() -> rule("file:///x", "", "")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> rule("https://m.io", "Bad Prefix", "")).hasMessageContaining("prefix");
    assertThatThrownBy(() -> new ReplicationRule("r", Glob.of("*"), Glob.of("*"), URI.create("https://m.io"), "",
        "", Trigger.CRON, Optional.empty(), true, Optional.empty())).hasMessageContaining("schedule");
    assertThatThrownBy(() -> new ReplicationRule("UPPER", Glob.of("*"), Glob.of("*"), URI.create("https://m.io"),
        "", "", Trigger.MANUAL, Optional.empty(), true, Optional.empty())).hasMessageContaining("rule name");
  }

  @Test
  void toString_neverShowsTheSecret() {
    ReplicationRule r = new ReplicationRule("r", Glob.of("*"), Glob.of("*"), URI.create("https://m.io"), "", "",
        Trigger.MANUAL, Optional.empty(), true, Optional.of(DestinationCredential.basic("robot", "hunter2-xyz")));
    assertThat(r.toString()).contains("robot").doesNotContain("hunter2-xyz");
    assertThat(DestinationCredential.token("tok-123").toString()).doesNotContain("tok-123");
    assertThat(JobRunner.scrub("bad: hunter2-xyz rejected", r)).isEqualTo("bad: *** rejected");
  }
}
