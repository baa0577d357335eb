package dev.signet.tuf.repo;

import dev.signet.tuf.TufException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The repository's four role keys in a directory, one {@code <role>.pem} each (mode 0600): created on
 * first use, loaded afterwards, replaced by {@link #replace} on rotation. A key file that other users
 * may read is refused.
 */
public final class RepositoryKeys {
  private static final Set<PosixFilePermission> GROUP_OR_OTHER = EnumSet.of(PosixFilePermission.GROUP_READ,
      PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

  private final Path dir;
  private final Map<String, SigningKey> keys;

  private RepositoryKeys(Path dir, Map<String, SigningKey> keys) {
    this.dir = dir;
    this.keys = keys;
  }

  /** Loads the role keys in {@code dir}, generating (and saving) the missing ones with {@code type}. */
  public static RepositoryKeys loadOrCreate(Path dir, SigningKey.Type type) throws TufException {
    Map<String, SigningKey> keys = new LinkedHashMap<>();
    for (String role : MetadataBuilder.ROLES) {
      Path file = file(dir, role);
      if (Files.exists(file)) {
        keys.put(role, read(file));
      } else {
        SigningKey k = SigningKey.generate(type);
        save(file, k);
        keys.put(role, k);
      }
    }
    return new RepositoryKeys(dir, keys);
  }

  public SigningKey key(String role) {
    SigningKey k = keys.get(role);
    if (k == null) {
      throw new IllegalArgumentException("unknown role " + role + " (root, targets, snapshot or timestamp)");
    }
    return k;
  }

  /** The current key of every role. */
  public Map<String, SigningKey> all() {
    return Map.copyOf(keys);
  }

  /** Saves {@code next} as the key of {@code role}, replacing the old file. */
  void replace(String role, SigningKey next) throws TufException {
    key(role);
    save(file(dir, role), next);
    keys.put(role, next);
  }

  /** Where a pending root key waits while the root that introduces it is being published. */
  Path pendingFile(String role) {
    return dir.resolve(role + ".next.pem");
  }

  private static Path file(Path dir, String role) {
    return dir.resolve(role + ".pem");
  }

  static void save(Path file, SigningKey key) throws TufException {
    try {
      AtomicFiles.writeSecret(file, key.toPem().getBytes(StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new TufException("cannot write TUF key " + file + ": " + e.getMessage());
    }
  }

  static SigningKey read(Path file) throws TufException {
    try {
      PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
      if (view != null) {
        Set<PosixFilePermission> perms = view.readAttributes().permissions();
        if (perms.stream().anyMatch(GROUP_OR_OTHER::contains)) {
          throw new TufException(file + " is accessible by other users (mode " + PosixFilePermissions.toString(perms)
              + "): chmod 600 it");
        }
      }
      return SigningKey.fromPem(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
    } catch (IOException e) {
      throw new TufException("cannot read TUF key " + file + ": " + e.getMessage());
    }
  }
}
