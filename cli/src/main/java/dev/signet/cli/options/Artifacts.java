package dev.signet.cli.options;

import dev.signet.cli.CliContext;
import dev.signet.cli.CommandFailure;
import dev.signet.cli.ExitCodes;
import dev.signet.verify.Artifact;
import dev.signet.verify.VerificationException;
import java.util.Optional;

/** A blob named on the command line: a file path ({@code -}: standard input), or {@code sha256:<hex>} (also sha384/sha512). */
public final class Artifacts {
  private Artifacts() {}

  /** The engine's artifact, and the bytes when a file was named. */
  public record Named(Artifact artifact, Optional<byte[]> bytes, String name) {}

  public static Named parse(CliContext ctx, String argument) {
    if (argument.matches("(sha256|sha384|sha512):.*")) {
      return new Named(digest(argument), Optional.empty(), argument);
    }
    byte[] bytes = Inputs.read(ctx, argument, "artifact", true);
    return new Named(Artifact.of(bytes), Optional.of(bytes), argument);
  }

  public static Artifact digest(String digest) {
    try {
      return Artifact.ofDigest(digest);
    } catch (VerificationException e) {
      throw new CommandFailure(ExitCodes.FAILURE, "artifact " + digest + ": " + e.getMessage());
    }
  }
}
