package dev.signet.sigstore.log.storage;

import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** {@link LogStorage} in memory (tests, benchmarks); everything is "durable" until the object is dropped. */
public final class MemoryLogStorage implements LogStorage {
  private final ConcurrentMap<String, byte[]> objects = new ConcurrentHashMap<>();
  private byte[] state;
  private volatile boolean failing;

  /** Makes every later call fail with a StorageException (simulates a broken disk). */
  public void setFailing(boolean failing) {
    this.failing = failing;
  }

  private void check() throws StorageException {
    if (failing) {
      throw new StorageException("in-memory storage set to fail");
    }
  }

  @Override
  public boolean putIfAbsent(String path, byte[] data) throws StorageException {
    LogStorage.checkPath(path);
    check();
    byte[] before = objects.putIfAbsent(path, data.clone());
    if (before == null) {
      return true;
    }
    if (!Arrays.equals(before, data)) {
      throw new StorageException("immutable object " + path + " already holds different bytes");
    }
    return false;
  }

  @Override
  public Optional<byte[]> get(String path) throws StorageException {
    LogStorage.checkPath(path);
    check();
    byte[] b = objects.get(path);
    return b == null ? Optional.empty() : Optional.of(b.clone());
  }

  @Override
  public void delete(String path) throws StorageException {
    LogStorage.checkPath(path);
    check();
    objects.remove(path);
  }

  @Override
  public void sync() throws StorageException {
    check();
  }

  @Override
  public synchronized Optional<byte[]> readState() throws StorageException {
    check();
    return state == null ? Optional.empty() : Optional.of(state.clone());
  }

  @Override
  public synchronized boolean compareAndSetState(byte[] expected, byte[] next) throws StorageException {
    check();
    if (!Arrays.equals(state, expected)) {
      return false;
    }
    state = next.clone();
    return true;
  }

  @Override
  public void close() {}
}
