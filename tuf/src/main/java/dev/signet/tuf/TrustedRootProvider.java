package dev.signet.tuf;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The verified {@code trusted_root.json} of the TUF repository that {@code signet initialize} set up
 * (cosign's layout: {@code remote.json} names the mirror, the mirror's directory holds the trusted
 * {@code root.json}). Online it runs a full TUF refresh first; when the repository cannot be reached
 * it falls back to the cached metadata, which must then verify and be unexpired on its own. Expired,
 * rolled-back or badly signed metadata is refused either way, never used.
 */
public final class TrustedRootProvider {
  /** The Sigstore target that holds the trust root of the verifiers. */
  public static final String TRUSTED_ROOT = "trusted_root.json";

  private final Path cacheRoot;
  private final String mirror;
  private final RepositoryFetcher fetcher;
  private final Clock clock;
  private final TufConfig config;
  private final boolean online;
  private final Consumer<String> warnings;

  public TrustedRootProvider(Path cacheRoot, String mirror, RepositoryFetcher fetcher, Clock clock, TufConfig config) {
    this(cacheRoot, mirror, fetcher, clock, config, true, w -> {});
  }

  private TrustedRootProvider(Path cacheRoot, String mirror, RepositoryFetcher fetcher, Clock clock,
      TufConfig config, boolean online, Consumer<String> warnings) {
    this.cacheRoot = Objects.requireNonNull(cacheRoot);
    this.mirror = Objects.requireNonNull(mirror);
    this.fetcher = Objects.requireNonNull(fetcher);
    this.clock = Objects.requireNonNull(clock);
    this.config = Objects.requireNonNull(config);
    this.online = online;
    this.warnings = Objects.requireNonNull(warnings);
  }

  /**
   * The repository recorded in {@code <cacheRoot>/remote.json} by the last {@code initialize}.
   *
   * @throws TufException when nothing was initialized under {@code cacheRoot}
   */
  public static TrustedRootProvider fromCache(Path cacheRoot, Clock clock, Duration timeout) throws TufException {
    String mirror = CacheLayout.readRemote(cacheRoot).orElseThrow(() -> new TufException(
        "no TUF repository initialized in " + cacheRoot + ": run signet initialize --mirror URL --root FILE,"
            + " or pass --trusted-root FILE"));
    return new TrustedRootProvider(cacheRoot, mirror, RepositoryFetchers.forMirror(mirror, timeout), clock,
        TufConfig.defaults());
  }

  /**
   * {@code initialize}: records {@code mirror} in {@code remote.json}, verifies the repository starting
   * from {@code trustAnchor} (rotating the root as far as the mirror goes) and caches the metadata.
   * Returns the client after its refresh, for the caller to fetch and report targets.
   */
  public static TufClient initialize(Path cacheRoot, String mirror, byte[] trustAnchor, RepositoryFetcher fetcher,
      Clock clock, TufConfig config) throws TufException {
    FileSystemMetadataCache cache = new FileSystemMetadataCache(CacheLayout.mirrorDirectory(cacheRoot, mirror));
    TufClient client = new TufClient(trustAnchor, fetcher, cache, clock, config);
    client.refresh();
    CacheLayout.writeRemote(cacheRoot, mirror);
    return client;
  }

  /** The same provider without network: only cached, verified, unexpired metadata is used. */
  public TrustedRootProvider offline() {
    return new TrustedRootProvider(cacheRoot, mirror, fetcher, clock, config, false, warnings);
  }

  /** Where warnings go (e.g. "unreachable, using the cache"); standard error in the CLI. */
  public TrustedRootProvider onWarning(Consumer<String> sink) {
    return new TrustedRootProvider(cacheRoot, mirror, fetcher, clock, config, online, sink);
  }

  public String mirror() {
    return mirror;
  }

  public Path mirrorDirectory() {
    return CacheLayout.mirrorDirectory(cacheRoot, mirror);
  }

  /** The verified bytes of {@code trusted_root.json}. */
  public byte[] trustedRootJson() throws TufException {
    return target(TRUSTED_ROOT);
  }

  /** The verified bytes of any top-level target, e.g. {@code signing_config.v0.2.json}. */
  public byte[] target(String name) throws TufException {
    FileSystemMetadataCache cache = new FileSystemMetadataCache(mirrorDirectory());
    byte[] anchor = cache.readMetadata(Role.ROOT).orElseThrow(() -> new TufException(
        "no root.json in " + mirrorDirectory() + ": run signet initialize --mirror " + mirror + " --root FILE"));
    TufClient client = new TufClient(anchor, fetcher, cache, clock, config);
    if (online) {
      try {
        client.refresh();
        return client.target(name);
      } catch (TufFetchException unreachable) {
        warnings.accept("WARNING: TUF repository " + mirror + " unreachable (" + unreachable.getMessage()
            + "); using the cached metadata");
      }
    }
    client.loadCached();
    return client.target(name);
  }
}
