package dev.signet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code signet version} alone skips picocli ({@link Main#isPlainVersion}); it must answer exactly as picocli would. */
class PlainVersionTest {

  @TempDir Path dir;

  @Test
  void plainVersionPrintsWhatThePicocliPathPrints() {
    CliRunner.Result plain = CliRunner.in(dir).run("version");
    CliRunner.Result parsed = CliRunner.in(dir).run("--verbose", "version");

    assertThat(plain.exitCode()).as(plain.toString()).isZero();
    assertThat(plain.err()).isEmpty();
    assertThat(plain.out()).startsWith("signet: ").contains("\nGitVersion:    ").isEqualTo(parsed.out());
    assertThat(parsed.exitCode()).isZero();
  }

  @Test
  void onlyTheBareCommandWithoutBindingVariablesTakesTheShortPath() {
    CliContext bare = context(java.util.Map.of());
    assertThat(Main.isPlainVersion(new String[] {"version"}, bare)).isTrue();
    assertThat(Main.isPlainVersion(new String[] {"version", "--json"}, bare)).isFalse();
    assertThat(Main.isPlainVersion(new String[] {"-d", "version"}, bare)).isFalse();
    assertThat(Main.isPlainVersion(new String[] {"verify"}, bare)).isFalse();
    assertThat(Main.isPlainVersion(new String[] {"version"}, context(java.util.Map.of("COSIGN_JSON", "true"))))
        .isFalse();
  }

  @Test
  void cosignJsonInTheEnvironmentStillSelectsJson() {
    CliRunner.Result r = CliRunner.in(dir).env("COSIGN_JSON", "true").run("version");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).startsWith("{\n  \"gitVersion\": ");
  }

  private CliContext context(java.util.Map<String, String> env) {
    java.io.PrintStream sink = new java.io.PrintStream(java.io.OutputStream.nullOutputStream());
    return new CliContext(env, new java.io.ByteArrayInputStream(new byte[0]), sink, sink, dir,
        java.time.Clock.systemUTC(), false);
  }
}
