package dev.signet.tuf;

import java.security.PublicKey;
import java.util.Arrays;
import java.util.Optional;

/**
 * One key of a root's {@code keys} map. {@code publicKey} is empty when the key type or scheme is
 * not supported (or the key material does not decode); such a key never counts towards a threshold,
 * and {@code problem} says why.
 */
public record TufKey(String keyId, String keyType, String scheme, Optional<PublicKey> publicKey, String problem) {

  /** The encoded public key, used to count two key ids with the same key material only once. */
  byte[] material() {
    return publicKey.map(PublicKey::getEncoded).orElse(new byte[0]);
  }

  boolean sameMaterial(TufKey other) {
    return publicKey.isPresent() && other.publicKey.isPresent() && Arrays.equals(material(), other.material());
  }
}
