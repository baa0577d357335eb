package dev.signet.cli.command;

import dev.signet.cli.CommandFailure;
import dev.signet.cli.ExitCodes;

/** What the blob and attestation verification commands share. */
final class VerifyCommands {
  private VerifyCommands() {}

  /** Until the verification engine is wired in: the options parsed, nothing verified. */
  static CommandFailure notWired(String command) {
    return new CommandFailure(ExitCodes.FAILURE, command + " is not wired yet: the verification engine"
        + " (module verify) is not available in this build");
  }
}
