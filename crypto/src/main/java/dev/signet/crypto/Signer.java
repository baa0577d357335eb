package dev.signet.crypto;

import java.security.PublicKey;

/**
 * Signs byte arrays with one private key and one fixed {@link SignatureAlgorithm}.
 *
 * <p>The message is hashed inside (for Ed25519 the message is signed as EdDSA specifies). ECDSA
 * signatures are ASN.1 DER {@code SEQUENCE {r, s}}, as cosign writes them. Implementations are
 * immutable and thread-safe. Obtain one from {@link Signers}.
 */
public interface Signer {

  /**
   * Signs {@code data}.
   *
   * @throws CryptoException if the underlying provider fails (not expected for valid keys)
   */
  byte[] sign(byte[] data) throws CryptoException;

  /** The public key that verifies this signer's signatures. */
  PublicKey publicKey();

  /** The algorithm this signer uses. */
  SignatureAlgorithm algorithm();
}
