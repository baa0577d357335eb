package dev.signet.cli.command;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code signet bundle}: Sigstore bundle tools. */
@Command(name = "bundle", description = "Work with Sigstore bundles.", subcommands = BundleCreateCommand.class)
public final class BundleCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing subcommand: create");
  }
}
