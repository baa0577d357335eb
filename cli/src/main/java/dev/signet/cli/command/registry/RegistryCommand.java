package dev.signet.cli.command.registry;

import dev.signet.cli.CliContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code signet registry}: run and maintain the Signet OCI registry. */
@Command(
    name = "registry",
    description = "Run the Signet OCI registry, which keeps signatures attached to what they sign.",
    subcommands = {ServeCommand.class, GcCommand.class, FsckCommand.class})
public final class RegistryCommand implements Runnable {

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show help.")
  boolean help;

  @Spec CommandSpec spec;

  private final CliContext ctx;

  public RegistryCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void run() {
    spec.commandLine().usage(ctx.out());
  }
}
