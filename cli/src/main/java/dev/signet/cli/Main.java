package dev.signet.cli;

import dev.signet.cli.command.Commands;
import dev.signet.cli.command.VersionCommand;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code signet}: the top command. Maps every failure to one line on stderr and cosign's exit code. */
@Command(
    name = "signet",
    mixinStandardHelpOptions = false,
    description = "Sign, verify and move OCI artifacts; a drop-in for cosign.",
    subcommandsRepeatable = false)
public final class Main implements Runnable {

  @Spec CommandSpec spec;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show help.")
  boolean help;

  @Option(
      names = {"-d", "--verbose"},
      scope = CommandLine.ScopeType.INHERIT,
      description = "Print stack traces and HTTP details on failure.")
  boolean verbose;

  @Option(
      names = {"--output-file"},
      scope = CommandLine.ScopeType.INHERIT,
      description = "Write standard output to this file.")
  String outputFile;

  @Option(
      names = {"-t", "--timeout"},
      scope = CommandLine.ScopeType.INHERIT,
      defaultValue = "3m",
      description = "Timeout for commands (default ${DEFAULT-VALUE}).")
  String timeout;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    CliContext context = CliContext.system();
    int code = run(args, context);
    context.out().flush();
    context.err().flush();
    System.exit(code);
  }

  /** Runs one command line in-process and returns its exit code. */
  public static int run(String[] args, CliContext context) {
    if (isPlainVersion(args, context)) {
      return version(context);
    }
    Optional<Class<?>> invoked = invokedSubcommand(args);
    CommandLine cl = invoked.isPresent() ? commandLine(context, invoked.get()) : commandLine(context);
    if (invoked.isPresent() && !singleDashLongFlagsKnown(cl, args)) {
      // A "-flag" that only another command defines: decide on the whole tree, as before.
      cl = commandLine(context);
    }
    String[] rewritten = rewriteSingleDashLongFlags(cl, args, context);
    boolean verbose = List.of(rewritten).contains("--verbose") || List.of(rewritten).contains("-d");
    cl.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          reportFailure(ex, verbose, context);
          return ex instanceof CommandFailure f ? f.exitCode() : ExitCodes.FAILURE;
        });
    cl.setParameterExceptionHandler(
        (ParameterException ex, String[] a) -> {
          context.err().println("Error: " + ex.getMessage());
          context
              .err()
              .println("Run '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
          return ExitCodes.FAILURE;
        });
    try {
      return cl.execute(rewritten);
    } finally {
      context.resources().closeAll();
    }
  }

  /**
   * {@code signet version} and nothing else (no flag, no {@code COSIGN_JSON} or {@code COSIGN_HELP}
   * that would bind one): the command runs without picocli, whose model of even one command (annotation
   * proxies, reflection) was most of what printing the version block cost. Everything else about
   * {@code version} ({@code --json}, {@code -h}, unknown flags) goes through picocli as before.
   */
  static boolean isPlainVersion(String[] args, CliContext context) {
    return args.length == 1 && args[0].equals("version")
        && context.env("COSIGN_JSON") == null && context.env("COSIGN_HELP") == null;
  }

  private static int version(CliContext context) {
    try {
      return new VersionCommand(context).call();
    } catch (RuntimeException e) {
      reportFailure(e, false, context);
      return ExitCodes.FAILURE;
    } finally {
      context.resources().closeAll();
    }
  }

  /** The whole command tree: for top-level help, unknown commands and anything not recognised up front. */
  static CommandLine commandLine(CliContext context) {
    CommandLine cl = new CommandLine(new Main(), new Commands.Factory(context));
    Commands.register(cl, context);
    return configure(cl, context);
  }

  /**
   * The root with only {@code subcommand} (and its own subcommands) under it. picocli reflects every
   * command object it is given (options, mixins, argument groups); building the ~30 commands nobody asked
   * for was most of what {@code signet version} took.
   */
  static CommandLine commandLine(CliContext context, Class<?> subcommand) {
    CommandLine cl = new CommandLine(new Main(), new Commands.Factory(context));
    Commands.register(cl, subcommand);
    return configure(cl, context);
  }

  private static CommandLine configure(CommandLine cl, CliContext context) {
    addHelpOptions(cl);
    cl.setDefaultValueProvider(new CosignEnvironmentDefaults(context.env()));
    cl.setOut(new PrintWriter(context.out(), true));
    cl.setErr(new PrintWriter(context.err(), true));
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setAbbreviatedOptionsAllowed(false);
    cl.setOverwrittenOptionsAllowed(true);
    return cl;
  }

  /**
   * The subcommand {@code args} name when the words before it are only the top-level options declared
   * here ({@code -d/--verbose}, {@code -t/--timeout}, {@code --output-file}); empty for no command, help,
   * unknown commands and anything unusual, which get the whole tree and picocli's own answer.
   */
  static Optional<Class<?>> invokedSubcommand(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("-d") || arg.equals("--verbose")) {
        continue;
      }
      if (arg.equals("-t") || arg.equals("--timeout") || arg.equals("--output-file")) {
        i++;
        continue;
      }
      if (arg.startsWith("--timeout=") || arg.startsWith("--output-file=")
          || (arg.startsWith("-t") && !arg.startsWith("--"))) {
        continue;
      }
      if (arg.isEmpty() || arg.startsWith("-")) {
        return Optional.empty();
      }
      return Commands.named(arg);
    }
    return Optional.empty();
  }

  /** Every subcommand answers {@code -h/--help}. */
  private static void addHelpOptions(CommandLine cl) {
    for (CommandLine sub : cl.getSubcommands().values()) {
      if (sub.getCommandSpec().findOption("--help") == null) {
        sub.getCommandSpec().addOption(picocli.CommandLine.Model.OptionSpec.builder("-h", "--help")
            .usageHelp(true).description("Show help.").build());
      }
      addHelpOptions(sub);
    }
  }

  private static void reportFailure(Exception ex, boolean verbose, CliContext context) {
    String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
    context.err().println("Error: " + message);
    if (verbose) {
      ex.printStackTrace(context.err());
    } else if (!(ex instanceof CommandFailure)) {
      context.err().println("(run with --verbose for details)");
    }
  }

  /** cosign accepts {@code -key}; it rewrites known long flags with one dash and warns. */
  private static String[] rewriteSingleDashLongFlags(CommandLine cl, String[] args, CliContext context) {
    Set<String> longNames = longNames(cl);
    List<String> out = new ArrayList<>(args.length);
    boolean afterDoubleDash = false;
    for (String arg : args) {
      if (arg.equals("--")) {
        afterDoubleDash = true;
      }
      if (!afterDoubleDash && isSingleDashLong(arg)) {
        String name = "-" + arg.split("=", 2)[0];
        if (longNames.contains(name)) {
          context.err().println("WARNING: the flag " + arg.split("=", 2)[0] + " is deprecated and will be removed; use -" + arg.split("=", 2)[0] + " instead.");
          out.add("-" + arg);
          continue;
        }
      }
      out.add(arg);
    }
    return out.toArray(String[]::new);
  }

  /** Whether every {@code -word} before {@code --} in {@code args} is a long flag somewhere in {@code cl}. */
  private static boolean singleDashLongFlagsKnown(CommandLine cl, String[] args) {
    Set<String> longNames = null;
    for (String arg : args) {
      if (arg.equals("--")) {
        return true;
      }
      if (isSingleDashLong(arg)) {
        if (longNames == null) {
          longNames = longNames(cl);
        }
        if (!longNames.contains("-" + arg.split("=", 2)[0])) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean isSingleDashLong(String arg) {
    return arg.length() > 2 && arg.charAt(0) == '-' && arg.charAt(1) != '-';
  }

  private static Set<String> longNames(CommandLine cl) {
    Set<String> names = new HashSet<>();
    collectLongNames(cl, names);
    return names;
  }

  private static void collectLongNames(CommandLine cl, Set<String> names) {
    cl.getCommandSpec().options().forEach(o -> {
      for (String n : o.names()) {
        if (n.startsWith("--")) {
          names.add(n);
        }
      }
    });
    cl.getSubcommands().values().forEach(sub -> collectLongNames(sub, names));
  }
}
