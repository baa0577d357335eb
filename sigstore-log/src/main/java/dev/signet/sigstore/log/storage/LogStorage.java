package dev.signet.sigstore.log.storage;

import java.util.Optional;

/**
 * Where a log keeps its tiles, entry bundles and state. Designed for object stores plus one row with a
 * compare-and-set (S3 + PostgreSQL) as well as a filesystem:
 *
 * <ul>
 *   <li>Objects are immutable: {@link #putIfAbsent} never replaces different bytes, and a reader sees an
 *       object entirely or not at all. Paths are relative, {@code /}-separated, of {@code [A-Za-z0-9._-]}
 *       segments not starting with a dot (the tlog-tiles layout: {@code tile/0/x001/234.p/5}).
 *   <li>The state ({@link #readState}, {@link #compareAndSetState}) is the only mutable value: the latest
 *       published checkpoint. Compare-and-set makes a second writer (or a stale one) fail instead of
 *       moving the log backwards.
 *   <li>{@link #sync} is a durability barrier: every object put before it returns survives a crash.
 *       {@link #compareAndSetState} is durable when it returns.
 * </ul>
 *
 * Implementations are thread-safe. {@link #delete} exists only for the sequencer's journal objects.
 */
public interface LogStorage extends AutoCloseable {

  /**
   * Stores {@code data} at {@code path} unless an object is there already.
   *
   * @return true if written, false if identical bytes were already there
   * @throws StorageException on I/O failure, or if different bytes are already stored at the path
   */
  boolean putIfAbsent(String path, byte[] data) throws StorageException;

  /** The object at {@code path}, or empty. */
  Optional<byte[]> get(String path) throws StorageException;

  /** Removes a journal object (absent is fine). */
  void delete(String path) throws StorageException;

  /** Makes every object put so far durable. */
  void sync() throws StorageException;

  /** The current state, or empty for a new log. */
  Optional<byte[]> readState() throws StorageException;

  /**
   * Replaces the state if it currently equals {@code expected} (null: no state yet); durable on return.
   *
   * @return false if the state was something else (nothing changed)
   */
  boolean compareAndSetState(byte[] expected, byte[] next) throws StorageException;

  @Override
  void close() throws StorageException;

  /** Checks a path against the SPI's rules. */
  static String checkPath(String path) {
    if (path == null || path.isEmpty() || path.startsWith("/") || path.endsWith("/")) {
      throw new IllegalArgumentException("bad storage path \"" + path + "\"");
    }
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.startsWith(".") || !segment.matches("[A-Za-z0-9._-]+")) {
        throw new IllegalArgumentException("bad storage path \"" + path + "\"");
      }
    }
    return path;
  }
}
