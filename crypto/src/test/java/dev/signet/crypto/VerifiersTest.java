package dev.signet.crypto;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.crypto.internal.EcdsaEncoding;
import dev.signet.crypto.keys.PrivateKeyHandle;
import dev.signet.crypto.testutil.TestKeys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class VerifiersTest {

  private static final byte[] DATA = "the payload".getBytes(StandardCharsets.UTF_8);

  @ParameterizedTest
  @EnumSource(SignatureAlgorithm.class)
  void verify_rejectsTamperedData(SignatureAlgorithm alg) throws Exception {
    PrivateKeyHandle key = TestKeys.forAlgorithm(alg);
    byte[] sig = Signers.from(key, alg).sign(DATA);
    byte[] tampered = DATA.clone();
    tampered[0] ^= 1;

    assertThatThrownBy(() -> Verifiers.from(key.publicKey(), alg).verify(tampered, sig))
        .isInstanceOf(SignatureVerificationException.class)
        .hasMessageContaining("invalid signature");
  }

  @ParameterizedTest
  @EnumSource(SignatureAlgorithm.class)
  void verify_rejectsTamperedSignature(SignatureAlgorithm alg) throws Exception {
    PrivateKeyHandle key = TestKeys.forAlgorithm(alg);
    byte[] sig = Signers.from(key, alg).sign(DATA);
    sig[sig.length - 1] ^= 1;

    assertThatThrownBy(() -> Verifiers.from(key.publicKey(), alg).verify(DATA, sig))
        .isInstanceOf(SignatureVerificationException.class);
  }

  @ParameterizedTest
  @EnumSource(SignatureAlgorithm.class)
  void verify_rejectsGarbageSignature(SignatureAlgorithm alg) throws Exception {
    PrivateKeyHandle key = TestKeys.forAlgorithm(alg);
    assertThatThrownBy(() -> Verifiers.from(key.publicKey(), alg).verify(DATA, new byte[] {1, 2}))
        .isInstanceOf(SignatureVerificationException.class);
    assertThatThrownBy(() -> Verifiers.from(key.publicKey(), alg).verify(DATA, new byte[0]))
        .isInstanceOf(SignatureVerificationException.class);
  }

  @Test
  void verify_rejectsSignatureFromAnotherKey() throws Exception {
    byte[] sig =
        Signers.from(TestKeys.forAlgorithm(SignatureAlgorithm.ECDSA_P256_SHA256)).sign(DATA);
    PrivateKeyHandle other = dev.signet.crypto.keys.KeyGenerator.generateEcdsaP256();

    assertThatThrownBy(() -> Verifiers.from(other.publicKey()).verify(DATA, sig))
        .isInstanceOf(SignatureVerificationException.class);
  }

  @ParameterizedTest
  @CsvSource({"ECDSA_P256_SHA256, 32", "ECDSA_P384_SHA384, 48", "ECDSA_P521_SHA512, 66"})
  void verify_acceptsIeeeP1363Signatures(SignatureAlgorithm alg, int fieldBytes) throws Exception {
    PrivateKeyHandle key = TestKeys.forAlgorithm(alg);
    byte[] p1363 = EcdsaEncoding.derToP1363(Signers.from(key).sign(DATA), fieldBytes);
    Verifier verifier = Verifiers.from(key.publicKey());

    assertThatCode(() -> verifier.verify(DATA, p1363)).doesNotThrowAnyException();
    p1363[5] ^= 1;
    assertThatThrownBy(() -> verifier.verify(DATA, p1363))
        .isInstanceOf(SignatureVerificationException.class);
  }

  @ParameterizedTest
  @EnumSource(
      value = SignatureAlgorithm.class,
      names = {"ECDSA_P256_SHA256", "ECDSA_P384_SHA384", "ECDSA_P521_SHA512", "RSA_PKCS1_SHA256",
          "ED25519PH"})
  void verifyDigest_acceptsSignatureOverMessage(SignatureAlgorithm alg) throws Exception {
    PrivateKeyHandle key = TestKeys.forAlgorithm(alg);
    byte[] sig = Signers.from(key, alg).sign(DATA);
    byte[] digest = MessageDigest.getInstance(alg.hashAlgorithm()).digest(DATA);
    Verifier verifier = Verifiers.from(key.publicKey(), alg);

    assertThatCode(() -> verifier.verifyDigest(digest, sig)).doesNotThrowAnyException();
    digest[0] ^= 1;
    assertThatThrownBy(() -> verifier.verifyDigest(digest, sig))
        .isInstanceOf(SignatureVerificationException.class);
  }

  @Test
  void verifyDigest_rejectsDigestOfWrongLength() throws Exception {
    PrivateKeyHandle key = TestKeys.forAlgorithm(SignatureAlgorithm.ECDSA_P384_SHA384);
    byte[] sig = Signers.from(key).sign(DATA);
    byte[] sha256 = MessageDigest.getInstance("SHA-256").digest(DATA);

    assertThatThrownBy(() -> Verifiers.from(key.publicKey()).verifyDigest(sha256, sig))
        .isInstanceOf(SignatureVerificationException.class)
        .hasMessageContaining("SHA-384");
  }

  @Test
  void verifyDigest_unsupportedForPureEd25519() throws Exception {
    PrivateKeyHandle key = TestKeys.forAlgorithm(SignatureAlgorithm.ED25519);
    assertThatThrownBy(() -> Verifiers.from(key.publicKey()).verifyDigest(new byte[64], new byte[64]))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void from_rejectsMismatchedAlgorithm() {
    PrivateKeyHandle rsa = TestKeys.forAlgorithm(SignatureAlgorithm.RSA_PKCS1_SHA256);
    assertThatThrownBy(() -> Verifiers.from(rsa.publicKey(), SignatureAlgorithm.ECDSA_P256_SHA256))
        .isInstanceOf(UnsupportedKeyException.class);
  }
}
