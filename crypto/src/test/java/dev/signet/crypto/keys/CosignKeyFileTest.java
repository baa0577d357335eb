package dev.signet.crypto.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.crypto.KeyFormatException;
import dev.signet.crypto.SignatureAlgorithm;
import dev.signet.crypto.WrongPasswordException;
import dev.signet.crypto.internal.Pem;
import dev.signet.crypto.testutil.TestKeys;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Round trips and the exact output format of {@link CosignKeyFile#encrypt}. */
class CosignKeyFileTest {

  private static final char[] PASSWORD = "correct horse".toCharArray();
  private static final PrivateKeyHandle P256 =
      TestKeys.forAlgorithm(SignatureAlgorithm.ECDSA_P256_SHA256);

  @ParameterizedTest
  @EnumSource(CosignKeyFile.Label.class)
  void encrypt_roundTripsWithBothLabels(CosignKeyFile.Label label) throws Exception {
    byte[] pem = CosignKeyFile.encrypt(P256, PASSWORD, label);

    assertThat(new String(pem, StandardCharsets.US_ASCII))
        .startsWith("-----BEGIN " + label.pemLabel() + "-----\n")
        .endsWith("-----END " + label.pemLabel() + "-----\n");
    assertThat(CosignKeyFile.label(pem, "k")).isEqualTo(label);
    assertThat(CosignKeyFile.decrypt(pem, PASSWORD, "k").publicKey()).isEqualTo(P256.publicKey());
  }

  @ParameterizedTest
  @EnumSource(SignatureAlgorithm.class)
  void encrypt_roundTripsEveryKeyType(SignatureAlgorithm alg) throws Exception {
    PrivateKeyHandle key = TestKeys.forAlgorithm(alg);
    byte[] pem =
        CosignKeyFile.encrypt(
            key, PASSWORD, CosignKeyFile.Label.SIGSTORE, ScryptParams.LEGACY, new SecureRandom());
    PrivateKeyHandle back = CosignKeyFile.decrypt(pem, PASSWORD, "k");
    assertThat(back.publicKey()).isEqualTo(key.publicKey());
    assertThat(back.unwrapPrivateKey().getEncoded())
        .isEqualTo(key.unwrapPrivateKey().getEncoded());
  }

  @Test
  void encrypt_emptyPasswordRoundTripsAndOtherPasswordsFail() throws Exception {
    byte[] pem = CosignKeyFile.encrypt(P256, new char[0]);
    assertThat(CosignKeyFile.decrypt(pem, new char[0], "k").publicKey())
        .isEqualTo(P256.publicKey());
    assertThatThrownBy(() -> CosignKeyFile.decrypt(pem, " ".toCharArray(), "k"))
        .isInstanceOf(WrongPasswordException.class);
  }

  @Test
  void encrypt_nonAsciiPasswordIsUtf8() throws Exception {
    char[] pw = "pässwörd-🔑".toCharArray();
    byte[] pem = CosignKeyFile.encrypt(P256, pw, CosignKeyFile.Label.SIGSTORE);
    assertThat(CosignKeyFile.decrypt(pem, pw.clone(), "k").publicKey())
        .isEqualTo(P256.publicKey());
    assertThat(pw).isEqualTo("pässwörd-🔑".toCharArray()); // caller's array is untouched
  }

  @Test
  void encrypt_writesCompactJsonInCosignFieldOrder() throws Exception {
    String json = json(CosignKeyFile.encrypt(P256, PASSWORD));
    assertThat(json)
        .matches(
            "\\{\"kdf\":\\{\"name\":\"scrypt\",\"params\":\\{\"N\":65536,\"r\":8,\"p\":1\\},"
                + "\"salt\":\"[A-Za-z0-9+/]{43}=\"\\},"
                + "\"cipher\":\\{\"name\":\"nacl/secretbox\",\"nonce\":\"[A-Za-z0-9+/]{32}\"\\},"
                + "\"ciphertext\":\"[A-Za-z0-9+/=]+\"\\}");
    JsonNode node = new ObjectMapper().readTree(json);
    byte[] ciphertext = Base64.getDecoder().decode(node.at("/ciphertext").asText());
    assertThat(ciphertext).hasSize(16 + P256.toPkcs8().length);
  }

  @Test
  void encrypt_writesPemWith64ColumnLinesAndNoHeaders() {
    String pem = new String(CosignKeyFile.encrypt(P256, PASSWORD), StandardCharsets.US_ASCII);
    String[] lines = pem.split("\n", -1);
    assertThat(lines[0]).isEqualTo("-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----");
    assertThat(lines[lines.length - 2]).isEqualTo("-----END ENCRYPTED SIGSTORE PRIVATE KEY-----");
    assertThat(lines[lines.length - 1]).isEmpty(); // trailing newline
    for (int i = 1; i < lines.length - 3; i++) {
      assertThat(lines[i]).hasSize(64).doesNotContain(":");
    }
    assertThat(lines[lines.length - 3].length()).isBetween(1, 64);
    assertThat(pem).doesNotContain("\r");
  }

  @Test
  void encrypt_usesFreshSaltAndNonce() throws Exception {
    JsonNode a = new ObjectMapper().readTree(json(CosignKeyFile.encrypt(P256, PASSWORD)));
    JsonNode b = new ObjectMapper().readTree(json(CosignKeyFile.encrypt(P256, PASSWORD)));
    assertThat(a.at("/kdf/salt")).isNotEqualTo(b.at("/kdf/salt"));
    assertThat(a.at("/cipher/nonce")).isNotEqualTo(b.at("/cipher/nonce"));
  }

  @Test
  void encrypt_writesPkcs8WithEcPublicKeyLikeGo() throws Exception {
    byte[] der = P256.toPkcs8();
    org.bouncycastle.asn1.pkcs.PrivateKeyInfo info =
        org.bouncycastle.asn1.pkcs.PrivateKeyInfo.getInstance(der);
    org.bouncycastle.asn1.sec.ECPrivateKey inner =
        org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(info.parsePrivateKey());
    assertThat(inner.getPublicKey()).isNotNull();
    assertThat(der).hasSize(138); // the size of cosign's PKCS#8 P-256 keys
  }

  @Test
  void decrypt_acceptsOwaspScryptParameters() throws Exception {
    byte[] pem =
        CosignKeyFile.encrypt(
            P256, PASSWORD, CosignKeyFile.Label.COSIGN, ScryptParams.OWASP, new SecureRandom());
    assertThat(json(pem)).contains("\"N\":131072");
    assertThat(CosignKeyFile.decrypt(pem, PASSWORD, "k").publicKey()).isEqualTo(P256.publicKey());
  }

  @Test
  void decrypt_rejectsScryptParametersOutsideTheAllowedSets() {
    String json = json(CosignKeyFile.encrypt(P256, PASSWORD)).replace("\"N\":65536", "\"N\":1024");
    assertThatThrownBy(() -> CosignKeyFile.decrypt(rewrap(json), PASSWORD, "weak.key"))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("decrypt weak.key: unsupported scrypt parameters N=1024, r=8, p=1");
    String r16 = json(CosignKeyFile.encrypt(P256, PASSWORD)).replace("\"r\":8", "\"r\":16");
    assertThatThrownBy(() -> CosignKeyFile.decrypt(rewrap(r16), PASSWORD, "k"))
        .isInstanceOf(KeyFormatException.class);
  }

  @Test
  void decrypt_rejectsUnknownKdfAndCipher() {
    String json = json(CosignKeyFile.encrypt(P256, PASSWORD));
    assertThatThrownBy(
            () -> CosignKeyFile.decrypt(rewrap(json.replace("scrypt", "argon2")), PASSWORD, "k"))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("argon2");
    assertThatThrownBy(
            () ->
                CosignKeyFile.decrypt(
                    rewrap(json.replace("nacl/secretbox", "aes-gcm")), PASSWORD, "k"))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("aes-gcm");
  }

  @Test
  void decrypt_tamperedCiphertextFailsTheMac() throws Exception {
    JsonNode node = new ObjectMapper().readTree(json(CosignKeyFile.encrypt(P256, PASSWORD)));
    byte[] ct = Base64.getDecoder().decode(node.at("/ciphertext").asText());
    ct[ct.length - 1] ^= 1;
    ((com.fasterxml.jackson.databind.node.ObjectNode) node)
        .put("ciphertext", Base64.getEncoder().encodeToString(ct));
    assertThatThrownBy(() -> CosignKeyFile.decrypt(rewrap(node.toString()), PASSWORD, "k"))
        .isInstanceOf(WrongPasswordException.class);
  }

  @Test
  void decrypt_rejectsOtherPemTypesAndNonPem() {
    byte[] publicPem = PublicKeys.toPem(P256.publicKey()).getBytes(StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> CosignKeyFile.decrypt(publicPem, PASSWORD, "cosign.pub"))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("decrypt cosign.pub: unsupported pem type: PUBLIC KEY");
    assertThatThrownBy(
            () -> CosignKeyFile.decrypt("not pem".getBytes(StandardCharsets.UTF_8), PASSWORD, "x"))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("invalid pem block");
    byte[] badJson =
        Pem.encode("ENCRYPTED SIGSTORE PRIVATE KEY", "{nope".getBytes(StandardCharsets.UTF_8))
            .getBytes(StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> CosignKeyFile.decrypt(badJson, PASSWORD, "x"))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("not the JSON of an encrypted cosign key");
  }

  private static String json(byte[] pem) {
    return new String(Pem.decodeFirst(pem).orElseThrow().bytes(), StandardCharsets.UTF_8);
  }

  private static byte[] rewrap(String json) {
    return Pem.encode("ENCRYPTED SIGSTORE PRIVATE KEY", json.getBytes(StandardCharsets.UTF_8))
        .getBytes(StandardCharsets.US_ASCII);
  }
}
