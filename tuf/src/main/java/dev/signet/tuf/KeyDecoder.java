package dev.signet.tuf;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Decodes TUF key objects: {@code ecdsa} / {@code ecdsa-sha2-nistp256} (scheme {@code
 * ecdsa-sha2-nistp256}; PEM SubjectPublicKeyInfo, or hex of the SPKI or of the uncompressed point as in
 * Sigstore's early roots), {@code ed25519} (scheme {@code ed25519}; hex of the 32 raw bytes, or PEM)
 * and {@code rsa} (scheme {@code rsassa-pss-sha256}; PEM). Anything else decodes to a key without
 * material that never verifies.
 */
final class KeyDecoder {
  private static final HexFormat HEX = HexFormat.of();
  private static final byte[] P256_SPKI_PREFIX =
      HEX.parseHex("3059301306072a8648ce3d020106082a8648ce3d030107034200");
  private static final byte[] ED25519_SPKI_PREFIX = HEX.parseHex("302a300506032b6570032100");

  private KeyDecoder() {}

  static TufKey decode(String keyId, JsonNode key) {
    String type = key.path("keytype").asText("");
    String scheme = key.path("scheme").asText("");
    String value = key.path("keyval").path("public").asText("");
    try {
      PublicKey pk = switch (scheme) {
        case "ecdsa-sha2-nistp256" -> {
          if (!type.equals("ecdsa") && !type.equals("ecdsa-sha2-nistp256")) {
            throw new GeneralSecurityException("key type " + type + " does not match scheme " + scheme);
          }
          PublicKey ec = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(ecSpki(value)));
          if (!(ec instanceof ECPublicKey e) || e.getParams().getCurve().getField().getFieldSize() != 256) {
            throw new GeneralSecurityException("not a P-256 key");
          }
          yield ec;
        }
        case "ed25519" -> {
          if (!type.equals("ed25519")) {
            throw new GeneralSecurityException("key type " + type + " does not match scheme " + scheme);
          }
          byte[] der = value.startsWith("-----BEGIN") ? pem(value) : concat(ED25519_SPKI_PREFIX, hex(value, 32));
          yield KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        }
        case "rsassa-pss-sha256" -> {
          if (!type.equals("rsa")) {
            throw new GeneralSecurityException("key type " + type + " does not match scheme " + scheme);
          }
          PublicKey rsa = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(pem(value)));
          if (((RSAPublicKey) rsa).getModulus().bitLength() < 2048) {
            throw new GeneralSecurityException("RSA key shorter than 2048 bits");
          }
          yield rsa;
        }
        default -> throw new GeneralSecurityException("unsupported scheme " + scheme);
      };
      return new TufKey(keyId, type, scheme, Optional.of(pk), "");
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return new TufKey(keyId, type, scheme, Optional.empty(), e.getMessage());
    }
  }

  private static byte[] ecSpki(String value) throws GeneralSecurityException {
    if (value.startsWith("-----BEGIN")) {
      return pem(value);
    }
    byte[] raw = HEX.parseHex(value.trim());
    if (raw.length == 65 && raw[0] == 0x04) {
      return concat(P256_SPKI_PREFIX, raw);
    }
    return raw;
  }

  private static byte[] hex(String value, int length) throws GeneralSecurityException {
    byte[] raw = HEX.parseHex(value.trim());
    if (raw.length != length) {
      throw new GeneralSecurityException("expected " + length + " bytes of hex, got " + raw.length);
    }
    return raw;
  }

  static byte[] pem(String text) throws GeneralSecurityException {
    int begin = text.indexOf("-----BEGIN PUBLIC KEY-----");
    int end = text.indexOf("-----END PUBLIC KEY-----");
    if (begin < 0 || end < begin) {
      throw new GeneralSecurityException("not a PUBLIC KEY PEM");
    }
    String body = text.substring(begin + "-----BEGIN PUBLIC KEY-----".length(), end).replaceAll("\\s", "");
    return Base64.getDecoder().decode(body);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
