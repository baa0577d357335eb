package dev.signet.crypto;

import dev.signet.crypto.internal.EcdsaVerifier;
import dev.signet.crypto.internal.Ed25519Verifier;
import dev.signet.crypto.internal.Jca;
import dev.signet.crypto.internal.RsaPkcs1Verifier;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;

/** Creates {@link Verifier}s for public keys. */
public final class Verifiers {

  private Verifiers() {}

  /**
   * A verifier using the key's default algorithm ({@link SignatureAlgorithm#forKey(PublicKey)}).
   *
   * @throws UnsupportedKeyException if the key type, curve or size is not supported
   */
  public static Verifier from(PublicKey key) throws UnsupportedKeyException {
    return create(key, SignatureAlgorithm.forKey(key));
  }

  /**
   * A verifier using an explicit algorithm (for Ed25519 keys: {@link SignatureAlgorithm#ED25519}
   * or {@link SignatureAlgorithm#ED25519PH}).
   *
   * @throws UnsupportedKeyException if the key cannot be used with {@code algorithm}
   */
  public static Verifier from(PublicKey key, SignatureAlgorithm algorithm)
      throws UnsupportedKeyException {
    checkCompatible(SignatureAlgorithm.forKey(key), algorithm, key);
    return create(key, algorithm);
  }

  static void checkCompatible(SignatureAlgorithm natural, SignatureAlgorithm wanted, PublicKey key)
      throws UnsupportedKeyException {
    boolean ed25519 =
        natural == SignatureAlgorithm.ED25519 && wanted == SignatureAlgorithm.ED25519PH;
    if (natural != wanted && !ed25519) {
      throw new UnsupportedKeyException(
          "key " + Jca.keyHint(key) + " is a " + natural + " key and cannot be used with "
              + wanted);
    }
  }

  private static Verifier create(PublicKey key, SignatureAlgorithm algorithm) {
    switch (algorithm) {
      case ECDSA_P256_SHA256:
      case ECDSA_P384_SHA384:
      case ECDSA_P521_SHA512:
        return new EcdsaVerifier((ECPublicKey) key, algorithm);
      case RSA_PKCS1_SHA256:
        return new RsaPkcs1Verifier((RSAPublicKey) key);
      default:
        return new Ed25519Verifier(key, algorithm);
    }
  }
}
