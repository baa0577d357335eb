package dev.signet.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.cli.CliContext;
import dev.signet.cli.CommandFailure;
import dev.signet.cli.options.KeyLoader;
import dev.signet.crypto.SignatureAlgorithm;
import dev.signet.crypto.Signer;
import dev.signet.crypto.Verifiers;
import dev.signet.crypto.keys.CosignKeyFile;
import dev.signet.crypto.keys.KeyGenerator;
import dev.signet.crypto.keys.PrivateKeyHandle;
import dev.signet.crypto.keys.PublicKeys;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link KeyLoader} (dev.signet.cli.options), exercised directly with a {@link CliContext}. */
class KeyLoaderTest {

  @TempDir Path dir;

  private CliContext context(Map<String, String> env, String stdin) {
    PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    return new CliContext(
        env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), sink, sink, dir, Clock.systemUTC(), false);
  }

  private PrivateKeyHandle writeKey(String name, String password) throws Exception {
    PrivateKeyHandle key = KeyGenerator.generateEcdsaP256();
    Files.write(dir.resolve(name), CosignKeyFile.encrypt(key, password.toCharArray()));
    return key;
  }

  @Test
  void signerSignsWithTheDecryptedKey() throws Exception {
    PrivateKeyHandle key = writeKey("cosign.key", "pw");

    Signer signer = KeyLoader.signer("cosign.key", context(Map.of("COSIGN_PASSWORD", "pw"), ""));

    byte[] signature = signer.sign(new byte[] {7});
    Verifiers.from(key.publicKey()).verify(new byte[] {7}, signature);
    assertThat(signer.algorithm()).isEqualTo(SignatureAlgorithm.ECDSA_P256_SHA256);
  }

  @Test
  void ed25519KeysCanBeLoadedForEd25519ph() throws Exception {
    PrivateKeyHandle key = KeyGenerator.generate(SignatureAlgorithm.ED25519, new SecureRandom());
    Files.write(dir.resolve("ed.key"), CosignKeyFile.encrypt(key, new char[0]));

    Signer signer = KeyLoader.signer("ed.key", context(Map.of("COSIGN_PASSWORD", ""), ""), SignatureAlgorithm.ED25519PH);

    assertThat(signer.algorithm()).isEqualTo(SignatureAlgorithm.ED25519PH);
    writeKey("p256.key", "");
    assertThatThrownBy(
            () -> KeyLoader.signer("p256.key", context(Map.of("COSIGN_PASSWORD", ""), ""), SignatureAlgorithm.ED25519PH))
        .isInstanceOf(CommandFailure.class)
        .hasMessageContaining("p256.key");
  }

  @Test
  void loadPrivateKeyReadsThePasswordFromStdinAndNamesTheKeyOnFailure() throws Exception {
    PrivateKeyHandle key = writeKey("k.key", "stdin-pw");

    assertThat(KeyLoader.loadPrivateKey("k.key", context(Map.of(), "stdin-pw")).publicKey()).isEqualTo(key.publicKey());
    assertThatThrownBy(() -> KeyLoader.loadPrivateKey("k.key", context(Map.of(), "nope")))
        .isInstanceOf(CommandFailure.class)
        .hasMessageStartingWith("decrypt k.key: wrong password")
        .satisfies(e -> assertThat(((CommandFailure) e).exitCode()).isEqualTo(1));
  }

  @Test
  void loadPrivateKeyRefusesPublicKeys() throws Exception {
    Files.writeString(dir.resolve("cosign.pub"), PublicKeys.toPem(KeyGenerator.generateEcdsaP256().publicKey()));

    assertThatThrownBy(() -> KeyLoader.loadPrivateKey("cosign.pub", context(Map.of("COSIGN_PASSWORD", ""), "")))
        .isInstanceOf(CommandFailure.class)
        .hasMessageContaining("cosign.pub")
        .hasMessageContaining("PUBLIC KEY");
  }

  @Test
  void loadPublicKeyAcceptsPublicKeysAndEncryptedPrivateKeys() throws Exception {
    PrivateKeyHandle key = writeKey("cosign.key", "pw");
    Files.writeString(dir.resolve("cosign.pub"), PublicKeys.toPem(key.publicKey()));

    assertThat(KeyLoader.loadPublicKey("cosign.pub", context(Map.of(), ""))).isEqualTo(key.publicKey());
    assertThat(KeyLoader.loadPublicKey("cosign.key", context(Map.of("COSIGN_PASSWORD", "pw"), "")))
        .isEqualTo(key.publicKey());
    assertThat(
            KeyLoader.loadPublicKey(
                "env://PUB", context(Map.of("PUB", PublicKeys.toPem(key.publicKey())), "")))
        .isEqualTo(key.publicKey());
  }

  @Test
  void errorsNameTheKeyReference() {
    assertThatThrownBy(() -> KeyLoader.loadPublicKey("env://UNSET", context(Map.of(), "")))
        .isInstanceOf(CommandFailure.class)
        .hasMessageContaining("env://UNSET");
    assertThatThrownBy(() -> KeyLoader.loadPublicKey(null, context(Map.of(), "")))
        .isInstanceOf(CommandFailure.class)
        .hasMessageContaining("--key");
  }
}
