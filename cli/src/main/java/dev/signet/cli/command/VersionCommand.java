package dev.signet.cli.command;

import dev.signet.cli.CliContext;
import dev.signet.cli.ExitCodes;
import dev.signet.cli.options.Versions;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code version}: the block {@code cosign version} prints (sigs.k8s.io/release-utils), with
 * {@code JavaVersion} in place of {@code GoVersion}. The version is {@link Versions#version()}
 * ({@code Implementation-Version}, else {@code devel}); {@code Git-Commit}, {@code Git-Tree-State}
 * and {@code Build-Date} come from the jar manifest when present, else {@code unknown}.
 */
@Command(name = "version", description = "Prints the signet version.")
public final class VersionCommand implements Callable<Integer> {

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show help.")
  boolean help;

  @Option(names = "--json", description = "Print JSON instead of text.")
  boolean json;

  private final CliContext ctx;

  public VersionCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Map<String, String> info = info(manifest());
    ctx.out().print(json ? toJson(info) : toText(info));
    ctx.out().flush();
    return ExitCodes.OK;
  }

  /** Field name (JSON key) to value, in cosign's order. */
  static Map<String, String> info(Attributes manifest) {
    Map<String, String> info = new LinkedHashMap<>();
    info.put("gitVersion", Versions.version());
    info.put("gitCommit", orUnknown(manifest.getValue("Git-Commit")));
    info.put("gitTreeState", orUnknown(manifest.getValue("Git-Tree-State")));
    info.put("buildDate", orUnknown(manifest.getValue("Build-Date")));
    info.put("javaVersion", Runtime.version().toString());
    info.put("compiler", "javac");
    info.put("platform", os() + "/" + arch());
    return info;
  }

  private static String toText(Map<String, String> info) {
    int width = 0;
    for (String key : info.keySet()) {
      width = Math.max(width, key.length() + 1);
    }
    StringBuilder sb = new StringBuilder("signet: Sign and verify OCI artifacts; a drop-in for cosign.\n\n");
    for (Map.Entry<String, String> e : info.entrySet()) {
      String label = Character.toUpperCase(e.getKey().charAt(0)) + e.getKey().substring(1) + ":";
      sb.append(label).append(" ".repeat(width - label.length() + 2)).append(e.getValue()).append('\n');
    }
    return sb.toString();
  }

  private static String toJson(Map<String, String> info) {
    StringBuilder sb = new StringBuilder("{\n");
    int i = 0;
    for (Map.Entry<String, String> e : info.entrySet()) {
      sb.append("  \"").append(e.getKey()).append("\": \"").append(escape(e.getValue())).append('"');
      sb.append(++i < info.size() ? ",\n" : "\n");
    }
    return sb.append("}\n").toString();
  }

  private static String escape(String s) {
    StringBuilder sb = new StringBuilder();
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20) {
        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private static Attributes manifest() {
    try {
      CodeSource source = VersionCommand.class.getProtectionDomain().getCodeSource();
      Path location = source == null ? null : Path.of(source.getLocation().toURI());
      if (location != null && Files.isRegularFile(location)) {
        try (JarFile jar = new JarFile(location.toFile())) {
          Manifest m = jar.getManifest();
          if (m != null) {
            return m.getMainAttributes();
          }
        }
      }
    } catch (IOException | URISyntaxException | RuntimeException e) {
      // No readable manifest: report a development build.
    }
    return new Attributes();
  }

  private static String orUnknown(String value) {
    return value == null || value.isBlank() ? "unknown" : value;
  }

  private static String os() {
    String name = System.getProperty("os.name", "unknown").toLowerCase(Locale.ROOT);
    if (name.startsWith("mac") || name.startsWith("darwin")) {
      return "darwin";
    }
    if (name.startsWith("windows")) {
      return "windows";
    }
    return name.replace(' ', '_');
  }

  private static String arch() {
    String arch = System.getProperty("os.arch", "unknown").toLowerCase(Locale.ROOT);
    switch (arch) {
      case "x86_64":
      case "amd64":
        return "amd64";
      case "aarch64":
      case "arm64":
        return "arm64";
      case "x86":
      case "i386":
      case "i686":
        return "386";
      default:
        return arch;
    }
  }
}
