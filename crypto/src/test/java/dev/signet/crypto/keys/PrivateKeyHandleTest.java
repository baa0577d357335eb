package dev.signet.crypto.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.crypto.KeyFormatException;
import dev.signet.crypto.SignatureAlgorithm;
import dev.signet.crypto.UnsupportedKeyException;
import dev.signet.crypto.testutil.TestKeys;
import java.math.BigInteger;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PrivateKeyHandleTest {

  @Test
  void of_acceptsAMatchingPair() throws Exception {
    PrivateKeyHandle key = KeyGenerator.generateEcdsaP256();
    PrivateKeyHandle wrapped = PrivateKeyHandle.of(key.unwrapPrivateKey(), key.publicKey());
    assertThat(wrapped.algorithm()).isEqualTo(SignatureAlgorithm.ECDSA_P256_SHA256);
  }

  @Test
  void of_rejectsAPublicKeyOfAnotherPrivateKey() {
    PrivateKeyHandle a = KeyGenerator.generateEcdsaP256();
    PrivateKeyHandle b = KeyGenerator.generateEcdsaP256();
    assertThatThrownBy(() -> PrivateKeyHandle.of(a.unwrapPrivateKey(), b.publicKey()))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("does not belong");
  }

  @Test
  void of_rejectsSmallRsaKeys() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(1024);
    var pair = g.generateKeyPair();
    assertThatThrownBy(() -> PrivateKeyHandle.of(pair.getPrivate(), pair.getPublic()))
        .isInstanceOf(UnsupportedKeyException.class);
  }

  @ParameterizedTest
  @EnumSource(SignatureAlgorithm.class)
  void toString_showsAlgorithmAndHintButNoKeyMaterial(SignatureAlgorithm alg) {
    PrivateKeyHandle key = TestKeys.forAlgorithm(alg);
    String text = key.toString();
    byte[] pkcs8 = key.toPkcs8();

    assertThat(text)
        .isEqualTo(
            "PrivateKeyHandle[" + key.algorithm() + ", public key "
                + PublicKeys.hint(key.publicKey()) + "]");
    assertThat(text).doesNotContain(Base64.getEncoder().encodeToString(pkcs8).substring(40, 60));
    if (key.unwrapPrivateKey() instanceof ECPrivateKey) {
      BigInteger s = ((ECPrivateKey) key.unwrapPrivateKey()).getS();
      assertThat(text).doesNotContain(s.toString(16)).doesNotContain(s.toString());
      assertThat(text).doesNotContain(HexFormat.of().formatHex(s.toByteArray()));
    }
  }

  @Test
  void equals_isIdentity() throws Exception {
    PrivateKeyHandle key = KeyGenerator.generateEcdsaP256();
    PrivateKeyHandle same = PrivateKeyHandle.of(key.unwrapPrivateKey(), key.publicKey());
    assertThat(key).isNotEqualTo(same);
    assertThat(key).isEqualTo(key);
  }
}
