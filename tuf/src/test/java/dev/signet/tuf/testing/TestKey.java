package dev.signet.tuf.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A freshly generated signing key with its TUF key object ({@code keytype}, {@code scheme},
 * {@code keyval.public}) and key id (SHA-256 of the canonical key object, as TUF writers compute it).
 */
public final class TestKey {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final KeyPair pair;
  private final String scheme;
  private final ObjectNode keyObject;
  private final String keyId;

  private TestKey(KeyPair pair, String keyType, String scheme, String publicValue) {
    this.pair = pair;
    this.scheme = scheme;
    this.keyObject = JSON.createObjectNode().put("keytype", keyType).put("scheme", scheme);
    keyObject.putObject("keyval").put("public", publicValue);
    try {
      this.keyId = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(dev.signet.tuf.CanonicalJson.encode(keyObject)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** ecdsa / ecdsa-sha2-nistp256 with a PEM public key, as in today's Sigstore root. */
  public static TestKey ecdsa() {
    KeyPair kp = generate("EC", new ECGenParameterSpec("secp256r1"));
    return new TestKey(kp, "ecdsa", "ecdsa-sha2-nistp256", pem(kp.getPublic().getEncoded()));
  }

  /** ecdsa-sha2-nistp256 with a hex uncompressed point, as in Sigstore's early roots. */
  public static TestKey ecdsaHex() {
    KeyPair kp = generate("EC", new ECGenParameterSpec("secp256r1"));
    ECPublicKey pub = (ECPublicKey) kp.getPublic();
    byte[] point = new byte[65];
    point[0] = 4;
    copyUnsigned(pub.getW().getAffineX().toByteArray(), point, 1);
    copyUnsigned(pub.getW().getAffineY().toByteArray(), point, 33);
    return new TestKey(kp, "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp256", HexFormat.of().formatHex(point));
  }

  public static TestKey ed25519() {
    KeyPair kp = generate("Ed25519", null);
    byte[] spki = kp.getPublic().getEncoded();
    return new TestKey(kp, "ed25519", "ed25519", HexFormat.of().formatHex(Arrays.copyOfRange(spki, spki.length - 32,
        spki.length)));
  }

  private static TestKey sharedRsa;

  /** One RSA key per test JVM (generating 2048-bit keys is slow); use {@link #rsa()} for a fresh one. */
  public static synchronized TestKey sharedRsa() {
    if (sharedRsa == null) {
      sharedRsa = rsa();
    }
    return sharedRsa;
  }

  public static TestKey rsa() {
    KeyPairGenerator g;
    try {
      g = KeyPairGenerator.getInstance("RSA");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    g.initialize(2048);
    KeyPair kp = g.generateKeyPair();
    return new TestKey(kp, "rsa", "rsassa-pss-sha256", pem(kp.getPublic().getEncoded()));
  }

  public String keyId() {
    return keyId;
  }

  public ObjectNode keyObject() {
    return keyObject.deepCopy();
  }

  /** The hex signature of {@code data}. */
  public String sign(byte[] data) {
    try {
      Signature s = switch (scheme) {
        case "ecdsa-sha2-nistp256" -> Signature.getInstance("SHA256withECDSA");
        case "ed25519" -> Signature.getInstance("Ed25519");
        case "rsassa-pss-sha256" -> {
          Signature pss = Signature.getInstance("RSASSA-PSS");
          pss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
          yield pss;
        }
        default -> throw new IllegalStateException(scheme);
      };
      s.initSign(pair.getPrivate());
      s.update(data);
      return HexFormat.of().formatHex(s.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyPair generate(String algorithm, java.security.spec.AlgorithmParameterSpec spec) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
      if (spec != null) {
        g.initialize(spec);
      }
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void copyUnsigned(byte[] value, byte[] out, int offset) {
    int start = value.length > 32 ? value.length - 32 : 0;
    int len = value.length - start;
    System.arraycopy(value, start, out, offset + 32 - len, len);
  }

  private static String pem(byte[] der) {
    return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END PUBLIC KEY-----\n";
  }
}
