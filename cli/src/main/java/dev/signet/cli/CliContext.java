package dev.signet.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Everything a command may touch outside its own arguments: the environment, standard streams, the
 * working directory and the clock. Passed in so that commands run in-process in tests.
 *
 * <p>Whether a terminal is attached is asked only when a command wants to know ({@link #interactive()}):
 * {@code System.console()} costs 10-20 ms at start-up, which {@code version} or a one-shot
 * {@code verify} would pay for nothing.
 */
public record CliContext(
    Map<String, String> env,
    InputStream stdin,
    PrintStream out,
    PrintStream err,
    Path workingDirectory,
    Clock clock,
    BooleanSupplier terminal,
    Resources resources) {

  /** A context whose resources are closed by {@link Main#run} at the end of each command. */
  public CliContext(Map<String, String> env, InputStream stdin, PrintStream out, PrintStream err,
      Path workingDirectory, Clock clock, boolean interactive) {
    this(env, stdin, out, err, workingDirectory, clock, () -> interactive, new Resources());
  }

  public static CliContext system() {
    return new CliContext(
        System.getenv(),
        System.in,
        System.out,
        System.err,
        Path.of("").toAbsolutePath(),
        Clock.systemUTC(),
        new ConsoleCheck(),
        new Resources());
  }

  /** Whether a user at a terminal can answer prompts. */
  public boolean interactive() {
    return terminal.getAsBoolean();
  }

  /** Resolves a user-supplied path against the working directory. */
  public Path resolve(String path) {
    Path p = Path.of(path);
    return p.isAbsolute() ? p : workingDirectory.resolve(p);
  }

  public String env(String name) {
    return env.get(name);
  }

  /** {@code System.console() != null}, asked once, on first use. */
  private static final class ConsoleCheck implements BooleanSupplier {
    private Boolean answer;

    @Override
    public synchronized boolean getAsBoolean() {
      if (answer == null) {
        answer = System.console() != null;
      }
      return answer;
    }
  }
}
