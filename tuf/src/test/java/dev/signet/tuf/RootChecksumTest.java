package dev.signet.tuf;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RootChecksumTest {
  private static final byte[] DATA = "abc".getBytes(StandardCharsets.US_ASCII);
  private static final String SHA256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
  private static final String SHA512 = "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
      + "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f";

  @Test
  void acceptsBareHexOfEitherLengthAndPrefixedForms() {
    assertThatCode(() -> RootChecksum.verify("root.json", DATA, SHA256)).doesNotThrowAnyException();
    assertThatCode(() -> RootChecksum.verify("root.json", DATA, "sha256:" + SHA256.toUpperCase())).doesNotThrowAnyException();
    assertThatCode(() -> RootChecksum.verify("root.json", DATA, SHA512)).doesNotThrowAnyException();
    assertThatCode(() -> RootChecksum.verify("root.json", DATA, "sha512:" + SHA512)).doesNotThrowAnyException();
  }

  @Test
  void aWrongChecksumNamesBothValues() {
    String wrong = SHA256.replace('b', 'c');
    assertThatThrownBy(() -> RootChecksum.verify("root.json", DATA, wrong))
        .hasMessage("root.json: sha256 " + SHA256 + " does not match --root-checksum " + wrong);
  }

  @Test
  void malformedChecksumsAreRefused() {
    assertThatThrownBy(() -> RootChecksum.verify("root.json", DATA, "md5:00"))
        .hasMessage("--root-checksum: unknown algorithm md5 (use sha256 or sha512)");
    assertThatThrownBy(() -> RootChecksum.verify("root.json", DATA, "abc"))
        .hasMessage("--root-checksum: expected 64 hex digits of sha256, got \"abc\"");
  }
}
