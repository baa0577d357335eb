package dev.signet.cli.command.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The registry's configuration file: one {@code key: value} (YAML style) or {@code key = value}
 * (properties style) per line; blank lines and {@code #} comments are ignored, values may be quoted.
 * Keys are the long option names of {@code signet registry serve}: {@code listen}, {@code data},
 * {@code insecure-no-auth}, {@code tls-cert}, {@code tls-key}, {@code gc-interval}, {@code gc-grace},
 * {@code fsync-metadata}, {@code admin-password-file}, {@code token-ttl}, {@code public-url}. Relative paths
 * are resolved against the file's directory.
 */
final class RegistryConfigFile {
  static final Set<String> KEYS = Set.of("listen", "data", "insecure-no-auth", "tls-cert", "tls-key", "gc-interval",
      "gc-grace", "fsync-metadata", "admin-password-file", "token-ttl", "public-url");
  private static final Pattern LINE = Pattern.compile("\\s*([A-Za-z][A-Za-z0-9_.-]*)\\s*[:=]\\s*(.*?)\\s*");

  private final Path file;
  private final Map<String, String> values;

  private RegistryConfigFile(Path file, Map<String, String> values) {
    this.file = file;
    this.values = values;
  }

  static RegistryConfigFile empty() {
    return new RegistryConfigFile(null, Map.of());
  }

  static RegistryConfigFile read(Path file) throws IOException {
    Map<String, String> values = new LinkedHashMap<>();
    int n = 0;
    for (String raw : Files.readAllLines(file)) {
      n++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#") || line.equals("---")) {
        continue;
      }
      Matcher m = LINE.matcher(line);
      if (!m.matches()) {
        throw new IllegalArgumentException(file + ":" + n + ": expected \"key: value\"");
      }
      String key = m.group(1);
      if (!KEYS.contains(key)) {
        throw new IllegalArgumentException(file + ":" + n + ": unknown key \"" + key + "\" (known: "
            + String.join(", ", KEYS.stream().sorted().toList()) + ")");
      }
      values.put(key, unquote(m.group(2)));
    }
    return new RegistryConfigFile(file, values);
  }

  Optional<String> get(String key) {
    return Optional.ofNullable(values.get(key)).filter(v -> !v.isEmpty());
  }

  /** A path value, resolved against the file's directory. */
  Optional<Path> path(String key) {
    return get(key).map(v -> {
      Path p = Path.of(v);
      return p.isAbsolute() || file == null ? p : file.toAbsolutePath().getParent().resolve(p);
    });
  }

  Optional<Boolean> flag(String key) {
    return get(key).map(v -> switch (v.toLowerCase(java.util.Locale.ROOT)) {
      case "true", "yes", "on", "1" -> true;
      case "false", "no", "off", "0" -> false;
      default -> throw new IllegalArgumentException(file + ": " + key + " must be true or false, not " + v);
    });
  }

  private static String unquote(String v) {
    if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
      return v.substring(1, v.length() - 1);
    }
    int comment = v.indexOf(" #");
    return comment >= 0 ? v.substring(0, comment).strip() : v;
  }
}
