package dev.signet.crypto.keys;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes key files the way cosign does: private keys with mode 0600, public keys with 0644.
 *
 * <p>The content goes to a temporary file in the target directory that is created with the final
 * permissions (never chmod-ed afterwards), and is then renamed over the target, so a reader sees
 * either the old file or the complete new one, and the private key is never readable by others.
 * An existing file is replaced; asking before overwriting is the caller's job. On file systems
 * without POSIX permissions the files get the platform's defaults.
 */
public final class KeyFiles {

  private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> PUBLIC = PosixFilePermissions.fromString("rw-r--r--");

  private KeyFiles() {}

  /** Writes {@code content} to {@code path} with mode 0600, replacing any existing file. */
  public static void writePrivateKey(Path path, byte[] content) throws IOException {
    write(path, content, PRIVATE);
  }

  /** Writes {@code content} to {@code path} with mode 0644 (subject to the umask). */
  public static void writePublicKey(Path path, byte[] content) throws IOException {
    write(path, content, PUBLIC);
  }

  private static void write(Path path, byte[] content, Set<PosixFilePermission> mode)
      throws IOException {
    Path target = path.toAbsolutePath();
    Path dir = target.getParent();
    boolean posix = Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class);
    FileAttribute<?>[] attrs =
        posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(mode)}
            : new FileAttribute<?>[0];
    Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp", attrs);
    try {
      Files.write(tmp, content, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
