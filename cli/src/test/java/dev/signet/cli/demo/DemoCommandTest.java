package dev.signet.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.cli.CliRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code signet demo}: key-based and keyless parts run to the end against real in-process registries. */
class DemoCommandTest {
  @TempDir Path dir;

  @Test
  void theDemoSignsWithAKeyAndKeylesslyAndVerifiesBoth() throws Exception {
    CliRunner.Result r = CliRunner.in(dir).withoutEnv("SIGSTORE_ID_TOKEN").run("demo", "--data", "d");
    String all = r.out() + r.err();
    assertThat(r.exitCode()).as(all).isZero();
    assertThat(all).contains("Verified 127.0.0.1:").contains("with cosign.pub")
        .contains("Verifying an unsigned image: rejected as expected")
        .contains("$ signet sign --yes --signing-config").contains("--identity-token $TOKEN")
        .containsPattern("Verified 127\\.0\\.0\\.1:\\d+/demo/keyless:v1 as signed by http://127\\.0\\.0\\.1:\\d+/accounts/admin")
        .contains("Demo finished: every step behaved as expected.");
    assertThat(all).doesNotContainPattern("eyJ[A-Za-z0-9_-]{20,}\\.");
    assertThat(Files.exists(dir.resolve("d/keyless/trusted_root.json"))).isTrue();
  }
}
