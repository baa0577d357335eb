package dev.signet.cli.command;

import dev.signet.cli.CliContext;
import dev.signet.cli.CommandFailure;
import dev.signet.cli.ExitCodes;
import dev.signet.cli.options.VerifyOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code signet verify-blob}: cosign's verify-blob. The artifact is a file or {@code sha256:<hex>}; the
 * signature comes from {@code --bundle} (a v0.3 bundle or cosign's legacy local bundle) or
 * {@code --signature}. Prints {@code Verified OK} on standard error.
 */
@Command(name = "verify-blob", description = "Verify a file's signature (cosign-compatible).")
public final class VerifyBlobCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(index = "0", paramLabel = "FILE", description = "The file, '-' for standard input, or sha256:<hex>.")
  String artifact;

  @Option(names = "--bundle", description = "The Sigstore bundle (or cosign's legacy local bundle).") String bundle;
  @Option(names = "--signature", description = "The base64 signature (file or text), for key mode without a bundle.")
  String signature;
  @Option(names = "--new-bundle-format", arity = "0..1", fallbackValue = "true", defaultValue = "true",
      description = "Accepted for compatibility: the bundle format is detected.") boolean newBundleFormat;
  @Option(names = "--rfc3161-timestamp", description = "RFC 3161 timestamp file (not supported yet).") String timestamp;
  @Option(names = {"--offline", "--private-infrastructure"}, arity = "0..1", fallbackValue = "true", defaultValue = "false",
      description = "Accepted for compatibility: Signet never contacts public-good services.") boolean offline;

  @Mixin VerifyOptions verify;

  public VerifyBlobCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    verify.validate();
    if (bundle == null && signature == null) {
      throw new CommandFailure(ExitCodes.FAILURE, "give --bundle FILE (or --signature with --key)");
    }
    if (timestamp != null) {
      throw new CommandFailure(ExitCodes.FAILURE, "--rfc3161-timestamp is not supported yet; put the timestamp in the bundle");
    }
    throw VerifyCommands.notWired("verify-blob");
  }
}
