package dev.signet.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.crypto.keys.KeyGenerator;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class SignatureAlgorithmTest {

  private static final SecureRandom RANDOM = new SecureRandom();

  @ParameterizedTest
  @CsvSource({
    "ECDSA_P256_SHA256, SHA256withECDSA, SHA-256, EC",
    "ECDSA_P384_SHA384, SHA384withECDSA, SHA-384, EC",
    "ECDSA_P521_SHA512, SHA512withECDSA, SHA-512, EC",
    "RSA_PKCS1_SHA256, SHA256withRSA, SHA-256, RSA",
    "ED25519, Ed25519, SHA-512, Ed25519",
    "ED25519PH, Ed25519ph, SHA-512, Ed25519",
  })
  void names_matchJcaAndHash(SignatureAlgorithm alg, String jca, String hash, String keyAlg) {
    assertThat(alg.jcaName()).isEqualTo(jca);
    assertThat(alg.hashAlgorithm()).isEqualTo(hash);
    assertThat(alg.keyAlgorithm()).isEqualTo(keyAlg);
  }

  @ParameterizedTest
  @EnumSource(
      value = SignatureAlgorithm.class,
      names = {"ECDSA_P256_SHA256", "ECDSA_P384_SHA384", "ECDSA_P521_SHA512", "ED25519"})
  void forKey_hashFollowsKeyType(SignatureAlgorithm alg) throws Exception {
    PublicKey key = KeyGenerator.generate(alg, RANDOM).publicKey();
    assertThat(SignatureAlgorithm.forKey(key)).isEqualTo(alg);
  }

  @Test
  void forKey_ed25519phKeyDefaultsToPure() throws Exception {
    PublicKey key = KeyGenerator.generate(SignatureAlgorithm.ED25519PH, RANDOM).publicKey();
    assertThat(SignatureAlgorithm.forKey(key)).isEqualTo(SignatureAlgorithm.ED25519);
  }

  @Test
  void forKey_rsaAnySizeFrom2048To4096() throws Exception {
    assertThat(SignatureAlgorithm.forKey(rsa(2048))).isEqualTo(SignatureAlgorithm.RSA_PKCS1_SHA256);
    assertThat(SignatureAlgorithm.forKey(rsa(2560))).isEqualTo(SignatureAlgorithm.RSA_PKCS1_SHA256);
  }

  @Test
  void forKey_rejectsSmallRsa() throws Exception {
    assertThatThrownBy(() -> SignatureAlgorithm.forKey(rsa(1024)))
        .isInstanceOf(UnsupportedKeyException.class)
        .hasMessageContaining("key size not supported: 1024");
  }

  @Test
  void forKey_rejectsP224() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC", new BouncyCastleProvider());
    g.initialize(new ECGenParameterSpec("secp224r1"));
    assertThatThrownBy(() -> SignatureAlgorithm.forKey(g.generateKeyPair().getPublic()))
        .isInstanceOf(UnsupportedKeyException.class)
        .hasMessageContaining("ECDSA curve P-224 not allowed");
  }

  @Test
  void forKey_rejectsOtherKeyTypes() throws Exception {
    PublicKey x25519 = KeyPairGenerator.getInstance("X25519").generateKeyPair().getPublic();
    assertThatThrownBy(() -> SignatureAlgorithm.forKey(x25519))
        .isInstanceOf(UnsupportedKeyException.class)
        .hasMessageContaining("unsupported public key type");
  }

  @Test
  void sigstoreName_includesRsaSize() throws Exception {
    assertThat(SignatureAlgorithm.RSA_PKCS1_SHA256.sigstoreName(rsa(3072)))
        .isEqualTo("PKIX_RSA_PKCS1V15_3072_SHA256");
    assertThatThrownBy(() -> SignatureAlgorithm.RSA_PKCS1_SHA256.sigstoreName(rsa(2560)))
        .isInstanceOf(UnsupportedKeyException.class);
  }

  @Test
  void sigstoreName_forEcAndEd25519() throws Exception {
    PublicKey p256 = KeyGenerator.generateEcdsaP256().publicKey();
    PublicKey ed = KeyGenerator.generate(SignatureAlgorithm.ED25519, RANDOM).publicKey();
    assertThat(SignatureAlgorithm.ECDSA_P256_SHA256.sigstoreName(p256))
        .isEqualTo("PKIX_ECDSA_P256_SHA_256");
    assertThat(SignatureAlgorithm.ED25519.sigstoreName(ed)).isEqualTo("PKIX_ED25519");
    assertThat(SignatureAlgorithm.ED25519PH.sigstoreName(ed)).isEqualTo("PKIX_ED25519_PH");
    assertThatThrownBy(() -> SignatureAlgorithm.ECDSA_P384_SHA384.sigstoreName(p256))
        .isInstanceOf(UnsupportedKeyException.class);
  }

  @Test
  void fromSigstoreName_roundTrips() throws Exception {
    assertThat(SignatureAlgorithm.fromSigstoreName("PKIX_ECDSA_P521_SHA_512"))
        .isEqualTo(SignatureAlgorithm.ECDSA_P521_SHA512);
    assertThat(SignatureAlgorithm.fromSigstoreName("PKIX_RSA_PKCS1V15_4096_SHA256"))
        .isEqualTo(SignatureAlgorithm.RSA_PKCS1_SHA256);
    assertThat(SignatureAlgorithm.fromSigstoreName("PKIX_ED25519_PH"))
        .isEqualTo(SignatureAlgorithm.ED25519PH);
    assertThatThrownBy(() -> SignatureAlgorithm.fromSigstoreName("PKIX_RSA_PSS_2048_SHA256"))
        .isInstanceOf(UnsupportedKeyException.class);
  }

  @Test
  void supportsPrehash_allButPureEd25519() {
    for (SignatureAlgorithm a : SignatureAlgorithm.values()) {
      assertThat(a.supportsPrehash()).as(a.name()).isEqualTo(a != SignatureAlgorithm.ED25519);
    }
  }

  private static PublicKey rsa(int bits) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(bits);
    return g.generateKeyPair().getPublic();
  }
}
