package dev.signet.verify.testkit;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 6962 §2.1 written from its recursive definitions (MTH, PATH, SUBPROOF), independent of the
 * engine's iterative verifier, to generate roots and proofs for tests.
 */
public final class ReferenceMerkle {
  private final List<byte[]> leafHashes = new ArrayList<>();

  public static byte[] sha256(byte[]... parts) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (byte[] p : parts) {
        md.update(p);
      }
      return md.digest();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static byte[] leaf(byte[] data) {
    return sha256(new byte[] {0}, data);
  }

  public static byte[] node(byte[] l, byte[] r) {
    return sha256(new byte[] {1}, l, r);
  }

  public void add(byte[] data) {
    leafHashes.add(leaf(data));
  }

  public int size() {
    return leafHashes.size();
  }

  public byte[] leafHash(int i) {
    return leafHashes.get(i).clone();
  }

  /** MTH(D[0:n]). */
  public byte[] root(int n) {
    return n == 0 ? sha256() : mth(0, n);
  }

  /** PATH(m, D[0:n]), leaf to root. */
  public List<byte[]> inclusionProof(int m, int n) {
    return path(m, 0, n);
  }

  /** PROOF(m, D[0:n]). */
  public List<byte[]> consistencyProof(int m, int n) {
    return subproof(m, 0, n, true);
  }

  private byte[] mth(int from, int to) {
    int n = to - from;
    if (n == 1) {
      return leafHashes.get(from);
    }
    int k = largestPowerOfTwoBelow(n);
    return node(mth(from, from + k), mth(from + k, to));
  }

  private List<byte[]> path(int m, int from, int to) {
    int n = to - from;
    List<byte[]> out = new ArrayList<>();
    if (n <= 1) {
      return out;
    }
    int k = largestPowerOfTwoBelow(n);
    if (m < k) {
      out.addAll(path(m, from, from + k));
      out.add(mth(from + k, to));
    } else {
      out.addAll(path(m - k, from + k, to));
      out.add(mth(from, from + k));
    }
    return out;
  }

  private List<byte[]> subproof(int m, int from, int to, boolean b) {
    int n = to - from;
    List<byte[]> out = new ArrayList<>();
    if (m == n) {
      if (!b) {
        out.add(mth(from, to));
      }
      return out;
    }
    int k = largestPowerOfTwoBelow(n);
    if (m <= k) {
      out.addAll(subproof(m, from, from + k, b));
      out.add(mth(from + k, to));
    } else {
      out.addAll(subproof(m - k, from + k, to, false));
      out.add(mth(from, from + k));
    }
    return out;
  }

  private static int largestPowerOfTwoBelow(int n) {
    int k = 1;
    while (k << 1 < n) {
      k <<= 1;
    }
    return k;
  }
}
