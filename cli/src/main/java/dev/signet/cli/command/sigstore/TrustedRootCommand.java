package dev.signet.cli.command.sigstore;

import dev.signet.cli.CliContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code signet trusted-root}: works with Sigstore protobuf trusted roots. */
@Command(name = "trusted-root", description = "Interact with a Sigstore protobuf trusted root.",
    subcommands = {TrustedRootCreateCommand.class})
public final class TrustedRootCommand implements Runnable {
  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show help.")
  boolean help;

  @Spec CommandSpec spec;

  private final CliContext ctx;

  public TrustedRootCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void run() {
    spec.commandLine().usage(ctx.out());
  }
}
