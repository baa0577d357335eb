/**
 * Signature primitives: {@link dev.signet.crypto.SignatureAlgorithm}, {@link
 * dev.signet.crypto.Signer}/{@link dev.signet.crypto.Verifier} and their factories {@link
 * dev.signet.crypto.Signers}/{@link dev.signet.crypto.Verifiers}, and the checked exception root
 * {@link dev.signet.crypto.CryptoException}.
 *
 * <p>Algorithms and encodings follow cosign and sigstore-go: the hash is fixed by the key type,
 * ECDSA signatures are written as DER and read as DER or IEEE P1363.
 */
package dev.signet.crypto;
