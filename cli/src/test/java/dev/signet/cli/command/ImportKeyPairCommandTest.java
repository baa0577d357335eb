package dev.signet.cli.command;

import static dev.signet.cli.command.KeyCommandVectors.mode;
import static dev.signet.cli.command.KeyCommandVectors.read;
import static dev.signet.cli.command.KeyCommandVectors.readString;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.cli.CliRunner;
import dev.signet.crypto.Signers;
import dev.signet.crypto.Verifiers;
import dev.signet.crypto.keys.CosignKeyFile;
import dev.signet.crypto.keys.PrivateKeyHandle;
import dev.signet.crypto.keys.PrivateKeyImport;
import dev.signet.crypto.keys.PublicKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** keys/import of the shared cosign vectors (cosign's {@code TestImportPrivateKey} table). */
class ImportKeyPairCommandTest {

  @TempDir Path dir;

  private static Path vector(String name) {
    return KeyCommandVectors.cosign("keys/import").resolve(name).toAbsolutePath();
  }

  private CliRunner runner() {
    return CliRunner.in(dir).env("COSIGN_PASSWORD", "hello");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "validrsa.key", "validrsapkcs1.key", "validrsapkcs8.key", "validecp256.key", "validecp384.key",
        "validecp521.key", "validecpkcs8.key", "ed25519key.key"
      })
  void importsEveryValidVector(String name) throws Exception {
    Path input = vector(name);

    CliRunner.Result r = runner().run("import-key-pair", "--key", input.toString());

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.errLines())
        .containsExactly("Private key written to import-cosign.key", "Public key written to import-cosign.pub");
    Path key = dir.resolve("import-cosign.key");
    Path pub = dir.resolve("import-cosign.pub");
    assertThat(mode(key)).isEqualTo("rw-------");
    assertThat(mode(pub)).isEqualTo("rw-r--r--");
    assertThat(readString(key)).startsWith("-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\n");
    PrivateKeyHandle original = PrivateKeyImport.importPem(read(input), name);
    PrivateKeyHandle stored = CosignKeyFile.decrypt(read(key), "hello".toCharArray(), "import-cosign.key");
    assertThat(stored.publicKey()).isEqualTo(original.publicKey());
    assertThat(readString(pub)).isEqualTo(PublicKeys.toPem(original.publicKey()));
    byte[] signature = Signers.from(stored).sign(new byte[] {1, 2, 3});
    Verifiers.from(PublicKeys.parse(read(pub), "pub")).verify(new byte[] {1, 2, 3}, signature);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "invalidrsawithpubkey.key | unsupported private key",
        "invalidrsasmallkey.key   | error validating rsa key: key size not supported: 1024",
        "invalidrsalargekey.key   | error validating rsa key: key size not supported: 5120",
        "invalidecp224.key        | error validating ecdsa key: ECDSA curve P-224 not allowed",
        "invalidecunsupported.key | error parsing ecdsa private key",
        "invalidkey.key           | invalid pem block",
      })
  void invalidVectorsFailWithCosignsMessageAndWriteNothing(String name, String message) throws Exception {
    Path input = vector(name);

    CliRunner.Result r = runner().run("import-key-pair", "-k", input.toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.err()).startsWith("Error: import " + input + ": ").contains(message);
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void anEncryptedCosignKeyIsNotReimported() throws Exception {
    Path input = KeyCommandVectors.cosign("keys/encrypted").resolve("sigstore-label-ec-p256-pkcs8.pw-hello.key");

    CliRunner.Result r = runner().run("import-key-pair", "--key", input.toAbsolutePath().toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("unsupported private key").contains("already an encrypted cosign key");
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void outputPrefixAndRelativeInputPath() throws Exception {
    Files.copy(vector("validecp256.key"), dir.resolve("plain.pem"));

    CliRunner.Result r = runner().run("import-key-pair", "-k", "plain.pem", "-o", "release");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(dir.resolve("release.key")).exists();
    assertThat(dir.resolve("release.pub")).exists();
  }

  @Test
  void refusesToOverwriteWithoutYes() throws Exception {
    Files.writeString(dir.resolve("import-cosign.key"), "old key");
    String input = vector("validecp256.key").toString();

    CliRunner.Result refused = runner().run("import-key-pair", "--key", input);
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err()).startsWith("Error: import-cosign.key already exists").contains("--yes");
    assertThat(readString(dir.resolve("import-cosign.key"))).isEqualTo("old key");

    CliRunner.Result forced = runner().run("import-key-pair", "--key", input, "-y");
    assertThat(forced.exitCode()).as(forced.toString()).isZero();
    assertThat(readString(dir.resolve("import-cosign.key"))).startsWith("-----BEGIN ENCRYPTED SIGSTORE");
  }

  @Test
  void aMissingKeyFlagOrFileIsAOneLineError() {
    CliRunner.Result noFlag = runner().run("import-key-pair");
    assertThat(noFlag.exitCode()).isEqualTo(1);
    assertThat(noFlag.err()).isEqualTo("Error: required flag(s) \"key\" not set" + System.lineSeparator());

    CliRunner.Result noFile = runner().run("import-key-pair", "--key", "missing.pem");
    assertThat(noFile.exitCode()).isEqualTo(1);
    assertThat(noFile.errLines()).hasSize(1);
    assertThat(noFile.err()).startsWith("Error: import missing.pem: no such file: ");
    assertThat(dir).isEmptyDirectory();
  }
}
