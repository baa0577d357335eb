package dev.signet.cli.command;

import static dev.signet.cli.command.KeyCommandVectors.mode;
import static dev.signet.cli.command.KeyCommandVectors.read;
import static dev.signet.cli.command.KeyCommandVectors.readString;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.cli.CliRunner;
import dev.signet.crypto.SignatureAlgorithm;
import dev.signet.crypto.keys.CosignKeyFile;
import dev.signet.crypto.keys.PrivateKeyHandle;
import dev.signet.crypto.keys.PublicKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateKeyPairCommandTest {

  @TempDir Path dir;

  private CliRunner runner(String password) {
    return CliRunner.in(dir).env("COSIGN_PASSWORD", password);
  }

  private static PrivateKeyHandle decrypt(Path key, String password) throws Exception {
    return CosignKeyFile.decrypt(read(key), password.toCharArray(), key.getFileName().toString());
  }

  @Test
  void writesAnEncryptedP256KeyAndItsPublicKeyWithCosignsModes() throws Exception {
    CliRunner.Result r = runner("hello").run("generate-key-pair");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(r.errLines()).containsExactly("Private key written to cosign.key", "Public key written to cosign.pub");
    Path key = dir.resolve("cosign.key");
    Path pub = dir.resolve("cosign.pub");
    assertThat(mode(key)).isEqualTo("rw-------");
    assertThat(mode(pub)).isEqualTo("rw-r--r--");
    assertThat(readString(key)).startsWith("-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\n");
    PrivateKeyHandle handle = decrypt(key, "hello");
    assertThat(handle.algorithm()).isEqualTo(SignatureAlgorithm.ECDSA_P256_SHA256);
    assertThat(readString(pub)).isEqualTo(PublicKeys.toPem(handle.publicKey()));
  }

  @Test
  void anEmptyCosignPasswordIsAPassword() throws Exception {
    assertThat(runner("").run("generate-key-pair").exitCode()).isZero();

    assertThat(decrypt(dir.resolve("cosign.key"), "").publicKey())
        .isEqualTo(PublicKeys.parse(read(dir.resolve("cosign.pub")), "cosign.pub"));
  }

  @Test
  void withoutCosignPasswordThePasswordIsAllOfStandardInput() throws Exception {
    CliRunner.Result r = CliRunner.in(dir).stdin("from stdin\n").run("generate-key-pair");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(decrypt(dir.resolve("cosign.key"), "from stdin\n")).isNotNull();
  }

  @Test
  void publicKeyPrintsTheSamePemAsThePubFile() {
    CliRunner run = runner("hello");
    assertThat(run.run("generate-key-pair").exitCode()).isZero();

    CliRunner.Result r = run.run("public-key", "--key", "cosign.key");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).isEqualTo(readString(dir.resolve("cosign.pub")));
  }

  @Test
  void refusesToOverwriteWithoutYesAndLeavesTheOldFilesAlone() throws Exception {
    byte[] oldKey = "old key".getBytes(StandardCharsets.US_ASCII);
    byte[] oldPub = "old pub".getBytes(StandardCharsets.US_ASCII);
    Files.write(dir.resolve("cosign.key"), oldKey);
    Files.write(dir.resolve("cosign.pub"), oldPub);

    CliRunner.Result r = runner("hello").run("generate-key-pair");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.err()).startsWith("Error: cosign.key and cosign.pub already exist").contains("--yes");
    assertThat(read(dir.resolve("cosign.key"))).isEqualTo(oldKey);
    assertThat(read(dir.resolve("cosign.pub"))).isEqualTo(oldPub);
  }

  @Test
  void anExistingPubFileAloneIsAlsoProtected() throws Exception {
    Files.writeString(dir.resolve("cosign.pub"), "old pub");

    CliRunner.Result r = runner("hello").run("generate-key-pair");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("cosign.pub already exists");
    assertThat(dir.resolve("cosign.key")).doesNotExist();
  }

  @Test
  void yesOverwrites_alsoFromCosignYes() throws Exception {
    Files.writeString(dir.resolve("cosign.key"), "old key");
    Files.writeString(dir.resolve("cosign.pub"), "old pub");

    assertThat(runner("a").run("generate-key-pair", "--yes").exitCode()).isZero();
    assertThat(decrypt(dir.resolve("cosign.key"), "a")).isNotNull();

    assertThat(runner("b").env("COSIGN_YES", "true").run("generate-key-pair").exitCode()).isZero();
    assertThat(decrypt(dir.resolve("cosign.key"), "b")).isNotNull();
  }

  @Test
  void onATerminalItAsksBeforeOverwriting() throws Exception {
    Files.writeString(dir.resolve("cosign.key"), "old key");
    CliRunner terminal = runner("hello").interactive(true);

    CliRunner.Result declined = terminal.stdin("n\n").run("generate-key-pair");
    assertThat(declined.exitCode()).isEqualTo(1);
    assertThat(declined.err())
        .contains("WARNING: File cosign.key already exists. Overwrite?")
        .contains("Are you sure you would like to continue? [y/N] ")
        .contains("Error: user declined the prompt");
    assertThat(readString(dir.resolve("cosign.key"))).isEqualTo("old key");

    CliRunner.Result accepted = terminal.stdin("y\n").run("generate-key-pair");
    assertThat(accepted.exitCode()).as(accepted.toString()).isZero();
    assertThat(decrypt(dir.resolve("cosign.key"), "hello")).isNotNull();
  }

  @Test
  void outputKeyPrefixFromTheEnvironment() {
    CliRunner.Result r = runner("hello").env("COSIGN_OUTPUT_KEY_PREFIX", "foo").run("generate-key-pair");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(dir.resolve("foo.key")).exists();
    assertThat(dir.resolve("foo.pub")).exists();
    assertThat(dir.resolve("cosign.key")).doesNotExist();
    assertThat(r.err()).contains("Private key written to foo.key");
  }

  @Test
  void singleDashLongFlagWorksWithAWarning() {
    CliRunner.Result r = runner("hello").run("generate-key-pair", "-output-key-prefix", "bar");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(dir.resolve("bar.key")).exists();
    assertThat(dir.resolve("bar.pub")).exists();
    assertThat(r.errLines().get(0)).startsWith("WARNING").contains("-output-key-prefix");
  }

  @Test
  void prefixMayNameAnotherDirectory() throws Exception {
    Files.createDirectory(dir.resolve("keys"));

    CliRunner.Result r = runner("hello").run("generate-key-pair", "--output-key-prefix", "keys/release");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(dir.resolve("keys/release.key")).exists();
    assertThat(r.err()).contains("Public key written to keys/release.pub");
  }

  @Test
  void aMissingDirectoryIsAOneLineError() {
    CliRunner.Result r = runner("hello").run("generate-key-pair", "--output-key-prefix", "nope/release");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.err()).startsWith("Error: write nope/release.key: directory ").contains("does not exist");
  }

  @Test
  void whenThePublicKeyCannotBeWrittenNoPrivateKeyIsLeftBehind() throws Exception {
    Files.createDirectories(dir.resolve("cosign.pub/occupied")); // a non-empty directory cannot be replaced

    CliRunner.Result r = runner("hello").run("generate-key-pair", "--yes");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.err()).startsWith("Error: write cosign.pub: ").contains("cosign.key was removed again");
    assertThat(dir.resolve("cosign.key")).doesNotExist();
    assertThat(r.err()).doesNotContain("Private key written");
  }

  @Test
  void whenThePublicKeyCannotBeWrittenThePreviousPrivateKeyIsRestored() throws Exception {
    Files.writeString(dir.resolve("cosign.key"), "old key");
    Files.createDirectories(dir.resolve("cosign.pub/occupied"));

    CliRunner.Result r = runner("hello").run("generate-key-pair", "--yes");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(readString(dir.resolve("cosign.key"))).isEqualTo("old key");
  }

  @Test
  void kmsIsRefusedWithoutWritingFiles() throws Exception {
    CliRunner.Result r = runner("hello").run("generate-key-pair", "--kms", "awskms:///alias/x");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.err()).startsWith("Error: KMS keys are not supported yet");
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void secretDestinationsAreRefusedWithoutWritingFiles() throws Exception {
    for (String destination : new String[] {"k8s://ns/name", "github://owner/repo", "gitlab://group/project"}) {
      CliRunner.Result r = runner("hello").run("generate-key-pair", destination);

      assertThat(r.exitCode()).isEqualTo(1);
      assertThat(r.errLines()).hasSize(1);
      assertThat(r.err()).startsWith("Error: ").contains("are not supported yet: " + destination);
    }
    assertThat(dir).isEmptyDirectory();
  }
}
