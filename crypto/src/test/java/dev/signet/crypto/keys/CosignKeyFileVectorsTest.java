package dev.signet.crypto.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.crypto.KeyFormatException;
import dev.signet.crypto.Signers;
import dev.signet.crypto.Verifiers;
import dev.signet.crypto.WrongPasswordException;
import dev.signet.crypto.testutil.Vectors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** keys/encrypted of the shared cosign vectors (MANIFEST.md). */
class CosignKeyFileVectorsTest {

  private static final String DIR = "keys/encrypted";
  private static final char[] HELLO = "hello".toCharArray();

  @ParameterizedTest
  @CsvSource({
    "cosign-label-ec-p256-pkcs8.pw-hello.key, cosign-label-ec-p256-pkcs8.derived.pub, COSIGN",
    "sigstore-label-ec-p256-pkcs8.pw-hello.key, sigstore-label-ec-p256-pkcs8.derived.pub, SIGSTORE",
  })
  void decrypt_pkcs8VectorsGiveTheDerivedPublicKey(
      String keyFile, String pubFile, CosignKeyFile.Label label) throws Exception {
    byte[] pem = Vectors.cosignFile(DIR, keyFile);
    PublicKey expected = PublicKeys.parse(Vectors.cosignFile(DIR, pubFile), pubFile);

    PrivateKeyHandle key = CosignKeyFile.decrypt(pem, HELLO, keyFile);

    assertThat(key.publicKey()).isEqualTo(expected);
    assertThat(CosignKeyFile.label(pem, keyFile)).isEqualTo(label);
    byte[] sig = Signers.from(key).sign(new byte[] {1, 2, 3});
    assertThatCode(() -> Verifiers.from(expected).verify(new byte[] {1, 2, 3}, sig))
        .doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "cosign-label-ec-p256-pkcs8.pw-hello.key",
        "cosign-label-ec-p256-sec1.pw-hello.key",
        "sigstore-label-ec-p256-pkcs8.pw-hello.key",
      })
  void decrypt_rejectsWrongPassword(String keyFile) {
    byte[] pem = Vectors.cosignFile(DIR, keyFile);
    assertThatThrownBy(() -> CosignKeyFile.decrypt(pem, "wrong".toCharArray(), keyFile))
        .isInstanceOf(WrongPasswordException.class)
        .hasMessage("decrypt " + keyFile + ": wrong password (the encrypted key's MAC did not verify)");
  }

  @Test
  void decrypt_rejectsSec1Plaintext() {
    String keyFile = "cosign-label-ec-p256-sec1.pw-hello.key";
    byte[] pem = Vectors.cosignFile(DIR, keyFile);
    assertThatThrownBy(() -> CosignKeyFile.decrypt(pem, HELLO, keyFile))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("decrypt " + keyFile)
        .hasMessageContaining(
            "x509: failed to parse private key (use ParseECPrivateKey instead for this key format)");
  }

  @Test
  void decrypt_sec1DerivedPubIsTheImportedSec1Key() throws Exception {
    // The SEC1 payload is the same key as keys/import/validecp256.key (same public key).
    PublicKey sec1Pub =
        PublicKeys.parse(
            Vectors.cosignFile(DIR, "cosign-label-ec-p256-sec1.derived.pub"), "sec1.derived.pub");
    PrivateKeyHandle imported =
        PrivateKeyImport.importPem(
            Vectors.cosignFile("keys/import", "validecp256.key"), "validecp256.key");
    assertThat(imported.publicKey()).isEqualTo(sec1Pub);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "hello", "password", "123"})
  void decrypt_ciKeyWithUnknownPasswordFailsTheMac(String guess) {
    String keyFile = "cosign-ci-unknown-password.key";
    byte[] pem = Vectors.cosignFile(DIR, keyFile);
    assertThatThrownBy(() -> CosignKeyFile.decrypt(pem, guess.toCharArray(), keyFile))
        .isInstanceOf(WrongPasswordException.class);
  }

  @Test
  void label_ciKeyParsesAsCosignLabelWithLegacyParams() throws Exception {
    byte[] pem = Vectors.cosignFile(DIR, "cosign-ci-unknown-password.key");
    assertThat(CosignKeyFile.label(pem, "ci")).isEqualTo(CosignKeyFile.Label.COSIGN);
    EncryptedKeyEnvelope envelope =
        EncryptedKeyEnvelope.parse(
            dev.signet.crypto.internal.Pem.decodeFirst(pem).orElseThrow().bytes(), "ci");
    assertThat(envelope.params).isEqualTo(ScryptParams.LEGACY);
    assertThat(envelope.salt).hasSize(32);
    assertThat(envelope.nonce).hasSize(24);
  }

  @Test
  void manifest_everyEncryptedVectorIsCovered() throws IOException {
    Path dir = Vectors.cosign(DIR);
    List<String> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
    assertThat(files)
        .containsExactlyInAnyOrder(
            "cosign-ci-unknown-password.key",
            "cosign-label-ec-p256-pkcs8.derived.pub",
            "cosign-label-ec-p256-pkcs8.pw-hello.key",
            "cosign-label-ec-p256-sec1.derived.pub",
            "cosign-label-ec-p256-sec1.pw-hello.key",
            "sigstore-label-ec-p256-pkcs8.derived.pub",
            "sigstore-label-ec-p256-pkcs8.pw-hello.key");
  }

  @Test
  void derivedPubFiles_areByteIdenticalToToPem() throws Exception {
    for (String f :
        List.of(
            "cosign-label-ec-p256-pkcs8.derived.pub",
            "sigstore-label-ec-p256-pkcs8.derived.pub",
            "cosign-label-ec-p256-sec1.derived.pub")) {
      byte[] bytes = Vectors.cosignFile(DIR, f);
      assertThat(PublicKeys.toPem(PublicKeys.parse(bytes, f)))
          .isEqualTo(new String(bytes, StandardCharsets.US_ASCII));
    }
  }
}
