package dev.signet.registry.server.storage.fs;

import dev.signet.oci.Digest;
import dev.signet.registry.server.storage.BlobDigestMismatchException;
import dev.signet.registry.server.storage.BlobInfo;
import dev.signet.registry.server.storage.BlobStore;
import dev.signet.registry.server.storage.PrivateFiles;
import dev.signet.registry.server.storage.StorageFailure;
import dev.signet.registry.server.storage.UploadSessions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * {@link BlobStore} on a local filesystem. Layout under the root directory:
 *
 * <pre>
 * root/
 * ├── blobs/
 * │   └── &lt;algorithm&gt;/&lt;first two hex&gt;/&lt;hex&gt;    verified content, never modified in place
 * ├── uploads/
 * │   └── &lt;session id&gt;                          bytes received so far by a chunked upload
 * └── tmp/
 *     └── put-&lt;random&gt;                          a monolithic write in progress
 * </pre>
 *
 * Every write goes to a file in {@code tmp/} or {@code uploads/} (same filesystem as {@code blobs/}),
 * is hashed while streaming, forced to disk, then atomically renamed into {@code blobs/} and the
 * directory forced; a crash leaves only stray temporary files, which opening the store removes from
 * {@code tmp/} once they are an hour old (younger ones may belong to another process writing to the same
 * directory, such as a server while {@code signet registry gc} runs).
 */
public final class FsBlobStore implements BlobStore {
  static final int BUFFER = 256 * 1024;
  private static final java.time.Duration STALE_TEMPORARY = java.time.Duration.ofHours(1);

  private final Path blobs;
  private final Path tmp;
  private final Clock clock;
  private final FsUploadSessions uploads;

  public FsBlobStore(Path root, Clock clock) {
    this.blobs = root.resolve("blobs");
    this.tmp = root.resolve("tmp");
    this.clock = clock;
    try {
      for (Path dir : new Path[] {root, blobs, tmp, root.resolve("uploads")}) {
        FileOps.createPrivateDirectories(dir);
        PrivateFiles.restrict(dir);
      }
      FileOps.deleteOlderChildren(tmp, clock.instant().minus(STALE_TEMPORARY));
    } catch (IOException e) {
      throw new StorageFailure("cannot prepare blob storage in " + root, e);
    }
    this.uploads = new FsUploadSessions(root.resolve("uploads"), this);
  }

  @Override
  public Optional<BlobInfo> stat(Digest digest) {
    try {
      BasicFileAttributes a = Files.readAttributes(path(digest), BasicFileAttributes.class);
      return Optional.of(new BlobInfo(digest, a.size(), a.lastModifiedTime().toInstant()));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new StorageFailure("stat blob " + digest, e);
    }
  }

  @Override
  public Optional<SeekableByteChannel> open(Digest digest) {
    try {
      return Optional.of(FileChannel.open(path(digest), StandardOpenOption.READ));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new StorageFailure("open blob " + digest, e);
    }
  }

  @Override
  public BlobInfo put(Digest expected, InputStream content, LongConsumer beforeInstall)
      throws BlobDigestMismatchException {
    Path temp = tmp.resolve("put-" + UUID.randomUUID());
    try {
      Digest actual;
      long size;
      try (FileChannel out = FileOps.createPrivate(temp)) {
        actual = FileOps.copyHashing(content, out, expected.newMessageDigest(), expected.algorithm());
        out.force(true);
        size = out.size();
      }
      if (!actual.equals(expected)) {
        throw new BlobDigestMismatchException(expected, actual);
      }
      beforeInstall.accept(size);
      return install(temp, expected);
    } catch (IOException e) {
      throw new StorageFailure("write blob " + expected, e);
    } finally {
      FileOps.deleteQuietly(temp);
    }
  }

  /**
   * Moves a verified, forced file into place, or refreshes the age of an identical blob. An identical
   * blob that disappears meanwhile (a sweep that ran before the caller's write-ahead record) is replaced
   * by the verified file, so the blob is always there when this returns.
   */
  BlobInfo install(Path verified, Digest digest) throws IOException {
    Path target = path(digest);
    for (int attempt = 0; attempt < 3; attempt++) {
      if (Files.exists(target)) {
        try {
          Files.setLastModifiedTime(target, FileTime.from(clock.instant()));
          Optional<BlobInfo> info = stat(digest);
          if (info.isPresent()) {
            Files.deleteIfExists(verified);
            return info.get();
          }
        } catch (NoSuchFileException swept) {
          // gone between the check and the refresh: install ours
        }
      }
      FileOps.createPrivateDirectories(target.getParent());
      Files.setLastModifiedTime(verified, FileTime.from(clock.instant()));
      FileOps.atomicMove(verified, target);
      Optional<BlobInfo> info = stat(digest);
      if (info.isPresent()) {
        return info.get();
      }
    }
    throw new NoSuchFileException(target + " (removed while being installed)");
  }

  @Override
  public boolean delete(Digest digest) {
    try {
      return Files.deleteIfExists(path(digest));
    } catch (IOException e) {
      throw new StorageFailure("delete blob " + digest, e);
    }
  }

  @Override
  public void list(Consumer<BlobInfo> visitor) {
    for (String alg : new String[] {Digest.SHA256, Digest.SHA512}) {
      Path dir = blobs.resolve(alg);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (DirectoryStream<Path> prefixes = Files.newDirectoryStream(dir)) {
        for (Path prefix : prefixes) {
          listPrefix(alg, prefix, visitor);
        }
      } catch (IOException e) {
        throw new StorageFailure("list blobs", e);
      }
    }
  }

  private void listPrefix(String alg, Path prefix, Consumer<BlobInfo> visitor) throws IOException {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(prefix)) {
      for (Path f : files) {
        String hex = f.getFileName().toString();
        if (!Digest.isDigest(alg + ":" + hex)) {
          continue;
        }
        try {
          BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
          visitor.accept(new BlobInfo(new Digest(alg, hex), a.size(), a.lastModifiedTime().toInstant()));
        } catch (NoSuchFileException gone) {
          // deleted concurrently
        }
      }
    }
  }

  @Override
  public boolean verify(Digest digest) {
    try (InputStream in = Files.newInputStream(path(digest))) {
      return Digest.of(digest.algorithm(), in).equals(digest);
    } catch (NoSuchFileException e) {
      return false;
    } catch (IOException e) {
      throw new StorageFailure("read blob " + digest, e);
    }
  }

  @Override
  public UploadSessions uploads() {
    return uploads;
  }

  @Override
  public void close() {
    // nothing held open
  }

  Path path(Digest digest) {
    return blobs.resolve(digest.algorithm()).resolve(digest.hex().substring(0, 2)).resolve(digest.hex());
  }
}
