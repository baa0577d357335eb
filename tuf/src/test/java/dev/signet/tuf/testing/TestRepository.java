package dev.signet.tuf.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.tuf.CanonicalJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Writes a real TUF 1.0 repository into a directory, signed with {@link TestKey}s: versioned roots
 * ({@code N.root.json}), {@code timestamp.json}, consistent-snapshot {@code N.snapshot.json} /
 * {@code N.targets.json} (plus the plain names) and {@code targets/<sha256>.<name>} files. Every
 * {@code publish*} call bumps that role's version. Tests change keys, thresholds, expiry and signers
 * between calls, or tamper with the files directly.
 *
 * <p>Default keys exercise all three schemes: root ecdsa, timestamp ed25519, snapshot rsa, targets ecdsa.
 */
public final class TestRepository {
  public static final String ROOT = "root";
  public static final String TIMESTAMP = "timestamp";
  public static final String SNAPSHOT = "snapshot";
  public static final String TARGETS = "targets";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path dir;
  private final Map<String, List<TestKey>> roleKeys = new LinkedHashMap<>();
  private final Map<String, Integer> thresholds = new LinkedHashMap<>();
  private final Map<String, Instant> expires = new LinkedHashMap<>();
  private final Map<String, Integer> versions = new LinkedHashMap<>();
  private final Map<String, List<TestKey>> signersOverride = new LinkedHashMap<>();
  private final Map<String, byte[]> targets = new LinkedHashMap<>();
  private final Map<Integer, List<TestKey>> rootKeysByVersion = new LinkedHashMap<>();
  private boolean consistentSnapshot = true;
  private boolean metaHashes = true;
  private byte[] latestSnapshot;
  private byte[] latestTargets;

