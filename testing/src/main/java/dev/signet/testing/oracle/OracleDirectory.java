package dev.signet.testing.oracle;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Finds {@code oracles/sigstore-js} and installs its pinned packages with {@code npm ci} when missing. */
final class OracleDirectory {

  static final String PROPERTY = "signet.oracles";
  private static final List<String> REQUIRED =
      List.of("node_modules/@sigstore/verify/package.json", "node_modules/@noble/curves/package.json");

  private OracleDirectory() {}

  /**
   * {@code -Dsignet.oracles=DIR} (the {@code oracles} directory or {@code sigstore-js} itself), else the
   * first {@code oracles/sigstore-js} found walking up from the working directory.
   */
  static Optional<Path> locate() {
    String configured = System.getProperty(PROPERTY);
    if (configured != null && !configured.isBlank()) {
      Path p = Paths.get(configured).toAbsolutePath().normalize();
      for (Path candidate : List.of(p, p.resolve("sigstore-js"))) {
        if (Files.isRegularFile(candidate.resolve("verify-bundle.js"))) {
          return Optional.of(candidate);
        }
      }
      return Optional.empty();
    }
    for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("oracles").resolve("sigstore-js");
      if (Files.isRegularFile(candidate.resolve("verify-bundle.js"))) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  static boolean installed(Path dir) {
    return REQUIRED.stream().allMatch(r -> Files.isRegularFile(dir.resolve(r)));
  }

  /** Runs {@code npm ci} once (across processes: a lock file in the temp directory) unless installed. */
  static void ensureInstalled(Path dir) throws IOException {
    if (installed(dir)) {
      return;
    }
    Path lockFile = Paths.get(System.getProperty("java.io.tmpdir"),
        "signet-oracle-npm-" + Integer.toHexString(dir.toString().hashCode()) + ".lock");
    try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      FileLock lock = ch.lock();
      try {
        if (!installed(dir)) {
          run(dir, List.of("npm", "ci", "--no-audit", "--no-fund"), 600);
        }
      } finally {
        lock.release();
      }
    }
    if (!installed(dir)) {
      throw new IOException("npm ci in " + dir + " did not install @sigstore/verify and @noble/curves");
    }
  }

  /** Runs a short command to completion; its output goes into the exception on failure. */
  static String run(Path dir, List<String> command, long timeoutSeconds) throws IOException {
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    p.getOutputStream().close();
    byte[] out;
    try (InputStream in = p.getInputStream()) {
      out = in.readAllBytes();
    }
    try {
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(String.join(" ", command) + " timed out after " + timeoutSeconds + " s");
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted running " + command, e);
    }
    String text = new String(out, StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " exited " + p.exitValue() + ":\n" + text);
    }
    return text;
  }
}
