package dev.signet.crypto.internal;

import dev.signet.crypto.SignatureAlgorithm;
import dev.signet.crypto.SignatureVerificationException;
import dev.signet.crypto.Verifier;
import java.security.PublicKey;

/** Shared state and failure messages of the {@link Verifier} implementations. */
abstract class AbstractVerifier implements Verifier {

  private final PublicKey publicKey;
  private final SignatureAlgorithm algorithm;

  AbstractVerifier(PublicKey publicKey, SignatureAlgorithm algorithm) {
    this.publicKey = publicKey;
    this.algorithm = algorithm;
  }

  @Override
  public final PublicKey publicKey() {
    return publicKey;
  }

  @Override
  public final SignatureAlgorithm algorithm() {
    return algorithm;
  }

  /** The exception for a signature that did not verify. */
  final SignatureVerificationException invalid() {
    return new SignatureVerificationException(
        "invalid signature: " + algorithm + " signature does not verify with key "
            + Jca.keyHint(publicKey));
  }

  /** The exception for a key the provider refused. */
  final SignatureVerificationException unusableKey(Exception cause) {
    return new SignatureVerificationException(
        "cannot verify with " + algorithm + " key " + Jca.keyHint(publicKey) + ": "
            + cause.getMessage(), cause);
  }

  /** Rejects a digest whose length does not match the algorithm's hash. */
  final void checkDigestLength(byte[] digest) throws SignatureVerificationException {
    int expected = Jca.digestLength(algorithm.hashAlgorithm());
    if (digest.length != expected) {
      throw new SignatureVerificationException(
          "digest has " + digest.length + " bytes, but " + algorithm + " signs "
              + algorithm.hashAlgorithm() + " digests of " + expected + " bytes");
    }
  }

  @Override
  public String toString() {
    return "Verifier[" + algorithm + ", " + Jca.keyHint(publicKey) + "]";
  }
}
