package dev.signet.sigstore.ca.ct;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;

/**
 * An SCT v1 (RFC 6962 §3.2) from an ECDSA-SHA256 log. Immutable.
 *
 * @param logId SHA-256 of the log key's SPKI
 * @param timestampMillis milliseconds since the epoch
 * @param extensions CT extensions (empty for this log)
 * @param signature the ASN.1 DER ECDSA signature over the entry's signed data
 */
public record Sct(byte[] logId, long timestampMillis, byte[] extensions, byte[] signature) {
  static final int HASH_SHA256 = 4;
  static final int SIG_ECDSA = 3;

  public Sct {
    logId = logId.clone();
    extensions = extensions.clone();
    signature = signature.clone();
    if (logId.length != 32) {
      throw new IllegalArgumentException("an SCT log ID is 32 bytes, not " + logId.length);
    }
  }

  @Override
  public byte[] logId() {
    return logId.clone();
  }

  @Override
  public byte[] extensions() {
    return extensions.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  /** The TLS {@code DigitallySigned} struct: {@code hash(4=sha256) ‖ sig(3=ecdsa) ‖ u16-vector signature}. */
  public byte[] digitallySigned() {
    return new Tls().u8(HASH_SHA256).u8(SIG_ECDSA).vector16(signature).toByteArray();
  }

  /** The serialized SCT: {@code version(0) ‖ log_id[32] ‖ u64 timestamp ‖ u16-vector extensions ‖ DigitallySigned}. */
  public byte[] serialize() {
    return new Tls().u8(0).bytes(logId).u64(timestampMillis).vector16(extensions).bytes(digitallySigned())
        .toByteArray();
  }

  /** The RFC 6962 §4.1 {@code add-chain} response JSON. */
  public ObjectNode toJson() {
    Base64.Encoder b64 = Base64.getEncoder();
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("sct_version", 0);
    n.put("id", b64.encodeToString(logId));
    n.put("timestamp", timestampMillis);
    n.put("extensions", b64.encodeToString(extensions));
    n.put("signature", b64.encodeToString(digitallySigned()));
    return n;
  }
}
