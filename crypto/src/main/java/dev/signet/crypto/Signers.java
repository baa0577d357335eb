package dev.signet.crypto;

import dev.signet.crypto.internal.Ed25519PrehashSigner;
import dev.signet.crypto.internal.JcaSigner;
import dev.signet.crypto.keys.PrivateKeyHandle;

/** Creates {@link Signer}s for private keys. */
public final class Signers {

  private Signers() {}

  /**
   * A signer using the key's default algorithm ({@link PrivateKeyHandle#algorithm()}: the hash
   * follows the key type; Ed25519 keys sign pure Ed25519).
   */
  public static Signer from(PrivateKeyHandle key) {
    return create(key, key.algorithm());
  }

  /**
   * A signer using an explicit algorithm; the only alternative a key has is
   * {@link SignatureAlgorithm#ED25519PH} for Ed25519 keys (and back).
   *
   * @throws UnsupportedKeyException if the key cannot be used with {@code algorithm}
   */
  public static Signer from(PrivateKeyHandle key, SignatureAlgorithm algorithm)
      throws UnsupportedKeyException {
    Verifiers.checkCompatible(key.algorithm(), algorithm, key.publicKey());
    return create(key, algorithm);
  }

  private static Signer create(PrivateKeyHandle key, SignatureAlgorithm algorithm) {
    if (algorithm == SignatureAlgorithm.ED25519PH) {
      return new Ed25519PrehashSigner(key.unwrapPrivateKey(), key.publicKey());
    }
    return new JcaSigner(key.unwrapPrivateKey(), key.publicKey(), algorithm);
  }
}
