package dev.signet.verify.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.verify.root.TransparencyLog;
import dev.signet.verify.root.ValidityWindow;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * A tiny in-memory transparency log for tests: Rekor v1 style (ECDSA P-256, origin
 * {@code <name> - <tree id>}, SETs) or Rekor v2 / C2SP style (Ed25519, origin = name, no SET). Key ids,
 * checkpoints and SETs are built here from the specs, not with the engine's code.
 */
public final class TestLog {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder B64 = Base64.getEncoder();

  private final String name;
  private final String origin;
  private final boolean v2;
  private final KeyPair keys;
  private final ReferenceMerkle tree = new ReferenceMerkle();
  private final java.util.List<byte[]> bodies = new java.util.ArrayList<>();

  private TestLog(String name, boolean v2) throws Exception {
    this.name = name;
    this.v2 = v2;
    this.origin = v2 ? name : name + " - 1193050959916656506";
    if (v2) {
      keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } else {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      keys = g.generateKeyPair();
    }
  }

  public static TestLog rekorV1(String host) throws Exception {
    return new TestLog(host, false);
  }

  public static TestLog rekorV2(String host) throws Exception {
    return new TestLog(host, true);
  }

  public String name() {
    return name;
  }

  public String origin() {
    return origin;
  }

  public KeyPair keys() {
    return keys;
  }

  /** Rekor v1: SHA-256(SPKI); Rekor v2 Ed25519: SHA-256(name ‖ \n ‖ 0x01 ‖ raw key). */
  public byte[] logId() {
    if (!v2) {
      return ReferenceMerkle.sha256(keys.getPublic().getEncoded());
    }
    return ReferenceMerkle.sha256((name + "\n").getBytes(StandardCharsets.UTF_8), new byte[] {1}, rawKey());
  }

  public TransparencyLog trusted(Instant validFrom) {
    return new TransparencyLog("https://" + name, logId(), keys.getPublic(),
        v2 ? "PKIX_ED25519" : "PKIX_ECDSA_P256_SHA_256", ValidityWindow.from(validFrom));
  }

  /** Appends an entry body and some filler leaves after it; returns the body's index. */
  public int append(byte[] body) {
    bodies.add(body.clone());
    tree.add(body);
    return tree.size() - 1;
  }

  public void appendFiller(int n) {
    for (int i = 0; i < n; i++) {
      append(("filler " + tree.size()).getBytes(StandardCharsets.UTF_8));
    }
  }

  public int size() {
    return tree.size();
  }

  public ReferenceMerkle tree() {
    return tree;
  }

  /** The signed checkpoint note for the current size. */
  public String checkpoint() throws Exception {
    return checkpoint(origin, tree.size(), tree.root(tree.size()), name);
  }

  /** A checkpoint with arbitrary fields, signed by this log's key. */
  public String checkpoint(String origin, long size, byte[] root, String keyName) throws Exception {
    String text = origin + "\n" + size + "\n" + B64.encodeToString(root) + "\n";
    return text + "\n" + signatureLine(keyName, text) + "\n";
  }

  /** {@code — <name> <base64(key id ‖ signature)>} over the text. */
  public String signatureLine(String keyName, String text) throws Exception {
    byte[] keyId;
    Signature s;
    if (v2) {
      keyId = Arrays.copyOf(ReferenceMerkle.sha256((keyName + "\n").getBytes(StandardCharsets.UTF_8), new byte[] {1},
          rawKey()), 4);
      s = Signature.getInstance("Ed25519");
    } else {
      keyId = Arrays.copyOf(ReferenceMerkle.sha256(keys.getPublic().getEncoded()), 4);
      s = Signature.getInstance("SHA256withECDSA");
    }
    s.initSign(keys.getPrivate());
    s.update(text.getBytes(StandardCharsets.UTF_8));
    byte[] sig = s.sign();
    byte[] all = new byte[4 + sig.length];
    System.arraycopy(keyId, 0, all, 0, 4);
    System.arraycopy(sig, 0, all, 4, sig.length);
    return "\u2014 " + keyName + " " + B64.encodeToString(all);
  }

  /** ECDSA signature over the RFC 8785 JSON of {body, integratedTime, logID, logIndex} (Jackson, sorted). */
  public byte[] set(byte[] body, long integratedTime, long logIndex) throws Exception {
    ObjectNode n = JSON.createObjectNode();
    n.put("body", B64.encodeToString(body));
    n.put("integratedTime", integratedTime);
    n.put("logID", HexFormat.of().formatHex(logId()));
    n.put("logIndex", logIndex);
    byte[] payload = JSON.writeValueAsBytes(n); // insertion order is already sorted
    Signature s = Signature.getInstance("SHA256withECDSA");
    s.initSign(keys.getPrivate());
    s.update(payload);
    return s.sign();
  }

  /**
   * A bundle {@code tlogEntries[]} element for the entry at {@code index}, proved against the current size.
   *
   * @param globalOffset added to the index for the top-level (Rekor v1 global) logIndex
   */
  public ObjectNode entry(int index, String kind, String version, long integratedTime, long globalOffset)
      throws Exception {
    byte[] body = bodies.get(index);
    long global = index + globalOffset;
    ObjectNode e = JSON.createObjectNode();
    e.put("logIndex", Long.toString(v2 ? index : global));
    e.putObject("logId").put("keyId", B64.encodeToString(logId()));
    e.putObject("kindVersion").put("kind", kind).put("version", version);
    if (!v2) {
      e.put("integratedTime", Long.toString(integratedTime));
      e.putObject("inclusionPromise").put("signedEntryTimestamp", B64.encodeToString(set(body, integratedTime, global)));
    }
    ObjectNode p = e.putObject("inclusionProof");
    p.put("logIndex", Long.toString(index));
    p.put("rootHash", B64.encodeToString(tree.root(tree.size())));
    p.put("treeSize", Long.toString(tree.size()));
    ArrayNode hashes = p.putArray("hashes");
    for (byte[] h : tree.inclusionProof(index, tree.size())) {
      hashes.add(B64.encodeToString(h));
    }
    p.putObject("checkpoint").put("envelope", checkpoint());
    e.put("canonicalizedBody", B64.encodeToString(body));
    return e;
  }

  /** cosign's {@code dev.sigstore.cosign/bundle} annotation for the entry (SET only). */
  public byte[] cosignBundle(int index, long integratedTime, long globalOffset) throws Exception {
    byte[] body = bodies.get(index);
    long global = index + globalOffset;
    ObjectNode root = JSON.createObjectNode();
    root.put("SignedEntryTimestamp", B64.encodeToString(set(body, integratedTime, global)));
    ObjectNode p = root.putObject("Payload");
    p.put("body", B64.encodeToString(body));
    p.put("integratedTime", integratedTime);
    p.put("logIndex", global);
    p.put("logID", HexFormat.of().formatHex(logId()));
    return JSON.writeValueAsBytes(root);
  }

  public List<byte[]> bodies() {
    return List.copyOf(bodies);
  }

  private byte[] rawKey() {
    byte[] spki = keys.getPublic().getEncoded();
    return Arrays.copyOfRange(spki, spki.length - 32, spki.length);
  }
}
