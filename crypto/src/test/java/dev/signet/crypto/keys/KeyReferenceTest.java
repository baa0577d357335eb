package dev.signet.crypto.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.crypto.CryptoException;
import dev.signet.crypto.UnsupportedKeyException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyReferenceTest {

  @TempDir Path dir;

  @Test
  void resolve_readsRelativeFileAgainstBaseDirectory() throws Exception {
    Files.writeString(dir.resolve("cosign.pub"), "PEM");
    KeyReference ref = KeyReference.resolve("cosign.pub", Map.of(), dir);
    assertThat(ref.bytes()).isEqualTo("PEM".getBytes(StandardCharsets.UTF_8));
    assertThat(ref.source()).isEqualTo("cosign.pub");
    assertThat(ref.reference()).isEqualTo("cosign.pub");
  }

  @Test
  void resolve_readsAbsoluteFile() throws Exception {
    Path file = Files.writeString(dir.resolve("k.key"), "x");
    assertThat(KeyReference.resolve(file.toString(), Map.of()).bytes()).containsExactly('x');
  }

  @Test
  void resolve_missingFileNamesThePath() {
    assertThatThrownBy(() -> KeyReference.resolve("nope.key", Map.of(), dir))
        .isInstanceOf(CryptoException.class)
        .hasMessageContaining("file not found")
        .hasMessageContaining("nope.key");
  }

  @Test
  void resolve_envReadsTheGivenEnvironmentOnly() throws Exception {
    KeyReference ref = KeyReference.resolve("env://MY_KEY", Map.of("MY_KEY", "content"), dir);
    assertThat(ref.bytes()).isEqualTo("content".getBytes(StandardCharsets.UTF_8));
    assertThat(ref.source()).isEqualTo("env://MY_KEY");
  }

  @Test
  void resolve_envAllowsEmptyValue() throws Exception {
    assertThat(KeyReference.resolve("env://E", Map.of("E", ""), dir).bytes()).isEmpty();
  }

  @Test
  void resolve_unsetEnvVariableIsAnError() {
    assertThatThrownBy(() -> KeyReference.resolve("env://MISSING", Map.of(), dir))
        .isInstanceOf(CryptoException.class)
        .hasMessageContaining("environment variable MISSING is not set");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "awskms:///alias/x", "gcpkms://projects/p/locations/l/keyRings/r/cryptoKeys/k",
        "azurekms://vault/key", "hashivault://key", "k8s://ns/secret", "gitlab://owner/project",
        "sigstore-kms-plugin://whatever"
      })
  void resolve_kmsReferencesAreNotSupportedYet(String ref) {
    assertThatThrownBy(() -> KeyReference.resolve(ref, Map.of(), dir))
        .isInstanceOf(UnsupportedKeyException.class)
        .hasMessageContaining("KMS key references")
        .hasMessageContaining("not supported yet");
  }

  @Test
  void resolve_pkcs11AndHttpsAreNotSupportedYet() {
    assertThatThrownBy(() -> KeyReference.resolve("pkcs11:token=x;object=y", Map.of(), dir))
        .isInstanceOf(UnsupportedKeyException.class)
        .hasMessageContaining("PKCS#11");
    assertThatThrownBy(() -> KeyReference.resolve("https://example.com/k.pub", Map.of(), dir))
        .isInstanceOf(UnsupportedKeyException.class)
        .hasMessageContaining("not supported yet");
  }

  @Test
  void bytes_returnsACopy() throws Exception {
    KeyReference ref = KeyReference.resolve("env://E", Map.of("E", "abc"), dir);
    ref.bytes()[0] = 'z';
    assertThat(ref.bytes()).containsExactly('a', 'b', 'c');
  }
}
