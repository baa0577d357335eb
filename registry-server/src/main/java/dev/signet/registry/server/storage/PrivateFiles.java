package dev.signet.registry.server.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The registry's data directory is readable by its owner only: directories {@code 0700}, files
 * {@code 0600} (the metadata database holds password hashes, the blobs may be private images). Set at
 * creation, whatever the umask; on filesystems without POSIX permissions the calls fall back to plain
 * creation.
 */
public final class PrivateFiles {
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");

  private PrivateFiles() {}

  /** Creates {@code dir} and any missing parents, each new one {@code 0700}. */
  public static Path createDirectories(Path dir) throws IOException {
    Path abs = dir.toAbsolutePath();
    if (Files.isDirectory(abs)) {
      return dir;
    }
    Path parent = abs.getParent();
    if (parent != null) {
      createDirectories(parent);
    }
    try {
      if (posix(abs)) {
        Files.createDirectory(abs, PosixFilePermissions.asFileAttribute(DIR));
        Files.setPosixFilePermissions(abs, DIR); // the umask may have cleared bits we did not want cleared anyway
      } else {
        Files.createDirectory(abs);
      }
    } catch (FileAlreadyExistsException raced) {
      if (!Files.isDirectory(abs)) {
        throw raced;
      }
    }
    return dir;
  }

  /** A new file {@code 0600} opened for writing; fails when it exists. */
  public static FileChannel create(Path file) throws IOException {
    return posix(file.toAbsolutePath().getParent())
        ? FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), fileAttribute())
        : FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
  }

  /** Creates an empty {@code 0600} file unless it exists (so that a database opened on it inherits the mode). */
  public static void createIfAbsent(Path file) throws IOException {
    try {
      create(file).close();
    } catch (FileAlreadyExistsException exists) {
      // keep it
    }
  }

  /**
   * Takes group and other permissions away from {@code path} (a directory becomes {@code 0700}, a file
   * {@code 0600}), for data directories made by earlier versions; absent paths are ignored.
   */
  public static void restrict(Path path) throws IOException {
    if (!Files.exists(path) || !posix(path)) {
      return;
    }
    Files.setPosixFilePermissions(path, Files.isDirectory(path) ? DIR : FILE);
  }

  private static FileAttribute<Set<PosixFilePermission>> fileAttribute() {
    return PosixFilePermissions.asFileAttribute(FILE);
  }

  private static boolean posix(Path existingOrParent) {
    Path p = existingOrParent;
    while (p != null && !Files.exists(p)) {
      p = p.getParent();
    }
    return p != null && supportsPosix(p);
  }

  private static boolean supportsPosix(Path p) {
    try {
      return Files.getFileStore(p).supportsFileAttributeView("posix");
    } catch (IOException e) {
      return false;
    }
  }
}
