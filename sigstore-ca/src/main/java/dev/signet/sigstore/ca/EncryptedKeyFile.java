package dev.signet.sigstore.ca;

import dev.signet.crypto.CryptoException;
import dev.signet.crypto.keys.CosignKeyFile;
import dev.signet.crypto.keys.KeyFiles;
import dev.signet.crypto.keys.PrivateKeyHandle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A private key at rest: the crypto module's encrypted key file ({@code ENCRYPTED SIGSTORE PRIVATE KEY},
 * scrypt + secretbox), written with mode 0600. A key file that group or others may read is refused.
 */
public final class EncryptedKeyFile {
  private static final Set<PosixFilePermission> OPEN_TO_OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
      PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

  private EncryptedKeyFile() {}

  /**
   * Reads and decrypts {@code file}.
   *
   * @throws CaException ({@code INVALID_ARGUMENT}) naming the file when it is missing, readable by others,
   *     not an encrypted key, or the password is wrong
   */
  public static PrivateKeyHandle load(Path file, char[] password) throws CaException {
    try {
      checkPermissions(file);
      return CosignKeyFile.decrypt(Files.readAllBytes(file), password, file.toString());
    } catch (IOException e) {
      throw CaException.invalid("cannot read key file " + file + ": " + e.getMessage());
    } catch (CryptoException e) {
      throw CaException.invalid(e.getMessage());
    }
  }

  /** Encrypts {@code key} under {@code password} into {@code file} (mode 0600, atomic replace). */
  public static void store(Path file, PrivateKeyHandle key, char[] password) throws CaException {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      KeyFiles.writePrivateKey(file, CosignKeyFile.encrypt(key, password));
    } catch (IOException e) {
      throw CaException.internal("cannot write key file " + file + ": " + e.getMessage(), e);
    }
  }

  /** {@link #load} when {@code file} exists, else a key from {@code generator}, {@link #store}d first. */
  public static PrivateKeyHandle loadOrCreate(Path file, char[] password, Supplier<PrivateKeyHandle> generator)
      throws CaException {
    if (Files.exists(file)) {
      return load(file, password);
    }
    PrivateKeyHandle key = generator.get();
    store(file, key, password);
    return key;
  }

  private static void checkPermissions(Path file) throws IOException, CaException {
    PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    if (view == null) {
      return;
    }
    Set<PosixFilePermission> perms = view.readAttributes().permissions();
    if (perms.stream().anyMatch(OPEN_TO_OTHERS::contains)) {
      throw CaException.invalid("key file " + file + " is accessible by group or others ("
          + java.nio.file.attribute.PosixFilePermissions.toString(perms) + "); run chmod 600 " + file);
    }
  }
}
