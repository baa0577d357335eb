package dev.signet.crypto.keys;

import dev.signet.crypto.SignatureAlgorithm;
import dev.signet.crypto.UnsupportedKeyException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;

/** Generates new key pairs. {@code generate-key-pair} and keyless signing use ECDSA P-256. */
public final class KeyGenerator {

  private KeyGenerator() {}

  /** A new ECDSA P-256 key (cosign's default key type). */
  public static PrivateKeyHandle generateEcdsaP256() {
    return generate(SignatureAlgorithm.ECDSA_P256_SHA256, new SecureRandom());
  }

  /**
   * A new key for an ECDSA or Ed25519 algorithm ({@link SignatureAlgorithm#ED25519PH} gives an
   * Ed25519 key; sign with {@code Signers.from(key, ED25519PH)}). RSA needs a size: use
   * {@link #generateRsa(int, SecureRandom)}.
   *
   * @throws IllegalArgumentException for {@link SignatureAlgorithm#RSA_PKCS1_SHA256}
   */
  public static PrivateKeyHandle generate(SignatureAlgorithm algorithm, SecureRandom random) {
    try {
      KeyPairGenerator g;
      switch (algorithm) {
        case ECDSA_P256_SHA256:
          return ec("secp256r1", random);
        case ECDSA_P384_SHA384:
          return ec("secp384r1", random);
        case ECDSA_P521_SHA512:
          return ec("secp521r1", random);
        case ED25519:
        case ED25519PH:
          g = KeyPairGenerator.getInstance("Ed25519");
          g.initialize(255, random);
          return wrap(g.generateKeyPair());
        default:
          throw new IllegalArgumentException("RSA keys need a size: use generateRsa");
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("JDK cannot generate " + algorithm + " keys", e);
    }
  }

  /**
   * A new RSA key with public exponent 65537.
   *
   * @param bits 2048, 3072 or 4096
   * @throws IllegalArgumentException for other sizes
   */
  public static PrivateKeyHandle generateRsa(int bits, SecureRandom random) {
    if (bits != 2048 && bits != 3072 && bits != 4096) {
      throw new IllegalArgumentException("RSA key size must be 2048, 3072 or 4096, not " + bits);
    }
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(new RSAKeyGenParameterSpec(bits, RSAKeyGenParameterSpec.F4), random);
      return wrap(g.generateKeyPair());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("JDK cannot generate RSA keys", e);
    }
  }

  private static PrivateKeyHandle ec(String curve, SecureRandom random)
      throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec(curve), random);
    return wrap(g.generateKeyPair());
  }

  private static PrivateKeyHandle wrap(KeyPair pair) {
    try {
      return new PrivateKeyHandle(pair.getPrivate(), pair.getPublic());
    } catch (UnsupportedKeyException e) {
      throw new IllegalStateException("generated an unsupported key", e);
    }
  }
}
