package dev.signet.cli.command.sigstore;

import dev.signet.cli.CliContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code signet sigstore}: run a self-hosted keyless stack (CA, CT log, transparency log, TSA, TUF). */
@Command(
    name = "sigstore",
    description = "Run self-hosted Sigstore services: keyless CA, CT log, transparency log, timestamp authority, TUF.",
    subcommands = {SigstoreServeCommand.class, SigstoreRotateCommand.class})
public final class SigstoreCommand implements Runnable {
  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show help.")
  boolean help;

  @Spec CommandSpec spec;

  private final CliContext ctx;

  public SigstoreCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void run() {
    spec.commandLine().usage(ctx.out());
  }
}