  private TestRepository(Path dir, Instant now) {
    this.dir = dir;
    Instant inAYear = now.plus(365, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    for (String role : List.of(ROOT, TIMESTAMP, SNAPSHOT, TARGETS)) {
      thresholds.put(role, 1);
      expires.put(role, inAYear);
      versions.put(role, 0);
    }
    roleKeys.put(ROOT, List.of(TestKey.ecdsa()));
    roleKeys.put(TIMESTAMP, List.of(TestKey.ed25519()));
    roleKeys.put(SNAPSHOT, List.of(TestKey.sharedRsa()));
    roleKeys.put(TARGETS, List.of(TestKey.ecdsa()));
  }

  /** A repository with root v1 and targets, snapshot and timestamp v1 listing {@code trusted_root.json}. */
  public static TestRepository create(Path dir, Instant now) {
    TestRepository repo = new TestRepository(dir, now);
    repo.target("trusted_root.json", ("{\"mediaType\":\"application/vnd.dev.sigstore.trustedroot+json;version=0.1\","
        + "\"tlogs\":[],\"certificateAuthorities\":[],\"ctlogs\":[],\"timestampAuthorities\":[]}\n")
        .getBytes(StandardCharsets.UTF_8));
    repo.publishRoot();
    repo.publishAll();
    return repo;
  }

  public Path directory() {
    return dir;
  }

  public byte[] rootBytes(int version) {
    return read(version + ".root.json");
  }

  public int version(String role) {
    return versions.get(role);
  }

  public List<TestKey> keys(String role) {
    return roleKeys.get(role);
  }

  public TestRepository keys(String role, List<TestKey> keys, int threshold) {
    roleKeys.put(role, List.copyOf(keys));
    thresholds.put(role, threshold);
    return this;
  }

  public TestRepository expires(String role, Instant when) {
    expires.put(role, when.truncatedTo(ChronoUnit.SECONDS));
    return this;
  }

  public TestRepository consistentSnapshot(boolean value) {
    consistentSnapshot = value;
    return this;
  }

  /** Whether timestamp and snapshot list length and hashes of the files they name (default true). */
  public TestRepository metaHashes(boolean value) {
    metaHashes = value;
    return this;
  }

  /** Sets the version counter of {@code role}: its next publication is {@code version + 1}. */
  public TestRepository lastVersion(String role, int version) {
    versions.put(role, version);
    return this;
  }

  /** Signers of the next publication of {@code role} (duplicates allowed), instead of the role's keys. */
  public TestRepository signers(String role, List<TestKey> keys) {
    signersOverride.put(role, new ArrayList<>(keys));
    return this;
  }

  public TestRepository target(String name, byte[] content) {
    targets.put(name, content.clone());
    return this;
  }

  /**
   * The next root version, signed by the previous root's keys and its own (or the override). Writes
   * {@code N.root.json} and {@code root.json}.
   */
  public TestRepository publishRoot() {
    int v = versions.get(ROOT) + 1;
    versions.put(ROOT, v);
    rootKeysByVersion.put(v, roleKeys.get(ROOT));
    ObjectNode signed = header("root", v);
    signed.put("consistent_snapshot", consistentSnapshot);
    ObjectNode keys = signed.putObject("keys");
    ObjectNode roles = signed.putObject("roles");
    for (Map.Entry<String, List<TestKey>> e : roleKeys.entrySet()) {
      ObjectNode role = roles.putObject(e.getKey());
      ArrayNode ids = role.putArray("keyids");
      for (TestKey k : e.getValue()) {
        keys.set(k.keyId(), k.keyObject());
        ids.add(k.keyId());
      }
      role.put("threshold", thresholds.get(e.getKey()));
    }
    LinkedHashSet<TestKey> signers = new LinkedHashSet<>(roleKeys.get(ROOT));
    if (v > 1) {
      signers.addAll(rootKeysByVersion.getOrDefault(v - 1, List.of()));
    }
    byte[] bytes = sign(ROOT, signed, new ArrayList<>(signers));
    write(v + ".root.json", bytes);
    write("root.json", bytes);
    return this;
  }

  /** New versions of targets, snapshot and timestamp, in that order. */
  public TestRepository publishAll() {
    publishTargets();
    publishSnapshot();
    publishTimestamp();
    return this;
  }

  public TestRepository publishTargets() {
    int v = versions.get(TARGETS) + 1;
    versions.put(TARGETS, v);
    ObjectNode signed = header("targets", v);
    ObjectNode list = signed.putObject("targets");
    for (Map.Entry<String, byte[]> t : targets.entrySet()) {
      ObjectNode entry = list.putObject(t.getKey());
      entry.put("length", t.getValue().length);
      entry.putObject("hashes").put("sha256", hex("SHA-256", t.getValue())).put("sha512", hex("SHA-512", t.getValue()));
      entry.putObject("custom").putObject("sigstore").put("status", "Active").put("usage", "Unknown");
      write("targets/" + (consistentSnapshot ? hex("SHA-256", t.getValue()) + "." : "") + t.getKey(), t.getValue());
    }
    latestTargets = sign(TARGETS, signed, roleKeys.get(TARGETS));
    write((consistentSnapshot ? v + "." : "") + "targets.json", latestTargets);
    return this;
  }

  public TestRepository publishSnapshot() {
    return publishSnapshot(versions.get(TARGETS), latestTargets);
  }

  /** A snapshot that names {@code targetsVersion} with {@code targetsBytes}' length and hash. */
  public TestRepository publishSnapshot(int targetsVersion, byte[] targetsBytes) {
    int v = versions.get(SNAPSHOT) + 1;
    versions.put(SNAPSHOT, v);
    ObjectNode signed = header("snapshot", v);
    meta(signed.putObject("meta").putObject("targets.json"), targetsVersion, targetsBytes);
    latestSnapshot = sign(SNAPSHOT, signed, roleKeys.get(SNAPSHOT));
    write((consistentSnapshot ? v + "." : "") + "snapshot.json", latestSnapshot);
    return this;
  }

  public TestRepository publishTimestamp() {
    int v = versions.get(TIMESTAMP) + 1;
    versions.put(TIMESTAMP, v);
    ObjectNode signed = header("timestamp", v);
    meta(signed.putObject("meta").putObject("snapshot.json"), versions.get(SNAPSHOT), latestSnapshot);
    write("timestamp.json", sign(TIMESTAMP, signed, roleKeys.get(TIMESTAMP)));
    return this;
  }

  /** Raw access for tampering. */
  public byte[] read(String path) {
    try {
      return Files.readAllBytes(dir.resolve(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void write(String path, byte[] bytes) {
    try {
      Path p = dir.resolve(path);
      Files.createDirectories(p.getParent());
      Files.write(p, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The path of target {@code name} as currently published. */
  public String targetPath(String name) {
    return "targets/" + (consistentSnapshot ? hex("SHA-256", targets.get(name)) + "." : "") + name;
  }

  public String metadataPath(String role) {
    return (consistentSnapshot && !role.equals(TIMESTAMP) ? versions.get(role) + "." : "") + role + ".json";
  }

  private ObjectNode header(String type, int version) {
    ObjectNode signed = JSON.createObjectNode();
    signed.put("_type", type);
    signed.put("spec_version", "1.0.31");
    signed.put("version", version);
    signed.put("expires", expires.get(type).toString());
    return signed;
  }

  private void meta(ObjectNode entry, int version, byte[] bytes) {
    entry.put("version", version);
    if (!metaHashes) {
      return;
    }
    entry.put("length", bytes.length);
    entry.putObject("hashes").put("sha256", hex("SHA-256", bytes));
  }

  private byte[] sign(String role, ObjectNode signed, List<TestKey> defaultSigners) {
    List<TestKey> signers = signersOverride.containsKey(role) ? signersOverride.remove(role) : defaultSigners;
    try {
      byte[] canonical = CanonicalJson.encode(signed);
      ObjectNode doc = JSON.createObjectNode();
      ArrayNode sigs = doc.putArray("signatures");
      for (TestKey k : signers) {
        sigs.addObject().put("keyid", k.keyId()).put("sig", k.sign(canonical));
      }
      doc.set("signed", signed);
      return JSON.writeValueAsBytes(doc);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static String hex(String algorithm, byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Parses a published file, for tests that edit one field and re-sign. */
  public static JsonNode parse(byte[] bytes) {
    try {
      return JSON.readTree(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
