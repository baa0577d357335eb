package dev.signet.registry.server.storage.fs;

import dev.signet.oci.Digest;
import dev.signet.registry.server.storage.PrivateFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;

/** File helpers with the durability steps spelled out once. */
final class FileOps {
  private FileOps() {}

  /** Streams {@code in} to {@code out}, updating {@code md}; returns the resulting digest. */
  static Digest copyHashing(InputStream in, FileChannel out, MessageDigest md, String algorithm) throws IOException {
    copy(in, out, md);
    return new Digest(algorithm, HexFormat.of().formatHex(md.digest()));
  }

  /** Streams {@code in} to the end of {@code out}, updating {@code md} when it is not null. */
  static long copy(InputStream in, FileChannel out, MessageDigest md) throws IOException {
    byte[] buf = new byte[FsBlobStore.BUFFER];
    ByteBuffer bb = ByteBuffer.wrap(buf);
    long total = 0;
    for (int n; (n = in.readNBytes(buf, 0, buf.length)) > 0; ) {
      if (md != null) {
        md.update(buf, 0, n);
      }
      bb.clear().limit(n);
      while (bb.hasRemaining()) {
        out.write(bb);
      }
      total += n;
    }
    return total;
  }

  /** A new {@code 0600} file open for writing. */
  static FileChannel createPrivate(Path file) throws IOException {
    return PrivateFiles.create(file);
  }

  /** {@code dir} and missing parents, new ones {@code 0700}. */
  static void createPrivateDirectories(Path dir) throws IOException {
    PrivateFiles.createDirectories(dir);
  }

  /** Renames atomically, then forces the target directory so the rename survives a crash. */
  static void atomicMove(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("the filesystem of " + to.getParent() + " cannot rename atomically", e);
    }
    forceDirectory(to.getParent());
  }

  static void forceDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Some platforms cannot open directories; the rename itself is still atomic.
    }
  }

  static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // best effort: a stray temporary file is removed on the next start
    }
  }

  /** Deletes the files in {@code dir} last modified before {@code cutoff}. */
  static void deleteOlderChildren(Path dir, java.time.Instant cutoff) throws IOException {
    try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
      for (Path c : children) {
        try {
          if (Files.getLastModifiedTime(c).toInstant().isBefore(cutoff)) {
            Files.deleteIfExists(c);
          }
        } catch (java.nio.file.NoSuchFileException gone) {
          // finished meanwhile
        }
      }
    }
  }
}
