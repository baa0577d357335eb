package dev.signet.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external command as a direct child process with a timeout, capturing stdout and stderr
 * concurrently (so a chatty child never blocks on a full pipe). A timed-out child and its
 * descendants are killed by PID.
 */
public final class Processes {
  private Processes() {}

  /** The outcome of a finished command. */
  public record Result(List<String> command, int exitCode, byte[] stdoutBytes, String stderr) {
    public String stdout() {
      return new String(stdoutBytes, StandardCharsets.UTF_8);
    }

    public boolean succeeded() {
      return exitCode == 0;
    }

    /** This result, or an {@link IllegalStateException} carrying the command, exit code and stderr. */
    public Result requireSuccess() {
      if (exitCode != 0) {
        throw new IllegalStateException(describe());
      }
      return this;
    }

    public String describe() {
      return String.join(" ", command) + " exited with " + exitCode + "\nstdout: " + stdout().strip()
          + "\nstderr: " + stderr.strip();
    }
  }

  /** A command that did not finish in time; it has been killed. */
  public static final class TimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TimeoutException(List<String> command, Duration timeout) {
      super(String.join(" ", command) + " did not finish within " + timeout + " and was killed");
    }
  }

  public static Result run(Duration timeout, String... command) {
    return run(List.of(command), timeout, Map.of(), null);
  }

  public static Result run(List<String> command, Duration timeout) {
    return run(command, timeout, Map.of(), null);
  }

  /**
   * Runs {@code command} with extra environment variables (added to this JVM's) and optional stdin.
   */
  public static Result run(List<String> command, Duration timeout, Map<String, String> env, byte[] stdin) {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().putAll(env);
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command.get(0), e);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Thread outPump = pump(p.getInputStream(), out);
    Thread errPump = pump(p.getErrorStream(), err);
    try (OutputStream in = p.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin);
      }
    } catch (IOException ignored) {
      // The child may exit without reading its input.
    }
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        throw new TimeoutException(command, timeout);
      }
      outPump.join(5_000);
      errPump.join(5_000);
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command.get(0), e);
    }
    return new Result(List.copyOf(command), p.exitValue(), out.toByteArray(),
        err.toString(StandardCharsets.UTF_8));
  }

  /** The first executable called {@code name} on this JVM's {@code PATH}. */
  public static Optional<Path> findExecutable(String name) {
    String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
    for (String dir : path.split(":")) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static Thread pump(InputStream in, ByteArrayOutputStream sink) {
    Thread t = new Thread(() -> {
      try (in) {
        in.transferTo(sink);
      } catch (IOException ignored) {
        // The stream closes when the process dies.
      }
    }, "process-pump");
    t.setDaemon(true);
    t.start();
    return t;
  }
}
