package dev.signet.cli.blob;

import static dev.signet.cli.CliRegistryFixture.assertOneErrorLine;
import static dev.signet.cli.CliRegistryFixture.errorLine;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.cli.CliRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The flag rules of verify-blob, verify-blob-attestation and verify-attestation that hold before any
 * signature is looked at: one line, exit 1, for each misuse.
 */
class VerifyFlagsTest {
  @TempDir Path dir;

  private CliRunner cli;

  @BeforeEach
  void setUp() throws Exception {
    cli = CliRunner.in(dir);
    Files.writeString(dir.resolve("a.txt"), "a");
    Files.writeString(dir.resolve("policy.cue"), "predicateType: \"x\"");
  }

  private String fails(String... args) {
    CliRunner.Result r = cli.run(args);
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    assertOneErrorLine(r);
    return errorLine(r);
  }

  @Test
  void policyFilesAreRefusedInOneLine() {
    assertThat(fails("verify-attestation", "--key", "cosign.pub", "--policy", "policy.cue", "127.0.0.1:1/app:v1"))
        .isEqualTo("Error: --policy (CUE/Rego) is not supported; Signet checks the predicate type (--type) and the subject digest");
  }

  @Test
  void keyAndIdentityRules() {
    assertThat(fails("verify-blob", "--bundle", "b.json", "a.txt"))
        .contains("needs --key, or --certificate-identity[-regexp] and --certificate-oidc-issuer[-regexp]");
    assertThat(fails("verify-blob", "--key", "cosign.pub", "--certificate-identity", "me", "--bundle", "b.json", "a.txt"))
        .contains("--key cannot be combined with --certificate-identity");
    assertThat(fails("verify-blob", "--certificate-identity", "me", "--bundle", "b.json", "a.txt"))
        .contains("--certificate-oidc-issuer");
    assertThat(fails("verify-blob", "--certificate-identity", "me", "--certificate-identity-regexp", "m.*",
        "--certificate-oidc-issuer", "https://issuer", "--bundle", "b.json", "a.txt"))
        .contains("only one of --certificate-identity and --certificate-identity-regexp");
    assertThat(fails("verify-blob", "--certificate-identity-regexp", "(", "--certificate-oidc-issuer", "https://i",
        "--bundle", "b.json", "a.txt")).contains("--certificate-identity-regexp ( is not a regular expression");
    assertThat(fails("verify-blob", "--key", "cosign.pub", "a.txt")).contains("give --bundle FILE");
  }

  @Test
  void predicateTypeAndOutputRules() {
    assertThat(fails("verify-blob-attestation", "--key", "cosign.pub", "--type", "bogus", "--bundle", "b.json", "a.txt"))
        .contains("invalid predicate type: bogus");
    assertThat(fails("verify-attestation", "--key", "cosign.pub", "--type", "bogus", "127.0.0.1:1/app:v1"))
        .contains("invalid predicate type: bogus");
    assertThat(fails("verify-attestation", "--key", "cosign.pub", "-o", "yaml", "127.0.0.1:1/app:v1"))
        .contains("unknown --output yaml");
    assertThat(fails("verify-blob-attestation", "--key", "cosign.pub", "--bundle", "b.json"))
        .contains("give the artifact");
  }
}
