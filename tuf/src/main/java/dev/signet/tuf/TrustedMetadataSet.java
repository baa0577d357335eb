package dev.signet.tuf;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The verified metadata of one update cycle (TUF 1.0 §5.2–§5.6), without I/O: each {@code update*}
 * method takes the bytes of a file, checks them against what is already trusted, and only then
 * trusts them. Expiry is judged against one fixed reference time (§5.1).
 *
 * <p>As in the reference implementation, a file whose only fault is being expired, or (for snapshot)
 * not being the version the timestamp names, is still kept as trusted before the exception is
 * thrown: a cached copy may then serve as the rollback reference for the file downloaded next, but is
 * never the final result (every later step checks its predecessor again).
 */
public final class TrustedMetadataSet {
  private final Instant referenceTime;
  private SignedMetadata<RootMetadata> root;
  private SignedMetadata<TimestampMetadata> timestamp;
  private SignedMetadata<SnapshotMetadata> snapshot;
  private SignedMetadata<TargetsMetadata> targets;

  /** Trusts {@code rootBytes} (§5.2) if it is signed by a threshold of its own root keys; may be expired. */
  public TrustedMetadataSet(byte[] rootBytes, Instant referenceTime) throws TufException {
    this.referenceTime = referenceTime;
    SignedMetadata<RootMetadata> r = MetadataParser.root(rootBytes);
    SignatureThreshold.verify(r, r.signed(), Role.ROOT, "its own root keys");
    this.root = r;
  }

  public Instant referenceTime() {
    return referenceTime;
  }

  public SignedMetadata<RootMetadata> root() {
    return root;
  }

  public Optional<SignedMetadata<TimestampMetadata>> timestamp() {
    return Optional.ofNullable(timestamp);
  }

  public Optional<SignedMetadata<SnapshotMetadata>> snapshot() {
    return Optional.ofNullable(snapshot);
  }

  public Optional<SignedMetadata<TargetsMetadata>> targets() {
    return Optional.ofNullable(targets);
  }

  /**
   * §5.3.3–§5.3.6: the next root must be signed by a threshold of the trusted root's root keys and by a
   * threshold of its own, and its version must be exactly one more.
   */
  public SignedMetadata<RootMetadata> updateRoot(byte[] bytes) throws TufException {
    if (timestamp != null) {
      throw new IllegalStateException("root cannot change after timestamp was loaded");
    }
    SignedMetadata<RootMetadata> next = MetadataParser.root(bytes);
    SignatureThreshold.verify(next, root.signed(), Role.ROOT, "keys of trusted " + root.label());
    SignatureThreshold.verify(next, next.signed(), Role.ROOT, "its own root keys");
    int expected = root.signed().version() + 1;
    if (next.signed().version() != expected) {
      throw new TufException(next.label() + ": expected version " + expected + " after trusted " + root.label());
    }
    root = next;
    return next;
  }

  /**
   * §5.4: signed by the root's timestamp keys; version and snapshot version never lower than the
   * trusted timestamp's; not expired. Returns false (and keeps the trusted file) when the new file has
   * the same version as the trusted one.
   */
  public boolean updateTimestamp(byte[] bytes) throws TufException {
    if (snapshot != null) {
      throw new IllegalStateException("timestamp cannot change after snapshot was loaded");
    }
    checkExpiry(root);
    SignedMetadata<TimestampMetadata> next = MetadataParser.timestamp(bytes);
    SignatureThreshold.verify(next, root.signed(), Role.TIMESTAMP, "");
    if (timestamp != null) {
      int trusted = timestamp.signed().version();
      if (next.signed().version() < trusted) {
        throw new TufException(next.label() + ": rollback, trusted " + timestamp.label() + " is newer");
      }
      if (next.signed().version() == trusted) {
        return false;
      }
      int oldSnapshot = timestamp.signed().snapshot().version();
      if (next.signed().snapshot().version() < oldSnapshot) {
        throw new TufException(next.label() + ": rollback of snapshot.json from v" + oldSnapshot + " to v"
            + next.signed().snapshot().version());
      }
    }
    timestamp = next;
    checkExpiry(timestamp);
    return true;
  }

  /**
   * §5.5: length and hashes as the timestamp lists them (skipped for a copy from the cache, which the
   * timestamp may have superseded), signed by the root's snapshot keys, no targets file removed or
   * rolled back against the trusted snapshot, then (final checks) not expired and exactly the version
   * the timestamp names.
   */
  public SignedMetadata<SnapshotMetadata> updateSnapshot(byte[] bytes, boolean fromCache) throws TufException {
    if (timestamp == null) {
      throw new IllegalStateException("snapshot needs a trusted timestamp");
    }
    if (targets != null) {
      throw new IllegalStateException("snapshot cannot change after targets was loaded");
    }
    checkExpiry(timestamp);
    MetaFile meta = timestamp.signed().snapshot();
    if (!fromCache) {
      meta.check(Role.SNAPSHOT.fileName(), timestamp.label(), bytes);
    }
    SignedMetadata<SnapshotMetadata> next = MetadataParser.snapshot(bytes);
    SignatureThreshold.verify(next, root.signed(), Role.SNAPSHOT, "");
    if (snapshot != null) {
      for (Map.Entry<String, MetaFile> old : snapshot.signed().meta().entrySet()) {
        MetaFile now = next.signed().meta().get(old.getKey());
        if (now == null) {
          throw new TufException(next.label() + ": " + old.getKey() + " is missing (listed in trusted "
              + snapshot.label() + ")");
        }
        if (now.version() < old.getValue().version()) {
          throw new TufException(next.label() + ": rollback of " + old.getKey() + " from v"
              + old.getValue().version() + " to v" + now.version());
        }
      }
    }
    snapshot = next;
    checkFinalSnapshot();
    return next;
  }

  /**
   * §5.6: length and hashes as the snapshot lists them, signed by the root's targets keys, exactly the
   * version the snapshot names, not expired.
   */
  public SignedMetadata<TargetsMetadata> updateTargets(byte[] bytes) throws TufException {
    if (snapshot == null) {
      throw new IllegalStateException("targets needs a trusted snapshot");
    }
    checkFinalSnapshot();
    MetaFile meta = snapshot.signed().meta().get(Role.TARGETS.fileName());
    meta.check(Role.TARGETS.fileName(), snapshot.label(), bytes);
    SignedMetadata<TargetsMetadata> next = MetadataParser.targets(bytes);
    SignatureThreshold.verify(next, root.signed(), Role.TARGETS, "");
    if (next.signed().version() != meta.version()) {
      throw new TufException(next.label() + ": " + snapshot.label() + " names version " + meta.version());
    }
    checkExpiry(next);
    targets = next;
    return next;
  }

  private void checkFinalSnapshot() throws TufException {
    checkExpiry(snapshot);
    int expected = timestamp.signed().snapshot().version();
    if (snapshot.signed().version() != expected) {
      throw new TufException(snapshot.label() + ": " + timestamp.label() + " names version " + expected);
    }
  }

  private void checkExpiry(SignedMetadata<?> md) throws TufException {
    if (!referenceTime.isBefore(md.signed().expires())) {
      throw new TufException(md.label() + ": expired at " + md.signed().expires());
    }
  }
}
