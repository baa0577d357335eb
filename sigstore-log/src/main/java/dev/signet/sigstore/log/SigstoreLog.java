package dev.signet.sigstore.log;

import dev.signet.sigstore.log.engine.LogConfig;
import dev.signet.sigstore.log.engine.TileLog;
import dev.signet.sigstore.log.note.LogKey;
import dev.signet.sigstore.log.note.NoteSigner;
import dev.signet.sigstore.log.storage.FileLogStorage;
import dev.signet.sigstore.log.storage.LogStorage;
import dev.signet.sigstore.log.storage.StorageException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;

/**
 * The two log instances a Signet server runs, each a {@link TileLog} with its own directory, key and
 * origin, both named by the host of the same base URL:
 *
 * <ul>
 *   <li>Rekor v2 in {@code <data>/v2}: Ed25519 key, origin = key name = host (C2SP checkpoint);
 *   <li>Rekor v1 in {@code <data>/v1}: ECDSA P-256 key (SET and checkpoint), origin
 *       {@code <host> - <tree id>}, key name = host — the shape sigstore-go recognises as a v1 log.
 * </ul>
 *
 * Keys are created on first start ({@code log-key.pem}, mode 0600), the v1 tree id in {@code tree-id}.
 */
public final class SigstoreLog implements AutoCloseable {
  /**
   * @param baseUrl the server's URL as clients see it
   * @param integrationInterval how long a batch waits for more entries
   * @param maxBatch the largest batch
   */
  public record Options(String baseUrl, Duration integrationInterval, int maxBatch, Clock clock) {
    public static Options of(String baseUrl) {
      return new Options(baseUrl, Duration.ofMillis(50), 4096, Clock.systemUTC());
    }
  }

  private final TileLog v1;
  private final TileLog v2;
  private final long treeId;
  private final Options options;
  private final String host;

  private final java.time.Instant v1Created;
  private final java.time.Instant v2Created;

  private SigstoreLog(TileLog v1, TileLog v2, long treeId, Options options, String host, java.time.Instant v1Created,
      java.time.Instant v2Created) {
    this.v1Created = v1Created;
    this.v2Created = v2Created;
    this.v1 = v1;
    this.v2 = v2;
    this.treeId = treeId;
    this.options = options;
    this.host = host;
  }

  /** Opens both logs on the filesystem under {@code data}. */
  public static SigstoreLog open(Path data, Options options) throws LogException {
    LogStorage s1 = FileLogStorage.open(data.resolve("v1"));
    LogStorage s2;
    try {
      s2 = FileLogStorage.open(data.resolve("v2"));
    } catch (StorageException e) {
      s1.close();
      throw e;
    }
    return open(s1, data.resolve("v1"), s2, data.resolve("v2"), options);
  }

  /** Opens both logs on the given storages; keys and the tree id are kept in the two key directories. */
  public static SigstoreLog open(LogStorage v1Storage, Path v1Keys, LogStorage v2Storage, Path v2Keys,
      Options options) throws LogException {
    String host = host(options.baseUrl());
    long treeId = treeId(v1Keys.resolve("tree-id"));
    stampIfNew(v1Keys.resolve("log-key.pem"), options.clock());
    stampIfNew(v2Keys.resolve("log-key.pem"), options.clock());
    LogConfig base = LogConfig.of(host).withBatching(options.integrationInterval(), options.maxBatch())
        .withClock(options.clock());
    TileLog v2 = TileLog.open(v2Storage, new NoteSigner(host,
        LogKey.loadOrCreate(v2Keys.resolve("log-key.pem"), LogKey.Type.ED25519)), base);
    TileLog v1;
    try {
      v1 = TileLog.open(v1Storage, new NoteSigner(host,
          LogKey.loadOrCreate(v1Keys.resolve("log-key.pem"), LogKey.Type.ECDSA_P256)), base.withOrigin(host + " - " + treeId));
    } catch (LogException e) {
      v2.close();
      throw e;
    }
    return new SigstoreLog(v1, v2, treeId, options, host, created(v1Keys.resolve("log-key.pem")),
        created(v2Keys.resolve("log-key.pem")));
  }

  static String host(String baseUrl) throws LogException {
    try {
      String h = URI.create(baseUrl).getHost();
      if (h == null || h.isEmpty()) {
        throw new IllegalArgumentException();
      }
      return h;
    } catch (IllegalArgumentException e) {
      throw new LogException("the log base URL \"" + baseUrl + "\" has no host; give e.g. https://log.example.com");
    }
  }

  /**
   * When the log key was made: {@code log-key.created} (ISO-8601, written with the log's clock when the key
   * is generated), else the key file's modification time.
   */
  private static java.time.Instant created(Path keyFile) throws LogException {
    Path stamp = keyFile.resolveSibling("log-key.created");
    try {
      if (Files.exists(stamp)) {
        return java.time.Instant.parse(Files.readString(stamp, StandardCharsets.US_ASCII).trim());
      }
      return Files.getLastModifiedTime(keyFile).toInstant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    } catch (IOException | java.time.format.DateTimeParseException e) {
      throw new LogException("cannot read when the log key " + keyFile + " was made: " + e.getMessage(), e);
    }
  }

  private static void stampIfNew(Path keyFile, Clock clock) throws LogException {
    if (Files.exists(keyFile)) {
      return;
    }
    try {
      Files.createDirectories(keyFile.toAbsolutePath().getParent());
      Files.writeString(keyFile.resolveSibling("log-key.created"),
          clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "\n", StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new LogException("cannot record the creation time of " + keyFile + ": " + e.getMessage(), e);
    }
  }

  private static long treeId(Path file) throws LogException {
    try {
      if (Files.exists(file)) {
        return Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).trim());
      }
      long id = new SecureRandom().nextLong() & Long.MAX_VALUE;
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, id + "\n", StandardCharsets.US_ASCII);
      return id;
    } catch (IOException | NumberFormatException e) {
      throw new LogException("cannot read or create the v1 tree id " + file + ": " + e.getMessage(), e);
    }
  }

  public TileLog v1() {
    return v1;
  }

  public TileLog v2() {
    return v2;
  }

  /** Rekor v1's tree id (decimal in {@code GET /api/v1/log}, 16 hex digits in entry ids). */
  public long treeId() {
    return treeId;
  }

  public String baseUrl() {
    return options.baseUrl();
  }

  public LogInfo v1Info() {
    return info(v1, 1, v1Created);
  }

  public LogInfo v2Info() {
    return info(v2, 2, v2Created);
  }

  private LogInfo info(TileLog log, int major, java.time.Instant created) {
    NoteSigner s = log.signer();
    return new LogInfo(options.baseUrl(), log.config().origin(), host, s.key().publicKey(), s.key().keyDetails(),
        s.logId(), major, created);
  }

  @Override
  public void close() throws StorageException {
    v1.close();
    v2.close();
    try {
      v1.storage().close();
    } finally {
      v2.storage().close();
    }
  }
}
