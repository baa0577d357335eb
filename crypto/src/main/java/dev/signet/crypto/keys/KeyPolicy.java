package dev.signet.crypto.keys;

import dev.signet.crypto.UnsupportedKeyException;
import java.math.BigInteger;

/**
 * Key strength rules of {@code cosign import-key-pair} (sigstore {@code ValidatePubKey}, which
 * applies Let's Encrypt's goodkey policy): RSA moduli of exactly 2048, 3072 or 4096 bits with
 * exponent 65537, and ECDSA only on P-256, P-384 and P-521. Messages reuse cosign's wording.
 *
 * <p>Not reproduced: goodkey's small-prime, Fermat-factorisation and ROCA checks on RSA moduli.
 */
final class KeyPolicy {

  private static final BigInteger F4 = BigInteger.valueOf(65537);

  private KeyPolicy() {}

  /** Rejects RSA keys cosign would not import. */
  static void checkRsa(BigInteger modulus, BigInteger exponent, String context)
      throws UnsupportedKeyException {
    int bits = modulus.bitLength();
    if (bits != 2048 && bits != 3072 && bits != 4096) {
      throw new UnsupportedKeyException(
          context + ": error validating rsa key: key size not supported: " + bits
              + " (allowed: 2048, 3072 or 4096 bits)");
    }
    if (!F4.equals(exponent)) {
      throw new UnsupportedKeyException(
          context + ": error validating rsa key: key exponent must be 65537, not " + exponent);
    }
  }

  /** The error for an ECDSA curve that parses but is not allowed (P-224). */
  static UnsupportedKeyException curveNotAllowed(String curveName, String context) {
    return new UnsupportedKeyException(
        context + ": error validating ecdsa key: ECDSA curve " + curveName
            + " not allowed (allowed: P-256, P-384, P-521)");
  }
}
