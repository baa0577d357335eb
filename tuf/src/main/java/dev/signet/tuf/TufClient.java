package dev.signet.tuf;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * The TUF client workflow (§5) against one repository: {@link #refresh()} updates root, timestamp,
 * snapshot and targets from the {@link RepositoryFetcher}, keeping verified copies in the
 * {@link MetadataCache}; {@link #target(String)} then returns a verified target file. {@link
 * #loadCached()} is the offline variant: the cached files must verify and be unexpired on their own.
 *
 * <p>Not thread-safe; one instance serves one update cycle at a time.
 */
public final class TufClient {
  private final byte[] trustAnchor;
  private final RepositoryFetcher fetcher;
  private final MetadataCache cache;
  private final Clock clock;
  private final TufConfig config;
  private TrustedMetadataSet trusted;
  private boolean offline;

  /**
   * @param trustAnchor the trusted root.json to start from (§5.2), shipped or configured out of band
   */
  public TufClient(byte[] trustAnchor, RepositoryFetcher fetcher, MetadataCache cache, Clock clock, TufConfig config) {
    this.trustAnchor = trustAnchor.clone();
    this.fetcher = Objects.requireNonNull(fetcher);
    this.cache = Objects.requireNonNull(cache);
    this.clock = Objects.requireNonNull(clock);
    this.config = Objects.requireNonNull(config);
  }

  /** One full update cycle; afterwards {@link #trusted()} holds the final, unexpired top-level metadata. */
  public TrustedMetadataSet refresh() throws TufException {
    TrustedMetadataSet set = new TrustedMetadataSet(trustAnchor, clock.instant());
    updateRoot(set);
    updateTimestamp(set);
    updateSnapshot(set);
    updateTargets(set);
    trusted = set;
    offline = false;
    return set;
  }

  /**
   * Trusts the cached timestamp, snapshot and targets without contacting the repository. Each must
   * verify against the trust anchor (no root rotation happens) and none may be expired.
   */
  public TrustedMetadataSet loadCached() throws TufException {
    TrustedMetadataSet set = new TrustedMetadataSet(trustAnchor, clock.instant());
    set.updateTimestamp(cached(Role.TIMESTAMP));
    set.updateSnapshot(cached(Role.SNAPSHOT), true);
    set.updateTargets(cached(Role.TARGETS));
    trusted = set;
    offline = true;
    return set;
  }

  /** The metadata of the last successful {@link #refresh()} or {@link #loadCached()}. */
  public TrustedMetadataSet trusted() {
    if (trusted == null) {
      throw new IllegalStateException("refresh() or loadCached() first");
    }
    return trusted;
  }

  /** The trusted entry for {@code name} in the top-level targets role. */
  public TargetFile targetInfo(String name) throws TufException {
    SignedMetadata<TargetsMetadata> targets = trusted().targets().orElseThrow();
    TargetFile t = targets.signed().targets().get(name);
    if (t == null) {
      throw new TufException(targets.label() + ": no target " + name
          + (targets.signed().delegated() ? " (delegated targets roles are not followed)" : ""));
    }
    return t;
  }

  /**
   * The verified bytes of target {@code name}: the cached copy when its length and hashes match the
   * trusted targets metadata, else downloaded (unless loaded offline), verified and cached.
   */
  public byte[] target(String name) throws TufException {
    TargetFile info = targetInfo(name);
    Optional<byte[]> local = cache.readTarget(name);
    if (local.isPresent()) {
      try {
        info.check(local.get());
        return local.get();
      } catch (TufException stale) {
        if (offline) {
          throw new TufException(stale.getMessage() + " (cached copy; offline)");
        }
      }
    } else if (offline) {
      throw new TufException("target " + name + ": not in the cache and the repository was not contacted");
    }
    String path = "targets/" + (trusted.root().signed().consistentSnapshot() ? info.consistentPath() : name);
    byte[] data = fetcher.fetch(path, info.length())
        .orElseThrow(() -> new TufException("target " + name + ": " + path + " not found on " + fetcher.describe()));
    info.check(data);
    cache.writeTarget(name, data);
    return data;
  }

  /** §5.3: steps through N+1.root.json while the repository has them, at most maxRootRotations. */
  private void updateRoot(TrustedMetadataSet set) throws TufException {
    RootMetadata start = set.root().signed();
    int cachedVersion = cachedRootVersion();
    int first = start.version() + 1;
    for (int v = first; v < first + config.maxRootRotations(); v++) {
      Optional<byte[]> next = fetcher.fetch(v + ".root.json", config.maxRootLength());
      if (next.isEmpty()) {
        break;
      }
      set.updateRoot(next.get());
    }
    RootMetadata end = set.root().signed();
    if (cachedVersion > end.version()) {
      throw new TufException("root.json v" + end.version() + ": rollback, the cache already trusted root.json v"
          + cachedVersion + " (remove the cache directory to start over from an older root)");
    }
    cache.writeMetadata(Role.ROOT, set.root().raw());
    if (end.version() != start.version()) {
      // §5.3.11: new timestamp or snapshot keys: forget those files (recovery from fast-forward attacks).
      boolean timestampKeys = !sameKeys(start, end, Role.TIMESTAMP);
      if (timestampKeys || !sameKeys(start, end, Role.SNAPSHOT)) {
        cache.deleteMetadata(Role.TIMESTAMP);
        cache.deleteMetadata(Role.SNAPSHOT);
      }
    }
  }

  /** The version of the cached root.json, 0 when there is none or it does not parse. */
  private int cachedRootVersion() throws TufException {
    Optional<byte[]> cachedRoot = cache.readMetadata(Role.ROOT);
    if (cachedRoot.isEmpty()) {
      return 0;
    }
    try {
      return MetadataParser.root(cachedRoot.get()).signed().version();
    } catch (TufException unreadable) {
      return 0;
    }
  }

  private static boolean sameKeys(RootMetadata a, RootMetadata b, Role role) {
    return a.role(role).equals(b.role(role));
  }

  private void updateTimestamp(TrustedMetadataSet set) throws TufException {
    Optional<byte[]> local = cache.readMetadata(Role.TIMESTAMP);
    if (local.isPresent()) {
      tryLocal(() -> set.updateTimestamp(local.get()));
    }
    byte[] remote = fetcher.fetch(Role.TIMESTAMP.fileName(), config.maxTimestampLength())
        .orElseThrow(() -> new TufException("timestamp.json: not found on " + fetcher.describe()));
    if (set.updateTimestamp(remote)) {
      cache.writeMetadata(Role.TIMESTAMP, remote);
    }
  }

  private void updateSnapshot(TrustedMetadataSet set) throws TufException {
    Optional<byte[]> local = cache.readMetadata(Role.SNAPSHOT);
    if (local.isPresent() && tryLocal(() -> set.updateSnapshot(local.get(), true))) {
      return;
    }
    MetaFile meta = set.timestamp().orElseThrow().signed().snapshot();
    String path = set.root().signed().consistentSnapshot() ? meta.version() + ".snapshot.json" : "snapshot.json";
    byte[] remote = fetcher.fetch(path, meta.length().orElse(config.maxSnapshotLength()))
        .orElseThrow(() -> new TufException("snapshot.json: " + path + " not found on " + fetcher.describe()));
    set.updateSnapshot(remote, false);
    cache.writeMetadata(Role.SNAPSHOT, remote);
  }

  private void updateTargets(TrustedMetadataSet set) throws TufException {
    Optional<byte[]> local = cache.readMetadata(Role.TARGETS);
    if (local.isPresent() && tryLocal(() -> set.updateTargets(local.get()))) {
      return;
    }
    MetaFile meta = set.snapshot().orElseThrow().signed().meta().get(Role.TARGETS.fileName());
    String path = set.root().signed().consistentSnapshot() ? meta.version() + ".targets.json" : "targets.json";
    byte[] remote = fetcher.fetch(path, meta.length().orElse(config.maxTargetsLength()))
        .orElseThrow(() -> new TufException("targets.json: " + path + " not found on " + fetcher.describe()));
    set.updateTargets(remote);
    cache.writeMetadata(Role.TARGETS, remote);
  }

  private byte[] cached(Role role) throws TufException {
    return cache.readMetadata(role)
        .orElseThrow(() -> new TufException(role.fileName() + ": not in the cache (run initialize while online)"));
  }

  private interface Step {
    Object run() throws TufException;
  }

  /** A cached file that does not verify (any more) is simply not used; the download decides. */
  private static boolean tryLocal(Step step) {
    try {
      step.run();
      return true;
    } catch (TufException ignored) {
      return false;
    }
  }
}
