package dev.signet.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs {@link Main#run} in-process with a given working directory, environment, standard input,
 * clock and interactivity, and captures standard output, standard error and the exit code:
 *
 * <pre>{@code
 * CliRunner.Result r = CliRunner.in(dir).env("COSIGN_PASSWORD", "").stdin("...").run("sign", "...");
 * assertThat(r.exitCode()).isZero();
 * }</pre>
 *
 * <p>Runners are immutable: every {@code env}/{@code stdin}/... call returns a new runner, so one
 * configured runner can be reused for several commands. The environment is hermetic: nothing is
 * inherited from the JVM's environment, except that {@code HOME} defaults to the working directory
 * (so that nothing falls back to the real {@code ~/.docker} or {@code ~/.sigstore}); override it
 * with {@code env("HOME", ...)} or remove it with {@code withoutEnv("HOME")}.
 */
public final class CliRunner {

  /** What a run produced. {@code out} and {@code err} are decoded as UTF-8. */
  public record Result(int exitCode, String out, String err) {

    /** The lines of standard error, without line terminators. */
    public List<String> errLines() {
      return err.isEmpty() ? List.of() : Arrays.asList(err.split("\\R"));
    }

    /** The lines of standard output, without line terminators. */
    public List<String> outLines() {
      return out.isEmpty() ? List.of() : Arrays.asList(out.split("\\R"));
    }

    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout ---\n" + out + "\n--- stderr ---\n" + err;
    }
  }

  private final Path dir;
  private final Map<String, String> env;
  private final byte[] stdin;
  private final Clock clock;
  private final boolean interactive;

  private CliRunner(Path dir, Map<String, String> env, byte[] stdin, Clock clock, boolean interactive) {
    this.dir = dir;
    this.env = Map.copyOf(env);
    this.stdin = stdin;
    this.clock = clock;
    this.interactive = interactive;
  }

  /** A runner whose working directory (and {@code HOME}) is {@code dir}; no stdin, not interactive. */
  public static CliRunner in(Path dir) {
    Path abs = dir.toAbsolutePath();
    return new CliRunner(abs, Map.of("HOME", abs.toString()), new byte[0], Clock.systemUTC(), false);
  }

  /** Adds or replaces one environment variable (an empty value is kept: it differs from unset). */
  public CliRunner env(String name, String value) {
    Map<String, String> copy = new HashMap<>(env);
    copy.put(name, value);
    return new CliRunner(dir, copy, stdin, clock, interactive);
  }

  /** Adds or replaces several environment variables. */
  public CliRunner env(Map<String, String> variables) {
    Map<String, String> copy = new HashMap<>(env);
    copy.putAll(variables);
    return new CliRunner(dir, copy, stdin, clock, interactive);
  }

  /** Removes an environment variable. */
  public CliRunner withoutEnv(String name) {
    Map<String, String> copy = new HashMap<>(env);
    copy.remove(name);
    return new CliRunner(dir, copy, stdin, clock, interactive);
  }

  /** Standard input, UTF-8 encoded. */
  public CliRunner stdin(String text) {
    return stdin(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Standard input bytes. */
  public CliRunner stdin(byte[] bytes) {
    return new CliRunner(dir, env, bytes.clone(), clock, interactive);
  }

  /** The clock commands see. */
  public CliRunner clock(Clock value) {
    return new CliRunner(dir, env, stdin, value, interactive);
  }

  /**
   * Whether commands believe they run on a terminal (they prompt instead of failing). Yes/no prompts
   * read {@link #stdin}. Password prompts use the real console when the JVM has one (a test run
   * from a terminal), else read stdin; set {@code COSIGN_PASSWORD} in interactive tests so that
   * they never wait for a person.
   */
  public CliRunner interactive(boolean value) {
    return new CliRunner(dir, env, stdin, clock, value);
  }

  /** The working directory. */
  public Path dir() {
    return dir;
  }

  /** Runs {@code signet <args>} and returns its exit code and output. */
  public Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      CliContext context =
          new CliContext(env, new ByteArrayInputStream(stdin), o, e, dir, clock, interactive);
      int code = Main.run(args, context);
      o.flush();
      e.flush();
      return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
  }
}
