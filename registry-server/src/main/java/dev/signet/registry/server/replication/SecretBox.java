package dev.signet.registry.server.replication;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals destination secrets at rest: AES-256-GCM under a random key kept in a file of its own (created
 * with mode 0600 on first use), with a context string (the rule name) as associated data, so a sealed
 * secret cannot be moved to another rule. Layout: version byte 1, 12-byte nonce, ciphertext and tag.
 *
 * <p>This protects database copies and dumps, not a stolen data directory: the key file sits beside it.
 */
final class SecretBox {
  private static final int VERSION = 1;
  private static final int NONCE = 12;
  private static final int KEY = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;

  private SecretBox(byte[] key) {
    this.key = new SecretKeySpec(key, "AES");
  }

  /** The box whose key is in {@code keyFile}, creating the file (0600) with a fresh key if absent. */
  static SecretBox open(Path keyFile) {
    try {
      if (!Files.exists(keyFile)) {
        create(keyFile);
      }
      byte[] bytes = Files.readAllBytes(keyFile);
      if (bytes.length != KEY) {
        throw new IllegalStateException(keyFile + " is not a replication key (expected " + KEY + " bytes)");
      }
      SecretBox box = new SecretBox(bytes);
      Arrays.fill(bytes, (byte) 0);
      return box;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the replication key " + keyFile, e);
    }
  }

  private static void create(Path keyFile) throws IOException {
    byte[] fresh = new byte[KEY];
    RANDOM.nextBytes(fresh);
    Path tmp = keyFile.resolveSibling(keyFile.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    boolean posix = Files.getFileStore(keyFile.getParent()).supportsFileAttributeView("posix");
    if (posix) {
      Set<PosixFilePermission> owner = PosixFilePermissions.fromString("rw-------");
      Files.createFile(tmp, PosixFilePermissions.asFileAttribute(owner));
    } else {
      Files.createFile(tmp);
    }
    Files.write(tmp, fresh, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
    Arrays.fill(fresh, (byte) 0);
    try {
      Files.move(tmp, keyFile); // no REPLACE_EXISTING: a key created meanwhile is kept
    } catch (FileAlreadyExistsException e) {
      Files.deleteIfExists(tmp);
    }
  }

  byte[] seal(String secret, String context) {
    byte[] nonce = new byte[NONCE];
    RANDOM.nextBytes(nonce);
    byte[] plain = secret.getBytes(StandardCharsets.UTF_8);
    try {
      byte[] sealed = cipher(Cipher.ENCRYPT_MODE, nonce, context).doFinal(plain);
      return ByteBuffer.allocate(1 + NONCE + sealed.length).put((byte) VERSION).put(nonce).put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is unavailable", e);
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  /** @throws GeneralSecurityException when the box was sealed under another key or context, or altered */
  String open(byte[] sealed, String context) throws GeneralSecurityException {
    if (sealed == null || sealed.length < 1 + NONCE + 16 || sealed[0] != VERSION) {
      throw new GeneralSecurityException("not a sealed secret");
    }
    byte[] nonce = Arrays.copyOfRange(sealed, 1, 1 + NONCE);
    byte[] plain = cipher(Cipher.DECRYPT_MODE, nonce, context).doFinal(sealed, 1 + NONCE, sealed.length - 1 - NONCE);
    try {
      return new String(plain, StandardCharsets.UTF_8);
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  private Cipher cipher(int mode, byte[] nonce, String context) throws GeneralSecurityException {
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(mode, key, new GCMParameterSpec(128, nonce));
    c.updateAAD(("signet-replication:" + context).getBytes(StandardCharsets.UTF_8));
    return c;
  }
}
