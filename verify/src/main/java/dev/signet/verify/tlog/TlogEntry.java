package dev.signet.verify.tlog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.verify.Check;
import dev.signet.verify.VerificationException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * A transparency-log entry as a bundle carries it (protobuf-specs {@code TransparencyLogEntry}, protojson:
 * int64 as strings or numbers, bytes as base64) or as cosign's legacy {@code dev.sigstore.cosign/bundle}
 * annotation (SET only, no inclusion proof).
 *
 * @param logIndex the top-level (Rekor v1: global across shards) index
 * @param signedEntryTimestamp the SET ({@code inclusionPromise}), or null
 * @param inclusionProof the proof, or null
 * @param body the canonicalized entry body: the Merkle leaf
 */
public record TlogEntry(
    long logIndex, byte[] logId, String kind, String version, long integratedTime,
    byte[] signedEntryTimestamp, InclusionProof inclusionProof, byte[] body) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * An inclusion proof with its checkpoint.
   *
   * @param logIndex the leaf index inside the (shard's) tree
   * @param rootHash as given; Rekor v2 verifiers take the root from the checkpoint
   * @param checkpoint the signed note envelope, or null
   */
  public record InclusionProof(long logIndex, byte[] rootHash, long treeSize, List<byte[]> hashes, String checkpoint) {
    public InclusionProof {
      rootHash = rootHash.clone();
      List<byte[]> copy = new ArrayList<>();
      hashes.forEach(h -> copy.add(h.clone()));
      hashes = List.copyOf(copy);
    }

    @Override
    public byte[] rootHash() {
      return rootHash.clone();
    }

    @Override
    public List<byte[]> hashes() {
      List<byte[]> copy = new ArrayList<>();
      hashes.forEach(h -> copy.add(h.clone()));
      return copy;
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof InclusionProof p) || logIndex != p.logIndex || treeSize != p.treeSize
          || !Arrays.equals(rootHash, p.rootHash) || !Objects.equals(checkpoint, p.checkpoint)
          || hashes.size() != p.hashes.size()) {
        return false;
      }
      for (int i = 0; i < hashes.size(); i++) {
        if (!Arrays.equals(hashes.get(i), p.hashes.get(i))) {
          return false;
        }
      }
      return true;
    }

    @Override
    public int hashCode() {
      return Objects.hash(logIndex, treeSize, Arrays.hashCode(rootHash), checkpoint, hashes.size());
    }
  }

  public TlogEntry {
    logId = logId.clone();
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(version, "version");
    signedEntryTimestamp = signedEntryTimestamp == null ? null : signedEntryTimestamp.clone();
    body = body.clone();
  }

  @Override
  public byte[] logId() {
    return logId.clone();
  }

  @Override
  public byte[] signedEntryTimestamp() {
    return signedEntryTimestamp == null ? null : signedEntryTimestamp.clone();
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  public String logIdHex() {
    return HexFormat.of().formatHex(logId);
  }

  /** Rekor v2 entry types ({@code hashedrekord/0.0.2}, {@code dsse/0.0.2}): no SET, no integrated time. */
  public boolean isRekorV2() {
    return "0.0.2".equals(version) && ("hashedrekord".equals(kind) || "dsse".equals(kind));
  }

  /** Names the entry in messages. */
  public String describe() {
    return "tlog entry " + logIndex + " (" + kind + "/" + version + ")";
  }

  /** A copy with another body (used by tamper tests and adapters). */
  public TlogEntry withBody(byte[] newBody) {
    return new TlogEntry(logIndex, logId, kind, version, integratedTime, signedEntryTimestamp, inclusionProof, newBody);
  }

  /**
   * Reads a bundle's {@code tlogEntries[]} element.
   *
   * @throws VerificationException (FORMAT) naming the missing or malformed field
   */
  public static TlogEntry fromJson(JsonNode e) throws VerificationException {
    if (e == null || !e.isObject()) {
      throw format("a tlog entry is not a JSON object");
    }
    // protojson omits int64 fields that are 0: the first entry of a log has no "logIndex".
    long index = int64(e, "logIndex", false);
    String where = "tlog entry " + index;
    byte[] logId = bytes(field(field(e, "logId"), "keyId"), where + " logId.keyId", true);
    JsonNode kv = field(e, "kindVersion");
    String kind = text(field(kv, "kind"));
    String version = text(field(kv, "version"));
    if (kind == null || version == null) {
      throw format(where + " lacks kindVersion.kind or kindVersion.version");
    }
    byte[] body = bytes(field(e, "canonicalizedBody"), where + " canonicalizedBody", true);
    long integrated = int64(e, "integratedTime", false);
    byte[] set = bytes(field(field(e, "inclusionPromise"), "signedEntryTimestamp"), where + " SET", false);
    InclusionProof proof = null;
    JsonNode p = field(e, "inclusionProof");
    if (p != null) {
      List<byte[]> hashes = new ArrayList<>();
      JsonNode list = field(p, "hashes");
      if (list != null) {
        if (!list.isArray()) {
          throw format(where + " inclusionProof.hashes is not an array");
        }
        for (JsonNode h : list) {
          hashes.add(bytes(h, where + " inclusionProof.hashes", true));
        }
      }
      byte[] root = bytes(field(p, "rootHash"), where + " inclusionProof.rootHash", false);
      proof = new InclusionProof(int64(p, "logIndex", false), root == null ? new byte[0] : root,
          int64(p, "treeSize", false), hashes, text(field(field(p, "checkpoint"), "envelope")));
    }
    return new TlogEntry(index, logId, kind, version, integrated, set, proof, body);
  }

  /**
   * Reads cosign's {@code dev.sigstore.cosign/bundle} annotation
   * {@code {"SignedEntryTimestamp","Payload":{"body","integratedTime","logIndex","logID"}}}; kind and
   * version come from the body.
   */
  public static TlogEntry fromCosignBundle(byte[] json) throws VerificationException {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw format("the Rekor bundle annotation is not valid JSON");
    }
    JsonNode payload = root == null ? null : field(root, "Payload");
    if (payload == null || !payload.isObject()) {
      throw format("the Rekor bundle annotation has no Payload object");
    }
    byte[] set = bytes(field(root, "SignedEntryTimestamp"), "Rekor bundle SignedEntryTimestamp", true);
    byte[] body = bytes(field(payload, "body"), "Rekor bundle Payload.body", true);
    String hex = text(field(payload, "logID"));
    byte[] logId;
    try {
      logId = HexFormat.of().parseHex(hex == null ? "" : hex);
    } catch (IllegalArgumentException ex) {
      throw format("Rekor bundle Payload.logID is not hex");
    }
    if (logId.length == 0) {
      throw format("Rekor bundle Payload.logID is missing");
    }
    JsonNode parsed = EntryBodies.parseBody(body, "Rekor bundle body");
    return new TlogEntry(int64(payload, "logIndex", true), logId, parsed.path("kind").asText(""),
        parsed.path("apiVersion").asText(""), int64(payload, "integratedTime", true), set, null, body);
  }

  static JsonNode field(JsonNode node, String camel) {
    if (node == null || !node.isObject()) {
      return null;
    }
    JsonNode v = node.get(camel);
    if (v == null || v.isNull()) {
      v = node.get(snake(camel));
    }
    return v == null || v.isNull() ? null : v;
  }

  private static String text(JsonNode v) {
    return v != null && v.isTextual() ? v.textValue() : null;
  }

  private static long int64(JsonNode parent, String name, boolean required) throws VerificationException {
    JsonNode v = field(parent, name);
    if (v == null) {
      if (required) {
        throw format("tlog entry lacks " + name);
      }
      return 0;
    }
    try {
      long n = v.isIntegralNumber() && v.canConvertToLong() ? v.longValue()
          : v.isTextual() ? Long.parseLong(v.textValue()) : -1;
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw format("tlog entry " + name + " is not a non-negative integer: " + v);
    }
  }

  private static byte[] bytes(JsonNode v, String what, boolean required) throws VerificationException {
    if (v == null) {
      if (required) {
        throw format(what + " is missing");
      }
      return null;
    }
    if (!v.isTextual()) {
      throw format(what + " is not a base64 string");
    }
    String s = v.textValue();
    try {
      return Base64.getDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      try {
        return Base64.getUrlDecoder().decode(s);
      } catch (IllegalArgumentException e2) {
        throw format(what + " is not valid base64");
      }
    }
  }

  private static String snake(String camel) {
    StringBuilder b = new StringBuilder();
    for (char c : camel.toCharArray()) {
      b.append(Character.isUpperCase(c) ? "_" + Character.toLowerCase(c) : String.valueOf(c));
    }
    return b.toString();
  }

  private static VerificationException format(String message) {
    return new VerificationException(Check.FORMAT, message);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TlogEntry t && logIndex == t.logIndex && Arrays.equals(logId, t.logId)
        && kind.equals(t.kind) && version.equals(t.version) && integratedTime == t.integratedTime
        && Arrays.equals(signedEntryTimestamp, t.signedEntryTimestamp)
        && Objects.equals(inclusionProof, t.inclusionProof) && Arrays.equals(body, t.body);
  }

  @Override
  public int hashCode() {
    return Objects.hash(logIndex, Arrays.hashCode(logId), kind, version, integratedTime, Arrays.hashCode(body));
  }

  @Override
  public String toString() {
    return describe() + " in log " + logIdHex();
  }
}
