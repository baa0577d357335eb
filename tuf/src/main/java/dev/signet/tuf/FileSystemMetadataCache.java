package dev.signet.tuf;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * The cache of one mirror in one directory, laid out as sigstore-go (and so cosign) does:
 * {@code <dir>/root.json}, {@code timestamp.json}, {@code snapshot.json}, {@code targets.json} and
 * {@code <dir>/targets/<name>} (the name URL-encoded, so a {@code /} cannot leave the directory).
 * Directories are created 0700 and files written 0600 through a temporary file and an atomic rename.
 */
public final class FileSystemMetadataCache implements MetadataCache {
  private static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  private final Path dir;

  public FileSystemMetadataCache(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
  }

  public Path directory() {
    return dir;
  }

  @Override
  public Optional<byte[]> readMetadata(Role role) throws TufException {
    return read(dir.resolve(role.fileName()));
  }

  @Override
  public void writeMetadata(Role role, byte[] data) throws TufException {
    write(dir, role.fileName(), data);
  }

  @Override
  public void deleteMetadata(Role role) throws TufException {
    try {
      Files.deleteIfExists(dir.resolve(role.fileName()));
    } catch (IOException e) {
      throw new TufException("cache: cannot delete " + dir.resolve(role.fileName()) + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<byte[]> readTarget(String name) throws TufException {
    return read(targetsDir().resolve(encode(name)));
  }

  @Override
  public void writeTarget(String name, byte[] data) throws TufException {
    write(targetsDir(), encode(name), data);
  }

  /** Where target {@code name} is cached. */
  public Path targetPath(String name) {
    return targetsDir().resolve(encode(name));
  }

  private Path targetsDir() {
    return dir.resolve("targets");
  }

  private static String encode(String name) {
    return URLEncoder.encode(name, StandardCharsets.UTF_8);
  }

  private static Optional<byte[]> read(Path file) throws TufException {
    try {
      return Optional.of(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new TufException("cache: cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static void write(Path directory, String name, byte[] data) throws TufException {
    Path target = directory.resolve(name);
    try {
      createPrivateDirectories(directory);
      Path tmp = Files.createTempFile(directory, "." + name, ".tmp", PosixFilePermissions.asFileAttribute(FILE));
      try {
        Files.write(tmp, data);
        try {
          Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new TufException("cache: cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  static void createPrivateDirectories(Path directory) throws IOException {
    if (Files.isDirectory(directory)) {
      return;
    }
    Path parent = directory.getParent();
    if (parent != null) {
      createPrivateDirectories(parent);
    }
    try {
      Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(DIR));
      Files.setPosixFilePermissions(directory, DIR); // the umask may have narrowed or widened the mode
    } catch (FileAlreadyExistsException raced) {
      // another process created it
    }
  }
}
