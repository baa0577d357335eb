package dev.signet.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.crypto.internal.EcdsaEncoding;
import dev.signet.crypto.keys.PrivateKeyHandle;
import dev.signet.crypto.testutil.TestKeys;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SignersTest {

  private static final byte[] DATA = "the payload".getBytes(StandardCharsets.UTF_8);

  @ParameterizedTest
  @EnumSource(SignatureAlgorithm.class)
  void sign_roundTripsWithVerifier(SignatureAlgorithm alg) throws Exception {
    PrivateKeyHandle key = TestKeys.forAlgorithm(alg);
    Signer signer = Signers.from(key, alg);

    byte[] sig = signer.sign(DATA);

    assertThat(signer.algorithm()).isEqualTo(alg);
    assertThat(signer.publicKey()).isEqualTo(key.publicKey());
    assertThatCode(() -> Verifiers.from(key.publicKey(), alg).verify(DATA, sig))
        .doesNotThrowAnyException();
  }

  @ParameterizedTest
  @EnumSource(
      value = SignatureAlgorithm.class,
      names = {"ECDSA_P256_SHA256", "ECDSA_P384_SHA384", "ECDSA_P521_SHA512"})
  void sign_ecdsaOutputIsDerThatTheJdkAccepts(SignatureAlgorithm alg) throws Exception {
    PrivateKeyHandle key = TestKeys.forAlgorithm(alg);
    byte[] sig = Signers.from(key).sign(DATA);

    assertThat(sig[0]).isEqualTo((byte) 0x30);
    int fieldBytes = alg == SignatureAlgorithm.ECDSA_P521_SHA512 ? 66
        : alg == SignatureAlgorithm.ECDSA_P384_SHA384 ? 48 : 32;
    assertThat(EcdsaEncoding.derToP1363(sig, fieldBytes)).hasSize(2 * fieldBytes);
    Signature jdk = Signature.getInstance(alg.jcaName());
    jdk.initVerify(key.publicKey());
    jdk.update(DATA);
    assertThat(jdk.verify(sig)).isTrue();
  }

  @Test
  void from_defaultsToKeyAlgorithm() throws Exception {
    PrivateKeyHandle ed = TestKeys.forAlgorithm(SignatureAlgorithm.ED25519);
    assertThat(Signers.from(ed).algorithm()).isEqualTo(SignatureAlgorithm.ED25519);
    PrivateKeyHandle p384 = TestKeys.forAlgorithm(SignatureAlgorithm.ECDSA_P384_SHA384);
    assertThat(Signers.from(p384).algorithm()).isEqualTo(SignatureAlgorithm.ECDSA_P384_SHA384);
  }

  @Test
  void from_rejectsAlgorithmOfAnotherKeyType() {
    PrivateKeyHandle p256 = TestKeys.forAlgorithm(SignatureAlgorithm.ECDSA_P256_SHA256);
    assertThatThrownBy(() -> Signers.from(p256, SignatureAlgorithm.ED25519PH))
        .isInstanceOf(UnsupportedKeyException.class)
        .hasMessageContaining("ECDSA_P256_SHA256")
        .hasMessageContaining("ED25519PH");
    assertThatThrownBy(() -> Signers.from(p256, SignatureAlgorithm.ECDSA_P384_SHA384))
        .isInstanceOf(UnsupportedKeyException.class);
  }

  @Test
  void ed25519_pureAndPrehashedSignaturesDiffer() throws Exception {
    PrivateKeyHandle ed = TestKeys.forAlgorithm(SignatureAlgorithm.ED25519);
    byte[] pure = Signers.from(ed, SignatureAlgorithm.ED25519).sign(DATA);
    byte[] ph = Signers.from(ed, SignatureAlgorithm.ED25519PH).sign(DATA);

    assertThat(pure).isNotEqualTo(ph);
    assertThatThrownBy(
            () -> Verifiers.from(ed.publicKey(), SignatureAlgorithm.ED25519).verify(DATA, ph))
        .isInstanceOf(SignatureVerificationException.class);
  }

  @Test
  void toString_showsNoKeyMaterial() {
    PrivateKeyHandle key = TestKeys.forAlgorithm(SignatureAlgorithm.ECDSA_P256_SHA256);
    assertThat(Signers.from(key).toString()).startsWith("Signer[ECDSA_P256_SHA256, ");
  }
}
