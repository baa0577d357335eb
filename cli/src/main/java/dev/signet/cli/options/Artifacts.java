package dev.signet.cli.options;

import dev.signet.cli.CliContext;
import dev.signet.cli.CommandFailure;
import dev.signet.cli.ExitCodes;
import dev.signet.oci.Digest;
import dev.signet.oci.InvalidDigestException;
import java.util.Optional;

/** A blob named on the command line: a file path, or {@code sha256:<hex>} when only its digest is known. */
public record Artifacts(Optional<byte[]> bytes, Digest sha256, String name) {

  public static Artifacts parse(CliContext ctx, String argument) {
    if (argument.startsWith("sha256:")) {
      try {
        return new Artifacts(Optional.empty(), Digest.parse(argument), argument);
      } catch (InvalidDigestException e) {
        throw new CommandFailure(ExitCodes.FAILURE, "artifact " + argument + " is not a sha256 digest: " + e.getMessage());
      }
    }
    byte[] bytes = Inputs.read(ctx, argument, "artifact", true);
    return new Artifacts(Optional.of(bytes), Digest.sha256(bytes), argument);
  }
}
