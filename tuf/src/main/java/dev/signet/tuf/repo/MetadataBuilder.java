package dev.signet.tuf.repo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.tuf.CanonicalJson;
import dev.signet.tuf.TufException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Builds TUF 1.0 metadata from plain inputs (pure: no I/O, no clock). Every role has threshold 1;
 * targets carry length, sha256 and Sigstore's {@code custom.sigstore} object (status {@code Active},
 * usage {@code Unknown}, as the public-good repository lists {@code trusted_root.json}); snapshot and
 * timestamp name the file they cover with version, length and sha256. {@link #sign} produces the
 * envelope {@code {"signatures":[{"keyid","sig"}],"signed":…}} over the canonical JSON of
 * {@code signed}, written with two-space indentation.
 */
final class MetadataBuilder {
  static final String ROOT = "root";
  static final String TARGETS = "targets";
  static final String SNAPSHOT = "snapshot";
  static final String TIMESTAMP = "timestamp";
  static final List<String> ROLES = List.of(ROOT, TARGETS, SNAPSHOT, TIMESTAMP);
  static final String SPEC_VERSION = "1.0.31";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private MetadataBuilder() {}

  /** Root metadata naming {@code keys} (role to its one key) with consistent snapshots on. */
  static ObjectNode root(int version, Instant expires, Map<String, SigningKey> keys) {
    ObjectNode signed = header(ROOT, version, expires);
    signed.put("consistent_snapshot", true);
    ObjectNode keyMap = signed.putObject("keys");
    ObjectNode roles = signed.putObject("roles");
    for (String role : ROLES) {
      SigningKey k = keys.get(role);
      if (k == null) {
        throw new IllegalArgumentException("no key for role " + role);
      }
      keyMap.set(k.keyId(), k.keyObject());
      roles.putObject(role).put("threshold", 1).putArray("keyids").add(k.keyId());
    }
    return signed;
  }

  static ObjectNode targets(int version, Instant expires, SortedMap<String, byte[]> targets) {
    ObjectNode signed = header(TARGETS, version, expires);
    ObjectNode list = signed.putObject("targets");
    targets.forEach((name, content) -> {
      ObjectNode t = list.putObject(name);
      t.put("length", content.length);
      t.putObject("hashes").put("sha256", sha256Hex(content));
      t.putObject("custom").putObject("sigstore").put("status", "Active").put("usage", "Unknown");
    });
    return signed;
  }

  static ObjectNode snapshot(int version, Instant expires, int targetsVersion, byte[] targetsBytes) {
    ObjectNode signed = header(SNAPSHOT, version, expires);
    meta(signed.putObject("meta").putObject("targets.json"), targetsVersion, targetsBytes);
    return signed;
  }

  static ObjectNode timestamp(int version, Instant expires, int snapshotVersion, byte[] snapshotBytes) {
    ObjectNode signed = header(TIMESTAMP, version, expires);
    meta(signed.putObject("meta").putObject("snapshot.json"), snapshotVersion, snapshotBytes);
    return signed;
  }

  /** The signed envelope; each distinct key signs once. */
  static byte[] sign(ObjectNode signed, Collection<SigningKey> keys) throws TufException {
    byte[] canonical = CanonicalJson.encode(signed);
    ObjectNode doc = JSON.createObjectNode();
    ArrayNode sigs = doc.putArray("signatures");
    for (SigningKey k : new LinkedHashSet<>(keys)) {
      sigs.addObject().put("keyid", k.keyId()).put("sig", HexFormat.of().formatHex(k.sign(canonical)));
    }
    doc.set("signed", signed);
    try {
      return (JSON.writeValueAsString(doc) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("writing a JSON tree cannot fail", e);
    }
  }

  /** The consistent-snapshot file name of a target: {@code <sha256>.<name>} in the name's directory. */
  static String targetPath(String name, byte[] content) {
    int slash = name.lastIndexOf('/');
    String hash = sha256Hex(content);
    return slash < 0 ? hash + "." + name : name.substring(0, slash + 1) + hash + "." + name.substring(slash + 1);
  }

  static String sha256Hex(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  static Map<String, SigningKey> keys(SigningKey root, SigningKey targets, SigningKey snapshot, SigningKey timestamp) {
    Map<String, SigningKey> m = new LinkedHashMap<>();
    m.put(ROOT, root);
    m.put(TARGETS, targets);
    m.put(SNAPSHOT, snapshot);
    m.put(TIMESTAMP, timestamp);
    return m;
  }

  private static ObjectNode header(String type, int version, Instant expires) {
    ObjectNode signed = JSON.createObjectNode();
    signed.put("_type", type);
    signed.put("spec_version", SPEC_VERSION);
    signed.put("version", version);
    signed.put("expires", expires.truncatedTo(ChronoUnit.SECONDS).toString());
    return signed;
  }

  private static void meta(ObjectNode entry, int version, byte[] bytes) {
    entry.put("version", version);
    entry.put("length", bytes.length);
    entry.putObject("hashes").put("sha256", sha256Hex(bytes));
  }
}
