package dev.signet.crypto.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.crypto.CryptoException;
import dev.signet.crypto.KeyFormatException;
import dev.signet.crypto.SignatureAlgorithm;
import dev.signet.crypto.Signers;
import dev.signet.crypto.UnsupportedKeyException;
import dev.signet.crypto.Verifiers;
import dev.signet.crypto.testutil.Vectors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** keys/import of the shared cosign vectors: the table of MANIFEST.md ({@code TestImportPrivateKey}). */
class PrivateKeyImportTest {

  private static final String DIR = "keys/import";

  /** Files that import, their algorithm, and the public key hint computed with OpenSSL. */
  @ParameterizedTest
  @CsvSource({
    "validrsa.key,       RSA_PKCS1_SHA256,  NaT94VFP6rpk7ta/d14VXWTYLuhIrdZz1GzHvvzG52U=",
    "validrsapkcs1.key,  RSA_PKCS1_SHA256,  LZbmaL9635sMxQA2+IgR1BHZBRQATBNmU2N7Tlq+eog=",
    "validrsapkcs8.key,  RSA_PKCS1_SHA256,  GdaaGOTjWZRBCs7aI64RrzJy0Z0OosaMOE69Q8Lk8is=",
    "validecp256.key,    ECDSA_P256_SHA256, bZ1PAvZz+AVw1e0vYSNgYM5kR1GICpXx4kgvpCDx4z4=",
    "validecp384.key,    ECDSA_P384_SHA384, qiLfaaAr/ubujRxjrgpQHi9Gz3pA/WsI14Lr87Biycs=",
    "validecp521.key,    ECDSA_P521_SHA512, i32JCSohzfMSzQfpzkmhtvAI8h+6Her+I1Bc7GtLz8E=",
    "validecpkcs8.key,   ECDSA_P256_SHA256, t9OeYHQ/BOh7a8Dt/8LioXPnd5i6NyEqVwwN98T+D6o=",
    "ed25519key.key,     ED25519,           9oaK3cEDIO2gbufUVhjVUPi5U8u7B61f8DSEkRf/HwQ=",
  })
  void importPem_validKeysImport(String file, SignatureAlgorithm alg, String hint)
      throws Exception {
    PrivateKeyHandle key = PrivateKeyImport.importPem(Vectors.cosignFile(DIR, file), file);

    assertThat(key.algorithm()).isEqualTo(alg);
    assertThat(PublicKeys.hint(key.publicKey())).isEqualTo(hint);
    byte[] sig = Signers.from(key).sign(new byte[] {42});
    assertThatCode(() -> Verifiers.from(key.publicKey()).verify(new byte[] {42}, sig))
        .doesNotThrowAnyException();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "invalidrsawithpubkey.key | KEY_FORMAT  | unsupported private key",
        "invalidrsasmallkey.key   | UNSUPPORTED | error validating rsa key: key size not supported: 1024",
        "invalidrsalargekey.key   | UNSUPPORTED | error validating rsa key: key size not supported: 5120",
        "invalidecp224.key        | UNSUPPORTED | error validating ecdsa key: ECDSA curve P-224 not allowed",
        "invalidecunsupported.key | KEY_FORMAT  | error parsing ecdsa private key",
        "invalidkey.key           | KEY_FORMAT  | invalid pem block",
      })
  void importPem_invalidKeysFailWithCosignsMessage(String file, String kind, String message) {
    byte[] pem = Vectors.cosignFile(DIR, file);
    Class<? extends CryptoException> type =
        kind.equals("UNSUPPORTED") ? UnsupportedKeyException.class : KeyFormatException.class;

    assertThatThrownBy(() -> PrivateKeyImport.importPem(pem, file))
        .isInstanceOf(type)
        .hasMessageStartingWith("import " + file + ": ")
        .hasMessageContaining(message);
  }

  @Test
  void manifest_everyImportVectorIsCovered() throws IOException {
    List<String> files;
    try (Stream<Path> s = Files.list(Vectors.cosign(DIR))) {
      files = s.map(p -> p.getFileName().toString()).collect(Collectors.toList());
    }
    assertThat(files)
        .containsExactlyInAnyOrder(
            "validrsa.key", "validrsapkcs1.key", "validrsapkcs8.key", "invalidrsawithpubkey.key",
            "invalidrsasmallkey.key", "invalidrsalargekey.key", "validecp256.key",
            "validecp384.key", "validecp521.key", "validecpkcs8.key", "invalidecp224.key",
            "invalidecunsupported.key", "ed25519key.key", "invalidkey.key");
  }

  @Test
  void importPem_rsaPrivateAndPublicVectorsShareTheModulus() throws Exception {
    PrivateKeyHandle key =
        PrivateKeyImport.importPem(Vectors.cosignFile(DIR, "validrsa.key"), "validrsa.key");
    assertThat(key.publicKey())
        .isEqualTo(
            PublicKeys.parse(Vectors.cosignFile(DIR, "invalidrsawithpubkey.key"), "pub"));
  }

  @Test
  void importPem_ignoresTextAroundTheBlock() throws Exception {
    byte[] pem = Vectors.cosignFile(DIR, "validecp256.key");
    byte[] wrapped =
        ("comment line\n" + new String(pem, StandardCharsets.US_ASCII) + "trailing\n")
            .getBytes(StandardCharsets.US_ASCII);
    assertThat(PrivateKeyImport.importPem(wrapped, "x").algorithm())
        .isEqualTo(SignatureAlgorithm.ECDSA_P256_SHA256);
  }

  @Test
  void importPem_encryptedCosignKeyIsRejectedWithAHint() {
    byte[] pem = Vectors.cosignFile("keys/encrypted", "sigstore-label-ec-p256-pkcs8.pw-hello.key");
    assertThatThrownBy(() -> PrivateKeyImport.importPem(pem, "cosign.key"))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("unsupported private key")
        .hasMessageContaining("already an encrypted cosign key");
  }

  @Test
  void importPem_thenEncryptAndDecryptKeepsTheKey() throws Exception {
    PrivateKeyHandle key =
        PrivateKeyImport.importPem(Vectors.cosignFile(DIR, "validecp521.key"), "validecp521.key");
    byte[] encrypted =
        CosignKeyFile.encrypt(key, "hello".toCharArray(), CosignKeyFile.Label.SIGSTORE);
    assertThat(CosignKeyFile.decrypt(encrypted, "hello".toCharArray(), "k").publicKey())
        .isEqualTo(key.publicKey());
  }
}
