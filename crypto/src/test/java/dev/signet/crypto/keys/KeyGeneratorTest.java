package dev.signet.crypto.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.crypto.SignatureAlgorithm;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPublicKey;
import org.junit.jupiter.api.Test;

class KeyGeneratorTest {

  @Test
  void generateEcdsaP256_givesDistinctP256Keys() {
    PrivateKeyHandle a = KeyGenerator.generateEcdsaP256();
    PrivateKeyHandle b = KeyGenerator.generateEcdsaP256();
    assertThat(a.algorithm()).isEqualTo(SignatureAlgorithm.ECDSA_P256_SHA256);
    assertThat(a.publicKey()).isNotEqualTo(b.publicKey());
    assertThat(a.unwrapPrivateKey()).isInstanceOf(ECPrivateKey.class);
  }

  @Test
  void generate_ed25519phGivesAnEd25519Key() {
    PrivateKeyHandle key = KeyGenerator.generate(SignatureAlgorithm.ED25519PH, new SecureRandom());
    assertThat(key.algorithm()).isEqualTo(SignatureAlgorithm.ED25519);
  }

  @Test
  void generate_rsaNeedsASize() {
    assertThatThrownBy(
            () -> KeyGenerator.generate(SignatureAlgorithm.RSA_PKCS1_SHA256, new SecureRandom()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> KeyGenerator.generateRsa(1024, new SecureRandom()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void generateRsa_usesRequestedSizeAndF4() {
    RSAPublicKey pub =
        (RSAPublicKey) KeyGenerator.generateRsa(2048, new SecureRandom()).publicKey();
    assertThat(pub.getModulus().bitLength()).isEqualTo(2048);
    assertThat(pub.getPublicExponent().intValue()).isEqualTo(65537);
  }
}
