package dev.signet.verify.tlog;

import dev.signet.verify.Check;
import dev.signet.verify.VerificationException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * RFC 6962 / RFC 9162 Merkle tree hashing with SHA-256: leaf hash {@code SHA-256(0x00 ‖ d)}, node hash
 * {@code SHA-256(0x01 ‖ l ‖ r)}, inclusion and consistency proof verification with the exact expected
 * proof length (a proof that is too long or too short is rejected, not just one that hashes wrongly).
 */
public final class Merkle {
  /** Size of every hash in the tree. */
  public static final int HASH_SIZE = 32;

  private Merkle() {}

  public static byte[] leafHash(byte[] data) {
    MessageDigest md = sha256();
    md.update((byte) 0);
    md.update(data);
    return md.digest();
  }

  public static byte[] nodeHash(byte[] left, byte[] right) {
    MessageDigest md = sha256();
    md.update((byte) 1);
    md.update(left);
    md.update(right);
    return md.digest();
  }

  /** The root hash of the empty tree, {@code SHA-256("")}. */
  public static byte[] emptyRoot() {
    return sha256().digest();
  }

  /**
   * The root that an inclusion proof for leaf {@code index} of a tree of {@code size} leaves implies.
   *
   * @throws VerificationException (INCLUSION_PROOF) when the index is outside the tree, the proof has
   *     the wrong number of hashes for (index, size), or a hash is not 32 bytes
   */
  public static byte[] rootFromInclusionProof(long index, long size, byte[] leafHash, List<byte[]> proof)
      throws VerificationException {
    if (size <= 0 || index < 0 || index >= size) {
      throw new VerificationException(Check.INCLUSION_PROOF,
          "invalid index: leaf " + index + " is outside a tree of size " + size);
    }
    checkHash(leafHash, "leaf hash");
    int inner = innerProofSize(index, size);
    int border = Long.bitCount(index >>> inner);
    if (proof.size() != inner + border) {
      throw new VerificationException(Check.INCLUSION_PROOF, "wrong proof length for leaf " + index + " in size "
          + size + ": " + proof.size() + " hashes, expected " + (inner + border));
    }
    for (int i = 0; i < proof.size(); i++) {
      checkHash(proof.get(i), "proof hash " + i);
    }
    byte[] r = chainInner(leafHash, proof, 0, inner, index);
    return chainBorderRight(r, proof, inner, proof.size());
  }

  /** Checks an inclusion proof against a known root. */
  public static void verifyInclusion(long index, long size, byte[] leafHash, List<byte[]> proof, byte[] root)
      throws VerificationException {
    byte[] computed = rootFromInclusionProof(index, size, leafHash, proof);
    if (!MessageDigest.isEqual(computed, root)) {
      throw new VerificationException(Check.INCLUSION_PROOF, "root hash mismatch at size " + size + " for leaf "
          + index + ": proof gives " + hex(computed) + ", expected " + hex(root));
    }
  }

  /**
   * Checks that the tree of {@code size2} leaves with root {@code root2} extends the tree of {@code size1}
   * leaves with root {@code root1} (RFC 9162 §2.1.4.2). A consistency proof from the empty tree must be
   * empty; equal sizes need an empty proof and equal roots.
   */
  public static void verifyConsistency(long size1, long size2, byte[] root1, byte[] root2, List<byte[]> proof)
      throws VerificationException {
    if (size1 < 0 || size2 < size1) {
      throw new VerificationException(Check.INCLUSION_PROOF,
          "consistency proof: size " + size2 + " is smaller than the earlier size " + size1);
    }
    if (size1 == size2) {
      if (!proof.isEmpty()) {
        throw new VerificationException(Check.INCLUSION_PROOF,
            "consistency proof: equal sizes " + size1 + " need an empty proof, got " + proof.size() + " hashes");
      }
      if (!MessageDigest.isEqual(root1, root2)) {
        throw new VerificationException(Check.INCLUSION_PROOF,
            "consistency proof: two different roots for the same size " + size1);
      }
      return;
    }
    if (size1 == 0) {
      if (!proof.isEmpty()) {
        throw new VerificationException(Check.INCLUSION_PROOF,
            "consistency proof: a proof from the empty tree must be empty, got " + proof.size() + " hashes");
      }
      return;
    }
    if (proof.isEmpty()) {
      throw new VerificationException(Check.INCLUSION_PROOF,
          "consistency proof: empty proof from size " + size1 + " to " + size2);
    }
    for (int i = 0; i < proof.size(); i++) {
      checkHash(proof.get(i), "consistency proof hash " + i);
    }
    int inner = innerProofSize(size1 - 1, size2);
    int border = Long.bitCount((size1 - 1) >>> inner);
    int shift = Long.numberOfTrailingZeros(size1);
    inner -= shift;
    byte[] seed;
    int start;
    if (size1 == 1L << shift) {
      seed = root1;
      start = 0;
    } else {
      seed = proof.get(0);
      start = 1;
    }
    if (proof.size() != start + inner + border) {
      throw new VerificationException(Check.INCLUSION_PROOF, "consistency proof: wrong length from size " + size1
          + " to " + size2 + ": " + proof.size() + " hashes, expected " + (start + inner + border));
    }
    List<byte[]> rest = proof.subList(start, proof.size());
    long mask = (size1 - 1) >>> shift;
    byte[] first = chainBorderRight(chainInnerRight(seed, rest, inner, mask), rest, inner, rest.size());
    if (!MessageDigest.isEqual(first, root1)) {
      throw new VerificationException(Check.INCLUSION_PROOF,
          "consistency proof: root hash mismatch at the earlier size " + size1);
    }
    byte[] second = chainBorderRight(chainInner(seed, rest, 0, inner, mask), rest, inner, rest.size());
    if (!MessageDigest.isEqual(second, root2)) {
      throw new VerificationException(Check.INCLUSION_PROOF,
          "consistency proof: root hash mismatch at the later size " + size2);
    }
  }

  /** Number of proof hashes below the point where the leaf's path meets the tree's right border. */
  private static int innerProofSize(long index, long size) {
    return 64 - Long.numberOfLeadingZeros(index ^ (size - 1));
  }

  private static byte[] chainInner(byte[] seed, List<byte[]> proof, int from, int to, long index) {
    byte[] r = seed;
    for (int i = from; i < to; i++) {
      byte[] h = proof.get(i);
      r = ((index >>> (i - from)) & 1) == 0 ? nodeHash(r, h) : nodeHash(h, r);
    }
    return r;
  }

  private static byte[] chainInnerRight(byte[] seed, List<byte[]> proof, int to, long index) {
    byte[] r = seed;
    for (int i = 0; i < to; i++) {
      if (((index >>> i) & 1) == 1) {
        r = nodeHash(proof.get(i), r);
      }
    }
    return r;
  }

  private static byte[] chainBorderRight(byte[] seed, List<byte[]> proof, int from, int to) {
    byte[] r = seed;
    for (int i = from; i < to; i++) {
      r = nodeHash(proof.get(i), r);
    }
    return r;
  }

  private static void checkHash(byte[] h, String what) throws VerificationException {
    if (h == null || h.length != HASH_SIZE) {
      throw new VerificationException(Check.INCLUSION_PROOF,
          what + " is " + (h == null ? "missing" : h.length + " bytes") + ", expected " + HASH_SIZE);
    }
  }

  static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
