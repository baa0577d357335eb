package dev.signet.sigstore.ca.ct;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * RFC 6962 entry encodings (pure). A {@code MerkleTreeLeaf} is {@code version(0) ‖ leaf_type(0) ‖
 * TimestampedEntry}; the data an SCT signs is {@code version(0) ‖ signature_type(0) ‖ TimestampedEntry},
 * the same bytes. {@code TimestampedEntry} = {@code u64 timestamp ‖ u16 entry_type ‖ signed_entry ‖
 * u16-vector extensions}, where {@code signed_entry} is {@code u24-vector cert} (x509_entry, type 0) or
 * {@code issuer_key_hash[32] ‖ u24-vector tbs} (precert_entry, type 1).
 */
public final class CtEntries {
  public static final int X509_ENTRY = 0;
  public static final int PRECERT_ENTRY = 1;

  private CtEntries() {}

  /** The MerkleTreeLeaf (= SCT signed data) of an x509 entry. */
  public static byte[] x509Leaf(long timestampMillis, byte[] certificateDer, byte[] extensions) {
    return new Tls().u8(0).u8(0).u64(timestampMillis).u16(X509_ENTRY).vector24(certificateDer)
        .vector16(extensions).toByteArray();
  }

  /** The MerkleTreeLeaf (= SCT signed data) of a precert entry. */
  public static byte[] precertLeaf(long timestampMillis, byte[] issuerKeyHash, byte[] tbsDer, byte[] extensions) {
    if (issuerKeyHash.length != 32) {
      throw new IllegalArgumentException("issuer key hash must be 32 bytes, not " + issuerKeyHash.length);
    }
    return new Tls().u8(0).u8(0).u64(timestampMillis).u16(PRECERT_ENTRY).bytes(issuerKeyHash).vector24(tbsDer)
        .vector16(extensions).toByteArray();
  }

  /** RFC 6962 §2.1 leaf hash: {@code SHA-256(0x00 ‖ leaf)}. */
  public static byte[] leafHash(byte[] leaf) {
    MessageDigest d = sha256();
    d.update((byte) 0);
    return d.digest(leaf);
  }

  /** RFC 6962 §2.1 interior node hash: {@code SHA-256(0x01 ‖ left ‖ right)}. */
  static byte[] nodeHash(byte[] left, byte[] right) {
    MessageDigest d = sha256();
    d.update((byte) 1);
    d.update(left);
    return d.digest(right);
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has SHA-256", e);
    }
  }
}
