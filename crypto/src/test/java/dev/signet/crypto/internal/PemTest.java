package dev.signet.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PemTest {

  @Test
  void encode_wrapsAt64AndEndsWithNewline() {
    String pem = Pem.encode("TEST", new byte[100]); // 136 base64 characters
    assertThat(pem)
        .isEqualTo(
            "-----BEGIN TEST-----\n"
                + "A".repeat(64) + "\n"
                + "A".repeat(64) + "\n"
                + "AAAAAA==\n"
                + "-----END TEST-----\n");
  }

  @Test
  void decodeFirst_roundTripsAndSkipsSurroundingText() {
    byte[] data = {1, 2, 3, (byte) 0xff};
    String text = "leading junk\n" + Pem.encode("X Y", data) + "after\n";
    Pem.Block block = Pem.decodeFirst(bytes(text)).orElseThrow();
    assertThat(block.label()).isEqualTo("X Y");
    assertThat(block.bytes()).isEqualTo(data);
  }

  @Test
  void decodeFirst_acceptsCrlfAndHeaders() {
    String text =
        "-----BEGIN A-----\r\nProc-Type: 4,ENCRYPTED\r\n\r\nAQID\r\n-----END A-----\r\n";
    assertThat(Pem.decodeFirst(bytes(text)).orElseThrow().bytes()).containsExactly(1, 2, 3);
  }

  @Test
  void decodeFirst_skipsBlocksWithInvalidBase64() {
    String bad = "-----BEGIN A-----\nAQID\n=8+cN\n-----END A-----\n";
    assertThat(Pem.decodeFirst(bytes(bad))).isEmpty();
    String thenGood = bad + "-----BEGIN B-----\nAQID\n-----END B-----\n";
    assertThat(Pem.decodeFirst(bytes(thenGood)).orElseThrow().label()).isEqualTo("B");
  }

  @Test
  void decodeFirst_requiresMatchingEndLine() {
    assertThat(Pem.decodeFirst(bytes("-----BEGIN A-----\nAQID\n-----END B-----\n"))).isEmpty();
    assertThat(Pem.decodeFirst(bytes("-----BEGIN A-----\nAQID\n"))).isEmpty();
    assertThat(Pem.decodeFirst(bytes("no pem here"))).isEmpty();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
