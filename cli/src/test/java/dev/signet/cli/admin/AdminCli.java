package dev.signet.cli.admin;

import dev.signet.cli.CliContext;
import dev.signet.cli.CliRunner;
import dev.signet.cli.CommandFailure;
import dev.signet.cli.ExitCodes;
import dev.signet.cli.command.Commands;
import dev.signet.cli.command.admin.AdminCommand;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;

/**
 * Runs {@code signet admin …} in-process with the same failure handling as {@code signet} (one
 * {@code Error:} line, the command's exit code), whether or not {@code admin} is registered in the top
 * command yet.
 */
public final class AdminCli {
  private final Path dir;
  private final Map<String, String> env;
  private final String stdin;

  AdminCli(Path dir, Map<String, String> env, String stdin) {
    this.dir = dir;
    this.env = Map.copyOf(env);
    this.stdin = stdin;
  }

  public static AdminCli in(Path dir) {
    return new AdminCli(dir, Map.of("HOME", dir.toString(), "DOCKER_CONFIG", dir.resolve("docker").toString()), "");
  }

  public AdminCli env(String name, String value) {
    Map<String, String> copy = new HashMap<>(env);
    copy.put(name, value);
    return new AdminCli(dir, copy, stdin);
  }

  public AdminCli stdin(String text) {
    return new AdminCli(dir, env, text);
  }

  /** The same environment for {@code signet} itself (login, sign, verify). */
  public CliRunner signet() {
    return CliRunner.in(dir).env(env);
  }

  public CliRunner.Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    CliContext ctx = new CliContext(env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), o, e, dir,
        Clock.systemUTC(), false);
    CommandLine cl = new CommandLine(new AdminCommand(ctx), new Commands.Factory(ctx));
    cl.setOut(new PrintWriter(o, true));
    cl.setErr(new PrintWriter(e, true));
    cl.setExecutionExceptionHandler((ex, c, p) -> {
      e.println("Error: " + ex.getMessage());
      return ex instanceof CommandFailure f ? f.exitCode() : ExitCodes.FAILURE;
    });
    cl.setParameterExceptionHandler((ex, a) -> {
      e.println("Error: " + ex.getMessage());
      return ExitCodes.FAILURE;
    });
    int code = cl.execute(args);
    return new CliRunner.Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
