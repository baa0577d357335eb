package dev.signet.cli.options;

import dev.signet.cli.CommandFailure;
import dev.signet.cli.ExitCodes;
import dev.signet.sign.SigningException;
import dev.signet.sign.VerificationException;

/** Maps library failures to cosign's exit codes with their one-line message. */
public final class Failures {
  private Failures() {}

  public static CommandFailure of(SigningException e) {
    if (e instanceof VerificationException v) {
      int code = switch (v.reason()) {
        case IMAGE_NOT_FOUND -> ExitCodes.IMAGE_NOT_FOUND;
        case NO_SIGNATURES -> ExitCodes.NO_SIGNATURES;
        case NO_MATCHING_SIGNATURES -> ExitCodes.NO_MATCHING_SIGNATURE;
      };
      return new CommandFailure(code, e.getMessage(), e);
    }
    return new CommandFailure(ExitCodes.FAILURE, e.getMessage(), e);
  }
}
