package dev.signet.crypto.internal;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.bouncycastle.crypto.generators.SCrypt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScryptTest {

  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replace(" ", ""));
  }

  /**
   * RFC 7914 §12. The fourth vector (N = 2^20, 1 GiB of memory) is left out: it proves nothing the
   * third does not, and would take a gigabyte from a shared test machine.
   */
  @ParameterizedTest
  @CsvSource({
    "'', '', 16, 1, 1, 77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442"
        + "fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906",
    "password, NaCl, 1024, 8, 16, fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162"
        + "2eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640",
    "pleaseletmein, SodiumChloride, 16384, 8, 1, 7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3e"
        + "a9b543f6545da1f2d5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887",
  })
  void derive_matchesRfc7914Vectors(String password, String salt, int n, int r, int p, String dk) {
    assertThat(Scrypt.derive(password.getBytes(US_ASCII), salt.getBytes(US_ASCII), n, r, p, 64))
        .isEqualTo(hex(dk));
  }

  /** RFC 7914 §11: PBKDF2-HMAC-SHA256 with one iteration, the step scrypt starts and ends with. */
  @Test
  void pbkdf2_matchesRfc7914Vector() {
    assertThat(Scrypt.pbkdf2Sha256Once("passwd".getBytes(US_ASCII), "salt".getBytes(US_ASCII), 64))
        .isEqualTo(
            hex("55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
                + "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783"));
  }

  @Property(tries = 60)
  void derive_equalsBouncyCastle(
      @ForAll @Size(max = 40) byte[] password,
      @ForAll @Size(max = 40) byte[] salt,
      @ForAll @IntRange(min = 1, max = 10) int log2n,
      @ForAll @IntRange(min = 1, max = 4) int r,
      @ForAll @IntRange(min = 1, max = 3) int p,
      @ForAll @IntRange(min = 1, max = 100) int length) {
    int n = 1 << log2n;
    assertThat(Scrypt.derive(password, salt, n, r, p, length))
        .isEqualTo(SCrypt.generate(password, salt, n, r, p, length));
  }

  @Test
  void derive_equalsBouncyCastleForCosignParameters() {
    byte[] password = "correct horse".getBytes(US_ASCII);
    byte[] salt = hex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
    assertThat(Scrypt.derive(password, salt, 32768, 8, 1, 32))
        .isEqualTo(SCrypt.generate(password, salt, 32768, 8, 1, 32));
  }

  @Test
  void derive_rejectsBadParameters() {
    byte[] b = new byte[1];
    assertThatThrownBy(() -> Scrypt.derive(b, b, 1000, 8, 1, 32))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("power of 2");
    assertThatThrownBy(() -> Scrypt.derive(b, b, 1, 8, 1, 32))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Scrypt.derive(b, b, 16, 0, 1, 32))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Scrypt.derive(b, b, 16, 8, 0, 32))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Scrypt.derive(b, b, 1 << 30, 8, 1, 32))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("memory");
    assertThatThrownBy(() -> Scrypt.derive(b, b, 16, 8, 1, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
