package dev.signet.tuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where cosign keeps TUF state: {@code $TUF_ROOT}, else {@code ~/.sigstore/root}; one directory per
 * mirror named after its URL without {@code https://} and with {@code /} replaced by {@code -}
 * (sigstore-go's {@code URLToPath}); {@code remote.json} ({@code {"mirror":URL}}) at the top names the
 * mirror that {@code initialize} last set up.
 */
public final class CacheLayout {
  /** cosign's variable for the cache directory. */
  public static final String TUF_ROOT = "TUF_ROOT";

  private CacheLayout() {}

  public static Path cacheRoot(Map<String, String> env, Path home) {
    String configured = env.get(TUF_ROOT);
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    return home.resolve(".sigstore").resolve("root");
  }

  /** The directory name of one mirror: {@code https://tuf.example/a} gives {@code tuf.example-a}. */
  public static String mirrorDirectoryName(String mirror) {
    String s = mirror.startsWith("https://") ? mirror.substring("https://".length()) : mirror;
    return s.replace("/", "-");
  }

  public static Path mirrorDirectory(Path cacheRoot, String mirror) {
    return cacheRoot.resolve(mirrorDirectoryName(mirror));
  }

  /** Records {@code mirror} in {@code remote.json} (0600). */
  public static void writeRemote(Path cacheRoot, String mirror) throws TufException {
    ObjectNode remote = MetadataParser.JSON.createObjectNode().put("mirror", mirror);
    try {
      FileSystemMetadataCache.createPrivateDirectories(cacheRoot);
      Path file = cacheRoot.resolve("remote.json");
      Path tmp = Files.createTempFile(cacheRoot, ".remote", ".tmp",
          java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
              java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
      Files.write(tmp, MetadataParser.JSON.writeValueAsBytes(remote));
      Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new TufException("cache: cannot write " + cacheRoot.resolve("remote.json") + ": " + e.getMessage(), e);
    }
  }

  /** The mirror recorded by the last {@code initialize}, if any. */
  public static Optional<String> readRemote(Path cacheRoot) throws TufException {
    Path file = cacheRoot.resolve("remote.json");
    try {
      JsonNode n = MetadataParser.JSON.readTree(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
      String mirror = n == null ? "" : n.path("mirror").asText("");
      if (mirror.isEmpty()) {
        throw new TufException(file + ": has no \"mirror\"; run initialize again");
      }
      return Optional.of(mirror);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new TufException(file + ": cannot read: " + e.getMessage(), e);
    }
  }
}
