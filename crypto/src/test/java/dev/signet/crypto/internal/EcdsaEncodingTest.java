package dev.signet.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class EcdsaEncodingTest {

  // sigstore/sigstore ecdsa_test.go: the same signature in both encodings would be a stronger
  // check, but the two vectors there are separate signatures; use a DER value and its conversion.
  private static final byte[] DER =
      Base64.getDecoder()
          .decode(
              "MEQCIGvnAsUT6P4PoJoKxP331ZFU2LfzxnuvulK14Rl3zNKIAiBJCSA7NdmAZkLNqxmWnbBp8ntJYVZmUR0Tbm"
                  + "v6ftS8ww==");

  @Test
  void derToP1363_andBackIsIdentity() {
    byte[] p1363 = EcdsaEncoding.derToP1363(DER, 32);
    assertThat(p1363).hasSize(64);
    assertThat(EcdsaEncoding.p1363ToDer(p1363)).isEqualTo(DER);
  }

  @Test
  void derToP1363_padsShortComponents() {
    byte[] der = EcdsaEncoding.p1363ToDer(concat(new byte[31], new byte[] {5}, new byte[32]));
    byte[] back = EcdsaEncoding.derToP1363(der, 32);
    assertThat(back[31]).isEqualTo((byte) 5);
    assertThat(back).hasSize(64);
  }

  @Test
  void derToP1363_rejectsNonDer() {
    assertThatThrownBy(() -> EcdsaEncoding.derToP1363(new byte[] {1, 2, 3}, 32))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EcdsaEncoding.p1363ToDer(new byte[3]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int off = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, off, p.length);
      off += p.length;
    }
    return out;
  }
}
