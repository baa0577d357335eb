package dev.signet.registry.server.storage.fs;

import dev.signet.oci.Digest;
import dev.signet.registry.server.storage.BlobDigestMismatchException;
import dev.signet.registry.server.storage.BlobInfo;
import dev.signet.registry.server.storage.StorageFailure;
import dev.signet.registry.server.storage.UnknownUploadException;
import dev.signet.registry.server.storage.UploadOffsetException;
import dev.signet.registry.server.storage.UploadSessions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.regex.Pattern;

/**
 * Upload sessions as files {@code uploads/<id>}. While a session is appended to in this process its
 * sha256 state is kept in memory, so closing it needs no second read; after a restart (or for sha512)
 * the file is hashed once at commit.
 */
final class FsUploadSessions implements UploadSessions {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private final Path dir;
  private final FsBlobStore store;
  private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();

  FsUploadSessions(Path dir, FsBlobStore store) {
    this.dir = dir;
    this.store = store;
  }

  /** Per-session lock and running hash of the bytes [0, hashed). */
  private static final class Session {
    final ReentrantLock lock = new ReentrantLock();
    MessageDigest sha256;
    long hashed;
  }

  @Override
  public void create(String id) {
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("invalid upload id " + id);
    }
    try {
      FileOps.createPrivate(dir.resolve(id)).close();
    } catch (IOException e) {
      throw new StorageFailure("create upload " + id, e);
    }
    Session s = new Session();
    try {
      s.sha256 = MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    sessions.put(id, s);
  }

  @Override
  public long size(String id) throws UnknownUploadException {
    try {
      return Files.size(file(id));
    } catch (NoSuchFileException e) {
      throw new UnknownUploadException(id);
    } catch (IOException e) {
      throw new StorageFailure("stat upload " + id, e);
    }
  }

  @Override
  public long append(String id, long offset, InputStream content) throws UnknownUploadException, UploadOffsetException {
    Session s = session(id);
    s.lock.lock();
    try {
      Path f = file(id);
      if (!Files.exists(f)) {
        throw new UnknownUploadException(id);
      }
      try (FileChannel out = FileChannel.open(f, StandardOpenOption.WRITE)) {
        long size = out.size();
        if (offset != size) {
          throw new UploadOffsetException(offset, size);
        }
        out.position(size);
        boolean hashing = s.sha256 != null && s.hashed == size;
        MessageDigest before = hashing ? cloneOf(s.sha256) : null;
        try {
          long n = FileOps.copy(content, out, hashing ? s.sha256 : null);
          s.hashed = hashing ? size + n : -1;
          return size + n;
        } catch (IOException | RuntimeException e) {
          // A chunk that did not arrive whole is dropped, so the client can resume at the old size.
          out.truncate(size);
          s.sha256 = before;
          throw e;
        }
      }
    } catch (IOException e) {
      throw new StorageFailure("append to upload " + id, e);
    } finally {
      s.lock.unlock();
    }
  }

  @Override
  public BlobInfo commit(String id, Digest expected, LongConsumer beforeInstall)
      throws UnknownUploadException, BlobDigestMismatchException {
    Session s = session(id);
    s.lock.lock();
    try {
      Path f = file(id);
      Digest actual;
      long size;
      try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
        ch.force(true);
        size = ch.size();
        actual = s.sha256 != null && s.hashed == ch.size() && expected.algorithm().equals(Digest.SHA256)
            ? new Digest(Digest.SHA256, HexFormat.of().formatHex(s.sha256.digest()))
            : null;
      } catch (NoSuchFileException e) {
        throw new UnknownUploadException(id);
      }
      if (actual == null) {
        try (InputStream in = Files.newInputStream(f)) {
          actual = Digest.of(expected.algorithm(), in);
        }
      }
      if (!actual.equals(expected)) {
        Files.deleteIfExists(f);
        throw new BlobDigestMismatchException(expected, actual);
      }
      beforeInstall.accept(size);
      return store.install(f, expected);
    } catch (IOException e) {
      throw new StorageFailure("commit upload " + id, e);
    } finally {
      sessions.remove(id);
      s.lock.unlock();
    }
  }

  @Override
  public boolean cancel(String id) {
    if (!ID.matcher(id).matches()) {
      return false;
    }
    Session s = sessions.remove(id);
    if (s != null) {
      s.lock.lock();
    }
    try {
      return Files.deleteIfExists(dir.resolve(id));
    } catch (IOException e) {
      throw new StorageFailure("cancel upload " + id, e);
    } finally {
      if (s != null) {
        s.lock.unlock();
      }
    }
  }

  @Override
  public void list(Consumer<UploadInfo> visitor) {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path f : files) {
        try {
          BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
          visitor.accept(new UploadInfo(f.getFileName().toString(), a.size(), a.lastModifiedTime().toInstant()));
        } catch (NoSuchFileException gone) {
          // committed or cancelled meanwhile
        }
      }
    } catch (IOException e) {
      throw new StorageFailure("list uploads", e);
    }
  }

  private Session session(String id) throws UnknownUploadException {
    Path f = file(id);
    if (!Files.exists(f)) {
      throw new UnknownUploadException(id);
    }
    return sessions.computeIfAbsent(id, k -> new Session());
  }

  private Path file(String id) throws UnknownUploadException {
    if (!ID.matcher(id).matches()) {
      throw new UnknownUploadException(id);
    }
    return dir.resolve(id);
  }

  private static MessageDigest cloneOf(MessageDigest md) {
    try {
      return (MessageDigest) md.clone();
    } catch (CloneNotSupportedException e) {
      return null;
    }
  }
}
