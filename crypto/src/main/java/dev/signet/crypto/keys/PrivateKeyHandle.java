package dev.signet.crypto.keys;

import dev.signet.crypto.CryptoException;
import dev.signet.crypto.KeyFormatException;
import dev.signet.crypto.SignatureAlgorithm;
import dev.signet.crypto.SignatureVerificationException;
import dev.signet.crypto.Signers;
import dev.signet.crypto.UnsupportedKeyException;
import dev.signet.crypto.Verifiers;
import dev.signet.crypto.internal.Jca;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;

/**
 * A private key together with its public key and default {@link SignatureAlgorithm}.
 *
 * <p>The handle never reveals key material by accident: {@link #toString()} shows only the
 * algorithm and the public key's hint, and {@code equals}/{@code hashCode} are identity-based.
 * Sign with {@link Signers#from(PrivateKeyHandle)}; store with {@link CosignKeyFile#encrypt}. The
 * raw key is available only through {@link #unwrapPrivateKey()}, a name meant to be found with
 * grep. Instances are immutable and can only hold key types Signet can sign with.
 */
public final class PrivateKeyHandle {

  private static final byte[] CONSISTENCY_MESSAGE =
      "signet private/public key consistency check".getBytes(StandardCharsets.US_ASCII);

  private final PrivateKey privateKey;
  private final PublicKey publicKey;
  private final SignatureAlgorithm algorithm;

  /** For keys whose public half was derived from the private half by this package. */
  PrivateKeyHandle(PrivateKey privateKey, PublicKey publicKey) throws UnsupportedKeyException {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
    this.algorithm = SignatureAlgorithm.forKey(publicKey);
  }

  /**
   * Wraps a JCA key pair, checking that the key type is supported and that the two halves belong
   * together (by signing and verifying a fixed message).
   *
   * @throws UnsupportedKeyException if the key type, curve or size is not supported
   * @throws KeyFormatException if the public key does not belong to the private key
   * @throws CryptoException if the provider cannot sign with the private key
   */
  public static PrivateKeyHandle of(PrivateKey privateKey, PublicKey publicKey)
      throws CryptoException {
    PrivateKeyHandle handle = new PrivateKeyHandle(privateKey, publicKey);
    byte[] signature = Signers.from(handle).sign(CONSISTENCY_MESSAGE);
    try {
      Verifiers.from(publicKey).verify(CONSISTENCY_MESSAGE, signature);
    } catch (SignatureVerificationException e) {
      throw new KeyFormatException(
          "the public key " + Jca.keyHint(publicKey) + " does not belong to the private key", e);
    }
    return handle;
  }

  /** The public key. */
  public PublicKey publicKey() {
    return publicKey;
  }

  /**
   * The default algorithm for this key ({@link SignatureAlgorithm#forKey(PublicKey)}); Ed25519 keys
   * report pure {@link SignatureAlgorithm#ED25519}.
   */
  public SignatureAlgorithm algorithm() {
    return algorithm;
  }

  /**
   * The raw JCA private key. Prefer {@link Signers}; this escape hatch exists for APIs that need a
   * {@link PrivateKey} (for example building a certificate signing request).
   */
  public PrivateKey unwrapPrivateKey() {
    return privateKey;
  }

  /** PKCS#8 DER of the private key (the caller zeroes it after use). */
  byte[] toPkcs8() {
    return Pkcs8.encode(privateKey, publicKey);
  }

  /** The algorithm and the public key hint (base64 SHA-256 of the SPKI), never key material. */
  @Override
  public String toString() {
    return "PrivateKeyHandle[" + algorithm + ", public key " + Jca.keyHint(publicKey) + "]";
  }
}
