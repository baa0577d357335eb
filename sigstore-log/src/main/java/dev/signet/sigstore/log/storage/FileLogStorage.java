package dev.signet.sigstore.log.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link LogStorage} in a directory laid out as tlog-tiles (so the directory itself can be served
 * statically). Objects are written to a temporary file, fsynced, then hard-linked into place (atomic and
 * never replacing); {@link #sync} fsyncs the directories that gained entries. The state lives in
 * {@code .state/state}, replaced by fsync + rename + directory fsync. An exclusive lock on
 * {@code .state/lock} keeps a second process out of the directory.
 */
public final class FileLogStorage implements LogStorage {
  private final Path root;
  private final Path tmp;
  private final Path stateFile;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final AtomicLong counter = new AtomicLong();
  private final Set<Path> dirtyDirs = new HashSet<>();

  private FileLogStorage(Path root, FileChannel lockChannel, FileLock lock) {
    this.root = root;
    this.tmp = root.resolve(".tmp");
    this.stateFile = root.resolve(".state").resolve("state");
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /**
   * Opens (creating if needed) a log directory.
   *
   * @throws StorageException if it cannot be created or another process has it open
   */
  public static FileLogStorage open(Path root) throws StorageException {
    try {
      Files.createDirectories(root.resolve(".state"));
      Files.createDirectories(root.resolve(".tmp"));
      try (var stale = Files.list(root.resolve(".tmp"))) {
        for (Path p : (Iterable<Path>) stale::iterator) {
          Files.deleteIfExists(p);
        }
      }
      FileChannel ch = FileChannel.open(root.resolve(".state").resolve("lock"), StandardOpenOption.CREATE,
          StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        ch.close();
        throw new StorageException("log directory " + root + " is in use by another process; stop it first");
      }
      return new FileLogStorage(root, ch, lock);
    } catch (IOException e) {
      throw new StorageException("cannot open log directory " + root + ": " + e.getMessage(), e);
    }
  }

  public Path root() {
    return root;
  }

  @Override
  public boolean putIfAbsent(String path, byte[] data) throws StorageException {
    Path target = root.resolve(LogStorage.checkPath(path));
    try {
      if (Files.exists(target)) {
        return same(path, target, data);
      }
      Path dir = target.getParent();
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(dir);
        markDirty(root, dir);
      }
      Path t = writeTemp(data);
      try {
        Files.createLink(target, t);
      } catch (FileAlreadyExistsException e) {
        return same(path, target, data);
      } catch (UnsupportedOperationException e) {
        Files.move(t, target);
      } finally {
        Files.deleteIfExists(t);
      }
      synchronized (dirtyDirs) {
        dirtyDirs.add(dir);
      }
      return true;
    } catch (IOException e) {
      throw new StorageException("cannot write " + path + " in " + root + ": " + e.getMessage(), e);
    }
  }

  private void markDirty(Path from, Path dir) {
    synchronized (dirtyDirs) {
      for (Path p = dir; p != null && p.startsWith(from); p = p.getParent()) {
        dirtyDirs.add(p);
      }
    }
  }

  private static boolean same(String path, Path target, byte[] data) throws IOException, StorageException {
    if (!Arrays.equals(Files.readAllBytes(target), data)) {
      throw new StorageException("immutable object " + path + " already holds different bytes");
    }
    return false;
  }

  private Path writeTemp(byte[] data) throws IOException {
    Path t = tmp.resolve(ProcessHandle.current().pid() + "-" + counter.incrementAndGet());
    try (FileChannel ch = FileChannel.open(t, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer b = ByteBuffer.wrap(data);
      while (b.hasRemaining()) {
        ch.write(b);
      }
      ch.force(true);
    }
    return t;
  }

  @Override
  public Optional<byte[]> get(String path) throws StorageException {
    Path target = root.resolve(LogStorage.checkPath(path));
    try {
      return Optional.of(Files.readAllBytes(target));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new StorageException("cannot read " + path + " in " + root + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void delete(String path) throws StorageException {
    Path target = root.resolve(LogStorage.checkPath(path));
    try {
      if (Files.deleteIfExists(target)) {
        synchronized (dirtyDirs) {
          dirtyDirs.add(target.getParent());
        }
      }
    } catch (IOException e) {
      throw new StorageException("cannot delete " + path + " in " + root + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void sync() throws StorageException {
    Set<Path> dirs;
    synchronized (dirtyDirs) {
      dirs = new HashSet<>(dirtyDirs);
      dirtyDirs.clear();
    }
    // deepest first, so a new directory's entries are durable before its parent names it
    var ordered = dirs.stream().sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList();
    for (Path d : ordered) {
      try {
        fsyncDir(d);
      } catch (IOException e) {
        synchronized (dirtyDirs) {
          dirtyDirs.addAll(dirs);
        }
        throw new StorageException("cannot sync directory " + d + ": " + e.getMessage(), e);
      }
    }
  }

  private static void fsyncDir(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  @Override
  public synchronized Optional<byte[]> readState() throws StorageException {
    try {
      return Optional.of(Files.readAllBytes(stateFile));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new StorageException("cannot read the log state " + stateFile + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized boolean compareAndSetState(byte[] expected, byte[] next) throws StorageException {
    byte[] current = readState().orElse(null);
    if (!Arrays.equals(current, expected)) {
      return false;
    }
    try {
      Path t = writeTemp(next);
      try {
        Files.move(t, stateFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.deleteIfExists(t);
        throw new StorageException("the filesystem of " + root + " cannot rename atomically; use a local disk");
      }
      fsyncDir(stateFile.getParent());
      return true;
    } catch (IOException e) {
      throw new StorageException("cannot write the log state " + stateFile + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() throws StorageException {
    try {
      lock.release();
      lockChannel.close();
    } catch (IOException e) {
      throw new StorageException("cannot unlock " + root + ": " + e.getMessage(), e);
    }
  }
}
