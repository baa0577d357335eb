package dev.signet.crypto.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.crypto.KeyFormatException;
import dev.signet.crypto.SignatureAlgorithm;
import dev.signet.crypto.UnsupportedKeyException;
import dev.signet.crypto.testutil.Vectors;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PublicKeysTest {

  @ParameterizedTest
  @CsvSource({
    "cosign-ci.pub,      X0APXBZeKYuvfzXx9u3SD96vHrDW8QVIWMrQaReYmfg=",
    "cosign-release.pub, rbgIqwcUgkJ7ehNbmfZAWAVTdXxGRUtJ1tryJ8Ga748=",
  })
  void parse_cosignPublicKeysAndHint(String file, String hint) throws Exception {
    byte[] bytes = Vectors.cosignFile("keys/public", file);
    PublicKey key = PublicKeys.parse(bytes, file);

    assertThat(SignatureAlgorithm.forKey(key)).isEqualTo(SignatureAlgorithm.ECDSA_P256_SHA256);
    assertThat(PublicKeys.hint(key)).isEqualTo(hint);
    assertThat(PublicKeys.toPem(key)).isEqualTo(new String(bytes, StandardCharsets.US_ASCII));
  }

  @Test
  void parse_pemSpkiRsa4096() throws Exception {
    PublicKey key = PublicKeys.parse(Vectors.cosignFile("keys/public-parse", "google"), "google");
    assertThat(((RSAPublicKey) key).getModulus().bitLength()).isEqualTo(4096);
  }

  @Test
  void parse_pkcs1RsaPublicKey() throws Exception {
    PublicKey key = PublicKeys.parse(Vectors.cosignFile("keys/public-parse", "rsa"), "rsa");
    assertThat(((RSAPublicKey) key).getModulus().bitLength()).isEqualTo(4096);
    assertThat(PublicKeys.toPem(key)).startsWith("-----BEGIN PUBLIC KEY-----\n");
  }

  @Test
  void parse_rawDerSpki() throws Exception {
    byte[] der = Vectors.cosignFile("keys/public-parse", "letsencrypt-testflume-2021");
    PublicKey key = PublicKeys.parse(der, "letsencrypt-testflume-2021");
    assertThat(SignatureAlgorithm.forKey(key)).isEqualTo(SignatureAlgorithm.ECDSA_P256_SHA256);
    assertThat(key.getEncoded()).isEqualTo(der);
  }

  @Test
  void parse_rejectsGarbage() {
    byte[] garbage = Vectors.cosignFile("keys/public-parse", "garbage-there-are-limits");
    assertThatThrownBy(() -> PublicKeys.parse(garbage, "garbage-there-are-limits"))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageStartingWith("parse public key garbage-there-are-limits: ")
        .hasMessageContaining("not a public key");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "\u0030\u0003abc", "-----BEGIN PUBLIC KEY-----\n!!!\n-----END PUBLIC KEY-----\n"})
  void parse_rejectsMalformedInput(String input) {
    assertThatThrownBy(() -> PublicKeys.parse(input.getBytes(StandardCharsets.ISO_8859_1), "in"))
        .isInstanceOf(KeyFormatException.class);
  }

  @Test
  void parse_rejectsPrivateKeyPem() {
    byte[] pem = Vectors.cosignFile("keys/import", "validecpkcs8.key");
    assertThatThrownBy(() -> PublicKeys.parse(pem, "validecpkcs8.key"))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("unsupported PEM type PRIVATE KEY")
        .hasMessageContaining("this is a private key");
  }

  @Test
  void parse_rejectsCurvesOtherThanNistP256To521() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC", new BouncyCastleProvider());
    g.initialize(new ECGenParameterSpec("secp256k1"));
    byte[] der = g.generateKeyPair().getPublic().getEncoded();
    assertThatThrownBy(() -> PublicKeys.parse(der, "k1.der"))
        .isInstanceOf(UnsupportedKeyException.class)
        .hasMessageContaining("ECDSA curve secp256k1 not allowed");
  }

  @Test
  void toPem_usesSixtyFourColumnLinesAndTrailingNewline() throws Exception {
    PublicKey key = PublicKeys.parse(Vectors.cosignFile("keys/public-parse", "google"), "google");
    String pem = PublicKeys.toPem(key);
    String[] lines = pem.split("\n");
    assertThat(pem).endsWith("-----END PUBLIC KEY-----\n");
    for (int i = 1; i < lines.length - 2; i++) {
      assertThat(lines[i]).hasSize(64);
    }
    assertThat(PublicKeys.parse(pem.getBytes(StandardCharsets.US_ASCII), "pem")).isEqualTo(key);
  }
}
