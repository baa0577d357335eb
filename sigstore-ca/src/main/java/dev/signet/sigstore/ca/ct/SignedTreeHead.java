package dev.signet.sigstore.ca.ct;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;

/**
 * An RFC 6962 §3.5 signed tree head.
 *
 * @param signature the ASN.1 DER ECDSA signature over {@link #signedData(long, long, byte[])}
 */
public record SignedTreeHead(long treeSize, long timestampMillis, byte[] rootHash, byte[] signature) {
  public SignedTreeHead {
    rootHash = rootHash.clone();
    signature = signature.clone();
  }

  @Override
  public byte[] rootHash() {
    return rootHash.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  /** {@code version(0) ‖ signature_type(1=tree_hash) ‖ u64 timestamp ‖ u64 tree_size ‖ root[32]}. */
  public static byte[] signedData(long timestampMillis, long treeSize, byte[] rootHash) {
    return new Tls().u8(0).u8(1).u64(timestampMillis).u64(treeSize).bytes(rootHash).toByteArray();
  }

  /** The {@code get-sth} response JSON. */
  public ObjectNode toJson() {
    Base64.Encoder b64 = Base64.getEncoder();
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("tree_size", treeSize);
    n.put("timestamp", timestampMillis);
    n.put("sha256_root_hash", b64.encodeToString(rootHash));
    n.put("tree_head_signature", b64.encodeToString(new Tls().u8(Sct.HASH_SHA256).u8(Sct.SIG_ECDSA)
        .vector16(signature).toByteArray()));
    return n;
  }
}
