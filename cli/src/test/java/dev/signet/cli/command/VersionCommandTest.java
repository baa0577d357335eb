package dev.signet.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.cli.CliRunner;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VersionCommandTest {

  @TempDir Path dir;

  @Test
  void printsTheGitVersionBlockLikeCosign() {
    CliRunner.Result r = CliRunner.in(dir).run("version");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.outLines())
        .filteredOn(l -> l.contains(":  "))
        .extracting(l -> l.substring(0, l.indexOf(':')))
        .containsExactly(
            "GitVersion", "GitCommit", "GitTreeState", "BuildDate", "JavaVersion", "Compiler", "Platform");
    // Values start in one column, two spaces after the longest label (Go's tabwriter, padding 2).
    assertThat(r.out())
        .contains("\nGitVersion:    ")
        .contains("\nGitTreeState:  ")
        .contains("\nJavaVersion:   " + Runtime.version() + "\n")
        .containsPattern("\nPlatform:      [a-z0-9_]+/[a-z0-9_]+\n");
  }

  @Test
  void outsideAJarTheVersionIsDevel() {
    assertThat(CliRunner.in(dir).run("version").out()).contains("GitVersion:    devel\n");
  }

  @Test
  void jsonHasCosignsKeys() throws Exception {
    CliRunner.Result r = CliRunner.in(dir).run("version", "--json");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertThat(json.fieldNames())
        .toIterable()
        .containsExactly(
            "gitVersion", "gitCommit", "gitTreeState", "buildDate", "javaVersion", "compiler", "platform");
    assertThat(json.get("javaVersion").asText()).isEqualTo(Runtime.version().toString());
  }
}
