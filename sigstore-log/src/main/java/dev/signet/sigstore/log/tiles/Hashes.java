package dev.signet.sigstore.log.tiles;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/** RFC 6962 §2.1 hashing: SHA-256, leaf prefix 0x00, node prefix 0x01. */
public final class Hashes {
  public static final int SIZE = 32;

  private Hashes() {}

  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }

  public static byte[] leaf(byte[] data) {
    MessageDigest md = sha256();
    md.update((byte) 0);
    return md.digest(data);
  }

  public static byte[] node(byte[] left, byte[] right) {
    MessageDigest md = sha256();
    md.update((byte) 1);
    md.update(left);
    return md.digest(right);
  }

  public static byte[] empty() {
    return sha256().digest();
  }

  /** MTH of the consecutive subtree hashes {@code hashes[from, to)} (all of the same height). */
  public static byte[] root(List<byte[]> hashes, int from, int to) {
    int n = to - from;
    if (n == 0) {
      return empty();
    }
    if (n == 1) {
      return hashes.get(from);
    }
    int k = Integer.highestOneBit(n - 1);
    return node(root(hashes, from, from + k), root(hashes, from + k, to));
  }
}
