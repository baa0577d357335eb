package dev.signet.sigstore.ca.ct;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 6962 §2.1 Merkle tree hash over leaf hashes, kept incrementally: the roots of the perfect
 * subtrees (a compact range) are updated on each append, so the tree head is O(log n). Not thread-safe;
 * {@link CtLog} serialises access.
 */
final class MerkleTree {
  /** Perfect-subtree roots, largest first; subtree i has 2^heights[i] leaves. */
  private final List<byte[]> roots = new ArrayList<>();
  private final List<Integer> heights = new ArrayList<>();
  private long size;

  void append(byte[] leafHash) {
    byte[] h = leafHash;
    int height = 0;
    while (!heights.isEmpty() && heights.get(heights.size() - 1) == height) {
      h = CtEntries.nodeHash(roots.remove(roots.size() - 1), h);
      heights.remove(heights.size() - 1);
      height++;
    }
    roots.add(h);
    heights.add(height);
    size++;
  }

  long size() {
    return size;
  }

  /** MTH of all leaves; SHA-256 of the empty string for an empty tree. */
  byte[] rootHash() {
    if (roots.isEmpty()) {
      return CtEntries.sha256().digest();
    }
    byte[] h = roots.get(roots.size() - 1);
    for (int i = roots.size() - 2; i >= 0; i--) {
      h = CtEntries.nodeHash(roots.get(i), h);
    }
    return h;
  }
}
