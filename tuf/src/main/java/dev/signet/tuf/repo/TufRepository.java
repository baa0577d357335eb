package dev.signet.tuf.repo;

import static dev.signet.tuf.repo.MetadataBuilder.ROOT;
import static dev.signet.tuf.repo.MetadataBuilder.ROLES;
import static dev.signet.tuf.repo.MetadataBuilder.SNAPSHOT;
import static dev.signet.tuf.repo.MetadataBuilder.TARGETS;
import static dev.signet.tuf.repo.MetadataBuilder.TIMESTAMP;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.tuf.TufException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A published TUF 1.0 repository with consistent snapshots in {@code <data>/repository}
 * ({@code N.root.json} and {@code root.json}, {@code N.targets.json}, {@code N.snapshot.json},
 * {@code timestamp.json}, {@code targets/<sha256>.<name>}), signed with the keys in {@code <data>/keys}.
 * {@link #open} creates version 1 of every role on first use and otherwise continues from the
 * published files. Every change writes whole files atomically, the timestamp last, so a client always
 * sees a consistent repository. Thread-safe.
 */
public final class TufRepository {
  /** Role names, as {@link #version}, {@link #expires} and {@link #rotate} take them. */
  public static final String ROOT_ROLE = ROOT;
  public static final String TARGETS_ROLE = TARGETS;
  public static final String SNAPSHOT_ROLE = SNAPSHOT;
  public static final String TIMESTAMP_ROLE = TIMESTAMP;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final RepositoryKeys keys;
  private final Clock clock;
  private final RepositoryConfig config;
  private final Map<String, Integer> versions = new HashMap<>();
  private final Map<String, Instant> expires = new HashMap<>();
  private SortedMap<String, byte[]> targets = new TreeMap<>();
  private byte[] targetsBytes;
  private byte[] snapshotBytes;

  private TufRepository(Path dir, RepositoryKeys keys, Clock clock, RepositoryConfig config) {
    this.dir = dir;
    this.keys = keys;
    this.clock = clock;
    this.config = config;
  }

  /** Opens (or, when {@code dataDir/repository} has no root yet, creates) the repository under {@code dataDir}. */
  public static TufRepository open(Path dataDir, Clock clock, RepositoryConfig config) throws TufException {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(config, "config");
    RepositoryKeys keys = RepositoryKeys.loadOrCreate(dataDir.resolve("keys"), config.keyType());
    TufRepository repo = new TufRepository(dataDir.resolve("repository"), keys, clock, config);
    synchronized (repo) {
      if (Files.exists(repo.dir.resolve("root.json"))) {
        repo.load();
      } else {
        repo.publishRoot(keys.all(), List.of(keys.key(ROOT)));
        repo.publishTargetsRole();
        repo.publishSnapshotRole();
        repo.publishTimestampRole();
      }
    }
    return repo;
  }

  /** The directory clients read, e.g. served at {@code /sigstore/tuf/}. */
  public Path directory() {
    return dir;
  }

  public synchronized int version(String role) {
    checkRole(role);
    return versions.get(role);
  }

  public synchronized Instant expires(String role) {
    checkRole(role);
    return expires.get(role);
  }

  /** {@code N.root.json} as published. */
  public byte[] root(int version) throws TufException {
    return read(version + ".root.json");
  }

  /** The newest root. */
  public synchronized byte[] root() throws TufException {
    return root(versions.get(ROOT));
  }

  /** The current key of {@code role}, e.g. to show the root key id to an operator. */
  public synchronized SigningKey key(String role) {
    return keys.key(role);
  }

  /** The current targets, name to content. */
  public synchronized Map<String, byte[]> targets() {
    Map<String, byte[]> out = new LinkedHashMap<>();
    targets.forEach((k, v) -> out.put(k, v.clone()));
    return out;
  }

  /**
   * Makes {@code next} the complete target set (names such as {@code trusted_root.json}). Publishes new
   * targets, snapshot and timestamp versions when anything differs; returns whether it did.
   */
  public synchronized boolean publishTargets(Map<String, byte[]> next) throws TufException {
    SortedMap<String, byte[]> sorted = new TreeMap<>();
    for (Map.Entry<String, byte[]> e : next.entrySet()) {
      String name = e.getKey();
      if (name.isEmpty() || name.startsWith("/") || name.contains("..") || name.contains("\\")) {
        throw new TufException("target name " + name + ": use a relative path without .. or backslashes");
      }
      sorted.put(name, e.getValue().clone());
    }
    if (sameTargets(sorted)) {
      return false;
    }
    targets = sorted;
    publishTargetsRole();
    publishSnapshotRole();
    publishTimestampRole();
    return true;
  }

  /**
   * Re-signs, as new versions, every role with less than half of its lifetime left (and the roles that
   * name it: snapshot after targets, timestamp after snapshot). Returns the roles re-signed, in order.
   */
  public synchronized List<String> refresh() throws TufException {
    Instant now = clock.instant();
    List<String> done = new ArrayList<>();
    if (due(ROOT, now)) {
      publishRoot(keys.all(), List.of(keys.key(ROOT)));
      done.add(ROOT);
    }
    boolean t = due(TARGETS, now);
    boolean s = t || due(SNAPSHOT, now);
    boolean ts = s || due(TIMESTAMP, now);
    if (t) {
      publishTargetsRole();
      done.add(TARGETS);
    }
    if (s) {
      publishSnapshotRole();
      done.add(SNAPSHOT);
    }
    if (ts) {
      publishTimestampRole();
      done.add(TIMESTAMP);
    }
    return done;
  }

  /**
   * Replaces the keys of {@code roles} with new ones: a new root version naming them, signed by the old
   * and the new root keys (TUF §5.3.4), then new versions of the roles signed with a new key and of
   * those that name them. The new keys are saved as pending files before the root is published and
   * promoted afterwards, so a crash in between loses nothing ({@link #open} finishes the step).
   */
  public synchronized void rotate(Set<String> roles) throws TufException {
    if (roles.isEmpty()) {
      throw new TufException("nothing to rotate: name at least one of root, targets, snapshot, timestamp");
    }
    roles.forEach(TufRepository::checkRole);
    Map<String, SigningKey> next = new LinkedHashMap<>(keys.all());
    for (String role : roles) {
      SigningKey k = SigningKey.generate(config.keyType());
      RepositoryKeys.save(keys.pendingFile(role), k);
      next.put(role, k);
    }
    publishRoot(next, List.of(keys.key(ROOT), next.get(ROOT)));
    for (String role : roles) {
      promote(role, next.get(role));
    }
    boolean t = roles.contains(TARGETS);
    boolean s = t || roles.contains(SNAPSHOT);
    boolean ts = s || roles.contains(TIMESTAMP);
    if (t) {
      publishTargetsRole();
    }
    if (s) {
      publishSnapshotRole();
    }
    if (ts) {
      publishTimestampRole();
    }
  }

  private void promote(String role, SigningKey key) throws TufException {
    keys.replace(role, key);
    try {
      Files.deleteIfExists(keys.pendingFile(role));
    } catch (IOException e) {
      throw new TufException("cannot remove " + keys.pendingFile(role) + ": " + e.getMessage());
    }
  }

  private boolean due(String role, Instant now) {
    Duration left = Duration.between(now, expires.get(role));
    return left.compareTo(config.expiry(role).dividedBy(2)) < 0;
  }

  private boolean sameTargets(SortedMap<String, byte[]> next) {
    if (!next.keySet().equals(targets.keySet())) {
      return false;
    }
    return next.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), targets.get(e.getKey())));
  }

  private void publishRoot(Map<String, SigningKey> roleKeys, List<SigningKey> signers) throws TufException {
    int v = versions.getOrDefault(ROOT, 0) + 1;
    Instant exp = clock.instant().plus(config.rootExpiry());
    byte[] bytes = MetadataBuilder.sign(MetadataBuilder.root(v, exp, roleKeys), signers);
    write(v + ".root.json", bytes);
    write("root.json", bytes);
    versions.put(ROOT, v);
    expires.put(ROOT, truncate(exp));
  }

  private void publishTargetsRole() throws TufException {
    for (Map.Entry<String, byte[]> t : targets.entrySet()) {
      write("targets/" + MetadataBuilder.targetPath(t.getKey(), t.getValue()), t.getValue());
    }
    int v = versions.getOrDefault(TARGETS, 0) + 1;
    Instant exp = clock.instant().plus(config.targetsExpiry());
    byte[] bytes = MetadataBuilder.sign(MetadataBuilder.targets(v, exp, targets), List.of(keys.key(TARGETS)));
    write(v + ".targets.json", bytes);
    versions.put(TARGETS, v);
    expires.put(TARGETS, truncate(exp));
    targetsBytes = bytes;
  }

  private void publishSnapshotRole() throws TufException {
    int v = versions.getOrDefault(SNAPSHOT, 0) + 1;
    Instant exp = clock.instant().plus(config.snapshotExpiry());
    byte[] bytes = MetadataBuilder.sign(MetadataBuilder.snapshot(v, exp, versions.get(TARGETS), targetsBytes),
        List.of(keys.key(SNAPSHOT)));
    write(v + ".snapshot.json", bytes);
    versions.put(SNAPSHOT, v);
    expires.put(SNAPSHOT, truncate(exp));
    snapshotBytes = bytes;
  }

  private void publishTimestampRole() throws TufException {
    int v = versions.getOrDefault(TIMESTAMP, 0) + 1;
    Instant exp = clock.instant().plus(config.timestampExpiry());
    byte[] bytes = MetadataBuilder.sign(MetadataBuilder.timestamp(v, exp, versions.get(SNAPSHOT), snapshotBytes),
        List.of(keys.key(TIMESTAMP)));
    write("timestamp.json", bytes);
    versions.put(TIMESTAMP, v);
    expires.put(TIMESTAMP, truncate(exp));
  }

  /** Continues from the published files; finishes an interrupted rotation; checks the keys match. */
  private void load() throws TufException {
    JsonNode root = parse("root.json");
    int rootVersion = root.path("version").asInt();
    versions.put(ROOT, rootVersion);
    expires.put(ROOT, instant(root, "root.json"));
    for (String role : ROLES) {
      String named = root.path("roles").path(role).path("keyids").path(0).asText("");
      Path pending = keys.pendingFile(role);
      if (Files.exists(pending)) {
        SigningKey p = RepositoryKeys.read(pending);
        if (p.keyId().equals(named)) {
          promote(role, p);
        } else {
          try {
            Files.delete(pending);
          } catch (IOException e) {
            throw new TufException("cannot remove " + pending + ": " + e.getMessage());
          }
        }
      }
      if (!keys.key(role).keyId().equals(named)) {
        throw new TufException(dir.resolve("root.json") + " v" + rootVersion + " names " + role + " key " + named
            + " but the key directory holds " + keys.key(role).keyId()
            + ": restore the keys of this repository, or move the data directory away to start a new one");
      }
    }
    JsonNode timestamp = parse("timestamp.json");
    versions.put(TIMESTAMP, timestamp.path("version").asInt());
    expires.put(TIMESTAMP, instant(timestamp, "timestamp.json"));
    int snapshotVersion = timestamp.path("meta").path("snapshot.json").path("version").asInt();
    snapshotBytes = read(snapshotVersion + ".snapshot.json");
    JsonNode snapshot = parse(snapshotBytes, snapshotVersion + ".snapshot.json");
    versions.put(SNAPSHOT, snapshotVersion);
    expires.put(SNAPSHOT, instant(snapshot, "snapshot.json"));
    int targetsVersion = snapshot.path("meta").path("targets.json").path("version").asInt();
    targetsBytes = read(targetsVersion + ".targets.json");
    JsonNode t = parse(targetsBytes, targetsVersion + ".targets.json");
    versions.put(TARGETS, targetsVersion);
    expires.put(TARGETS, instant(t, "targets.json"));
    SortedMap<String, byte[]> loaded = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = t.path("targets").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String hash = e.getValue().path("hashes").path("sha256").asText();
      int slash = e.getKey().lastIndexOf('/');
      String path = slash < 0 ? hash + "." + e.getKey()
          : e.getKey().substring(0, slash + 1) + hash + "." + e.getKey().substring(slash + 1);
      byte[] content = read("targets/" + path);
      if (!MetadataBuilder.sha256Hex(content).equals(hash)) {
        throw new TufException(dir.resolve("targets/" + path) + " does not match its sha256 in targets.json v"
            + targetsVersion + ": restore it from a backup");
      }
      loaded.put(e.getKey(), content);
    }
    targets = loaded;
  }

  private JsonNode parse(String name) throws TufException {
    return parse(read(name), name);
  }

  private JsonNode parse(byte[] bytes, String name) throws TufException {
    try {
      JsonNode signed = JSON.readTree(bytes).path("signed");
      if (!signed.isObject()) {
        throw new TufException(dir.resolve(name) + ": no signed object");
      }
      return signed;
    } catch (IOException e) {
      throw new TufException(dir.resolve(name) + " is not JSON: " + e.getMessage());
    }
  }

  private Instant instant(JsonNode signed, String name) throws TufException {
    try {
      return Instant.parse(signed.path("expires").asText());
    } catch (java.time.format.DateTimeParseException e) {
      throw new TufException(dir.resolve(name) + ": expires is not a UTC time: " + signed.path("expires"));
    }
  }

  private byte[] read(String name) throws TufException {
    try {
      return Files.readAllBytes(dir.resolve(name));
    } catch (IOException e) {
      throw new TufException("cannot read " + dir.resolve(name) + ": " + e.getMessage());
    }
  }

  private void write(String name, byte[] bytes) throws TufException {
    try {
      AtomicFiles.write(dir.resolve(name), bytes);
    } catch (IOException e) {
      throw new TufException("cannot write " + dir.resolve(name) + ": " + e.getMessage());
    }
  }

  private static Instant truncate(Instant t) {
    return t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
  }

  private static void checkRole(String role) {
    if (!ROLES.contains(role)) {
      throw new IllegalArgumentException("unknown role " + role + " (root, targets, snapshot or timestamp)");
    }
  }
}
