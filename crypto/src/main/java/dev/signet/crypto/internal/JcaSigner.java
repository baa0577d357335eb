package dev.signet.crypto.internal;

import dev.signet.crypto.CryptoException;
import dev.signet.crypto.SignatureAlgorithm;
import dev.signet.crypto.Signer;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;

/**
 * A {@link Signer} backed by the JDK: ECDSA (DER output), RSA PKCS#1 v1.5 and pure Ed25519.
 */
public final class JcaSigner implements Signer {

  private final PrivateKey privateKey;
  private final PublicKey publicKey;
  private final SignatureAlgorithm algorithm;

  /** Creates a signer; the caller has checked that the keys belong together and to the algorithm. */
  public JcaSigner(PrivateKey privateKey, PublicKey publicKey, SignatureAlgorithm algorithm) {
    if (algorithm == SignatureAlgorithm.ED25519PH) {
      throw new IllegalArgumentException("Ed25519ph is not a JCA algorithm");
    }
    this.privateKey = privateKey;
    this.publicKey = publicKey;
    this.algorithm = algorithm;
  }

  @Override
  public byte[] sign(byte[] data) throws CryptoException {
    try {
      return Jca.sign(algorithm.jcaName(), privateKey, data);
    } catch (GeneralSecurityException e) {
      throw new CryptoException(
          "sign with " + algorithm + " key " + Jca.keyHint(publicKey) + ": " + e.getMessage(), e);
    }
  }

  @Override
  public PublicKey publicKey() {
    return publicKey;
  }

  @Override
  public SignatureAlgorithm algorithm() {
    return algorithm;
  }

  @Override
  public String toString() {
    return "Signer[" + algorithm + ", " + Jca.keyHint(publicKey) + "]";
  }
}
