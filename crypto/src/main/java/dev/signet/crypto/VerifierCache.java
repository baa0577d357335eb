package dev.signet.crypto;

import java.security.PublicKey;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reuses one {@link Verifier} per (key, algorithm), for callers that check many signatures by the same
 * keys (a policy key, a transparency log's key). A reused ECDSA verifier switches to precomputed
 * per-key tables after a few uses, several times faster than a new verifier per signature. Bounded:
 * past {@code maxEntries} keys, verifiers are created but not kept. Owned by its caller (an engine or
 * a policy instance), never shared globally.
 */
public final class VerifierCache {
  private record Key(PublicKey key, SignatureAlgorithm algorithm) {}

  private final int maxEntries;
  private final ConcurrentHashMap<Key, Verifier> verifiers = new ConcurrentHashMap<>();

  public VerifierCache(int maxEntries) {
    if (maxEntries < 0) {
      throw new IllegalArgumentException("maxEntries must not be negative");
    }
    this.maxEntries = maxEntries;
  }

  /** {@link Verifiers#from(PublicKey)}, reused. */
  public Verifier get(PublicKey key) throws UnsupportedKeyException {
    return get(key, SignatureAlgorithm.forKey(key));
  }

  /** {@link Verifiers#from(PublicKey, SignatureAlgorithm)}, reused. */
  public Verifier get(PublicKey key, SignatureAlgorithm algorithm) throws UnsupportedKeyException {
    Key k = new Key(key, algorithm);
    Verifier v = verifiers.get(k);
    if (v != null) {
      return v;
    }
    v = Verifiers.from(key, algorithm);
    if (verifiers.size() < maxEntries) {
      Verifier raced = verifiers.putIfAbsent(k, v);
      return raced != null ? raced : v;
    }
    return v;
  }

  /** How many verifiers are kept. */
  public int size() {
    return verifiers.size();
  }
}
