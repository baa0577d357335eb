package dev.signet.tuf.repo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.tuf.CanonicalJson;
import dev.signet.tuf.TufException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One TUF signing key: Ed25519 (keytype and scheme {@code ed25519}, hex public key) or ECDSA P-256
 * (keytype {@code ecdsa}, scheme {@code ecdsa-sha2-nistp256}, PEM public key, DER signatures), with
 * the key id TUF writers compute: SHA-256 of the canonical key object. Stored as one PEM file holding
 * the PKCS#8 private key and the SubjectPublicKeyInfo.
 */
public final class SigningKey {
  /** The key algorithms the repository writes. */
  public enum Type { ED25519, ECDSA_P256 }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final HexFormat HEX = HexFormat.of();

  private final Type type;
  private final KeyPair pair;
  private final ObjectNode keyObject;
  private final String keyId;

  private SigningKey(Type type, KeyPair pair) {
    this.type = type;
    this.pair = pair;
    keyObject = JSON.createObjectNode();
    byte[] spki = pair.getPublic().getEncoded();
    if (type == Type.ED25519) {
      keyObject.put("keytype", "ed25519").put("scheme", "ed25519");
      keyObject.putObject("keyval").put("public", HEX.formatHex(Arrays.copyOfRange(spki, spki.length - 32, spki.length)));
    } else {
      keyObject.put("keytype", "ecdsa").put("scheme", "ecdsa-sha2-nistp256");
      keyObject.putObject("keyval").put("public", pem("PUBLIC KEY", spki));
    }
    try {
      keyId = HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(CanonicalJson.encode(keyObject)));
    } catch (GeneralSecurityException | TufException e) {
      throw new IllegalStateException("a key object is canonical JSON", e);
    }
  }

  public static SigningKey generate(Type type) {
    try {
      KeyPairGenerator g;
      if (type == Type.ED25519) {
        g = KeyPairGenerator.getInstance("Ed25519");
      } else {
        g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
      }
      return new SigningKey(type, g.generateKeyPair());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK generates " + type + " keys", e);
    }
  }

  /** Reads what {@link #toPem()} wrote. */
  public static SigningKey fromPem(String pem, String source) throws TufException {
    try {
      byte[] priv = block(pem, "PRIVATE KEY", source);
      byte[] pub = block(pem, "PUBLIC KEY", source);
      String alg = pub.length == 44 ? "Ed25519" : "EC";
      KeyFactory kf = KeyFactory.getInstance(alg);
      PrivateKey privateKey = kf.generatePrivate(new PKCS8EncodedKeySpec(priv));
      PublicKey publicKey = kf.generatePublic(new X509EncodedKeySpec(pub));
      SigningKey key = new SigningKey(alg.equals("EC") ? Type.ECDSA_P256 : Type.ED25519,
          new KeyPair(publicKey, privateKey));
      byte[] probe = "signet tuf key check".getBytes(StandardCharsets.US_ASCII);
      Signature v = key.verifier();
      v.initVerify(publicKey);
      v.update(probe);
      if (!v.verify(key.sign(probe))) {
        throw new TufException(source + ": the private key does not match the public key");
      }
      return key;
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new TufException(source + ": not a TUF signing key file (" + e.getMessage() + ")");
    }
  }

  public String toPem() {
    return pem("PRIVATE KEY", pair.getPrivate().getEncoded()) + pem("PUBLIC KEY", pair.getPublic().getEncoded());
  }

  public Type type() {
    return type;
  }

  public String keyId() {
    return keyId;
  }

  /** The TUF key object ({@code keytype}, {@code scheme}, {@code keyval.public}); a copy. */
  public ObjectNode keyObject() {
    return keyObject.deepCopy();
  }

  /** The raw signature of {@code data} (DER for ECDSA). */
  public byte[] sign(byte[] data) {
    try {
      Signature s = verifier();
      s.initSign(pair.getPrivate(), RANDOM);
      s.update(data);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("signing with " + type + " key " + keyId + " failed", e);
    }
  }

  private Signature verifier() throws GeneralSecurityException {
    return Signature.getInstance(type == Type.ED25519 ? "Ed25519" : "SHA256withECDSA");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SigningKey k && k.keyId.equals(keyId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(keyId);
  }

  @Override
  public String toString() {
    return "SigningKey[" + type + " " + keyId + "]";
  }

  private static String pem(String label, byte[] der) {
    return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + label + "-----\n";
  }

  private static byte[] block(String text, String label, String source) throws GeneralSecurityException {
    String begin = "-----BEGIN " + label + "-----";
    String end = "-----END " + label + "-----";
    int b = text.indexOf(begin);
    int e = b < 0 ? -1 : text.indexOf(end, b);
    if (e < 0) {
      throw new GeneralSecurityException("no " + label + " block in " + source);
    }
    return Base64.getMimeDecoder().decode(text.substring(b + begin.length(), e));
  }
}
