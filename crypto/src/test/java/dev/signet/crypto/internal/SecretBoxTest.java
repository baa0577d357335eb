package dev.signet.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SecretBoxTest {

  /** golang.org/x/crypto nacl/secretbox TestSecretBox (output of the NaCl C implementation). */
  private static final String GO_KAT =
      "8442bc313f4626f1359e3b50122b6ce6fe66ddfe7d39d14e637eb4fd5b45beadab55198df6ab5368439792a23c87db70"
          + "acb6156dc5ef957ac04f6276cf6093b84be77ff0849cc33e34b7254d5a8f65ad";

  @Test
  void seal_matchesNaclKnownAnswer() {
    byte[] key = filled(32, 1);
    byte[] nonce = filled(24, 2);
    byte[] message = filled(64, 3);

    byte[] box = SecretBox.seal(message, nonce, key);

    assertThat(HexFormat.of().formatHex(box)).isEqualTo(GO_KAT);
    assertThat(SecretBox.open(box, nonce, key)).hasValueSatisfying(m -> assertThat(m).isEqualTo(message));
  }

  @Test
  void open_rejectsEveryModifiedByte() {
    SecureRandom random = new SecureRandom();
    byte[] key = new byte[32];
    byte[] nonce = new byte[24];
    byte[] message = new byte[70];
    random.nextBytes(key);
    random.nextBytes(nonce);
    random.nextBytes(message);
    byte[] box = SecretBox.seal(message, nonce, key);

    for (int i = 0; i < box.length; i++) {
      box[i] ^= 0x20;
      assertThat(SecretBox.open(box, nonce, key)).as("byte %d", i).isEmpty();
      box[i] ^= 0x20;
    }
    byte[] otherKey = key.clone();
    otherKey[0] ^= 1;
    assertThat(SecretBox.open(box, nonce, otherKey)).isEmpty();
    byte[] otherNonce = nonce.clone();
    otherNonce[23] ^= 1;
    assertThat(SecretBox.open(box, otherNonce, key)).isEmpty();
  }

  @Test
  void open_handlesEmptyAndShortBoxes() {
    byte[] key = filled(32, 7);
    byte[] nonce = filled(24, 8);
    byte[] box = SecretBox.seal(new byte[0], nonce, key);
    assertThat(box).hasSize(SecretBox.TAG_BYTES);
    assertThat(SecretBox.open(box, nonce, key)).hasValueSatisfying(m -> assertThat(m).isEmpty());
    assertThat(SecretBox.open(new byte[15], nonce, key)).isEmpty();
  }

  private static byte[] filled(int n, int value) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) value);
    return b;
  }
}
