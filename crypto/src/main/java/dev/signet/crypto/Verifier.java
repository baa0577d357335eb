package dev.signet.crypto;

import java.security.PublicKey;

/**
 * Verifies signatures made with one public key and one fixed {@link SignatureAlgorithm}.
 *
 * <p>Verification returns nothing and throws on failure, so a result cannot be ignored by
 * accident. ECDSA verifiers accept both ASN.1 DER and IEEE P1363 ({@code r || s}) signatures, as
 * sigstore's verifier does. Implementations are immutable and thread-safe. Obtain one from
 * {@link Verifiers}.
 */
public interface Verifier {

  /**
   * Checks that {@code signature} is a valid signature over {@code data}.
   *
   * @throws SignatureVerificationException if it is not (malformed, other key, modified data)
   */
  void verify(byte[] data, byte[] signature) throws SignatureVerificationException;

  /**
   * Checks a signature given only the digest of the signed data, computed with
   * {@link SignatureAlgorithm#hashAlgorithm()} (used for Rekor {@code hashedrekord} entries and
   * bundle message digests).
   *
   * @throws SignatureVerificationException if the signature is invalid or the digest has the wrong
   *     length for the algorithm's hash
   * @throws UnsupportedOperationException for pure {@link SignatureAlgorithm#ED25519}, which cannot
   *     verify from a digest; check {@link SignatureAlgorithm#supportsPrehash()} first
   */
  void verifyDigest(byte[] digest, byte[] signature) throws SignatureVerificationException;

  /** The key signatures are checked against. */
  PublicKey publicKey();

  /** The algorithm signatures are checked with. */
  SignatureAlgorithm algorithm();
}
