package dev.signet.crypto.keys;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.crypto.KeyFormatException;
import dev.signet.crypto.internal.SecretBox;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The JSON inside an encrypted cosign key: {@code
 * {"kdf":{"name":"scrypt","params":{"N":…,"r":8,"p":1},"salt":…},"cipher":{"name":"nacl/secretbox","nonce":…},"ciphertext":…}}
 * with byte fields as standard base64. Written compact, in exactly this field order (the order of
 * go-securesystemslib's Go structs).
 */
final class EncryptedKeyEnvelope {

  static final String KDF_SCRYPT = "scrypt";
  static final String CIPHER_SECRETBOX = "nacl/secretbox";
  static final int SALT_BYTES = 32;

  private static final ObjectMapper JSON = new ObjectMapper();

  final ScryptParams params;
  final byte[] salt;
  final byte[] nonce;
  final byte[] ciphertext;

  EncryptedKeyEnvelope(ScryptParams params, byte[] salt, byte[] nonce, byte[] ciphertext) {
    this.params = params;
    this.salt = salt;
    this.nonce = nonce;
    this.ciphertext = ciphertext;
  }

  byte[] toJson() {
    Base64.Encoder b64 = Base64.getEncoder();
    ObjectNode root = JSON.createObjectNode();
    ObjectNode kdf = root.putObject("kdf");
    kdf.put("name", KDF_SCRYPT);
    ObjectNode p = kdf.putObject("params");
    p.put("N", params.n());
    p.put("r", ScryptParams.R);
    p.put("p", ScryptParams.P);
    kdf.put("salt", b64.encodeToString(salt));
    ObjectNode cipher = root.putObject("cipher");
    cipher.put("name", CIPHER_SECRETBOX);
    cipher.put("nonce", b64.encodeToString(nonce));
    root.put("ciphertext", b64.encodeToString(ciphertext));
    try {
      return JSON.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Parses and checks the envelope; {@code context} prefixes every message.
   *
   * @throws KeyFormatException for malformed JSON, unknown KDF or cipher, scrypt parameters outside
   *     the three allowed sets, or a nonce that is not 24 bytes
   */
  static EncryptedKeyEnvelope parse(byte[] json, String context) throws KeyFormatException {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw new KeyFormatException(
          context + ": the PEM body is not the JSON of an encrypted cosign key", e);
    }
    if (root == null || !root.isObject()) {
      throw new KeyFormatException(
          context + ": the PEM body is not the JSON of an encrypted cosign key");
    }
    String kdf = text(root, context, "kdf", "name");
    if (!KDF_SCRYPT.equals(kdf)) {
      throw new KeyFormatException(context + ": unsupported key derivation function: " + kdf);
    }
    String cipher = text(root, context, "cipher", "name");
    if (!CIPHER_SECRETBOX.equals(cipher)) {
      throw new KeyFormatException(context + ": unsupported cipher: " + cipher);
    }
    long n = number(root, context, "kdf", "params", "N");
    long r = number(root, context, "kdf", "params", "r");
    long p = number(root, context, "kdf", "params", "p");
    ScryptParams params =
        ScryptParams.of(n, r, p)
            .orElseThrow(
                () ->
                    new KeyFormatException(
                        context + ": unsupported scrypt parameters N=" + n + ", r=" + r + ", p="
                            + p + " (allowed: N=32768, 65536 or 131072 with r=8, p=1)"));
    byte[] nonce = bytes(root, context, "cipher", "nonce");
    if (nonce.length != SecretBox.NONCE_BYTES) {
      throw new KeyFormatException(
          context + ": incorrect nonce length " + nonce.length + " (expected 24 bytes)");
    }
    return new EncryptedKeyEnvelope(
        params, bytes(root, context, "kdf", "salt"), nonce, bytes(root, context, "ciphertext"));
  }

  private static JsonNode field(JsonNode root, String context, String... path)
      throws KeyFormatException {
    JsonNode node = root;
    for (String name : path) {
      node = node.get(name);
      if (node == null || node.isNull()) {
        throw new KeyFormatException(
            context + ": encrypted key JSON lacks " + String.join(".", path));
      }
    }
    return node;
  }

  private static String text(JsonNode root, String context, String... path)
      throws KeyFormatException {
    JsonNode node = field(root, context, path);
    if (!node.isTextual()) {
      throw new KeyFormatException(context + ": " + String.join(".", path) + " is not a string");
    }
    return node.textValue();
  }

  private static long number(JsonNode root, String context, String... path)
      throws KeyFormatException {
    JsonNode node = field(root, context, path);
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      throw new KeyFormatException(context + ": " + String.join(".", path) + " is not an integer");
    }
    return node.longValue();
  }

  private static byte[] bytes(JsonNode root, String context, String... path)
      throws KeyFormatException {
    String value = text(root, context, path);
    try {
      return Base64.getDecoder().decode(value);
    } catch (IllegalArgumentException e) {
      throw new KeyFormatException(
          context + ": " + String.join(".", path) + " is not valid base64", e);
    }
  }
}
