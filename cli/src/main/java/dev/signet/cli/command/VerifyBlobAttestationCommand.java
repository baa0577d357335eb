package dev.signet.cli.command;

import dev.signet.cli.CliContext;
import dev.signet.cli.CommandFailure;
import dev.signet.cli.ExitCodes;
import dev.signet.cli.options.Failures;
import dev.signet.cli.options.VerifyOptions;
import dev.signet.sign.SigningException;
import dev.signet.sign.attest.PredicateTypes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code signet verify-blob-attestation}: cosign's verify-blob-attestation. The DSSE attestation comes from
 * {@code --bundle} or {@code --signature} (a bare envelope); the statement must name the artifact (file,
 * {@code sha256:<hex>}, or {@code --digest}) as a subject and carry the {@code --type} predicate.
 */
@Command(name = "verify-blob-attestation", description = "Verify an attestation about a file (cosign-compatible).")
public final class VerifyBlobAttestationCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "The file, or sha256:<hex>.")
  String artifact;

  @Option(names = "--bundle", description = "The Sigstore bundle holding the attestation.") String bundle;
  @Option(names = "--signature", description = "A bare DSSE envelope (key mode).") String signature;
  @Option(names = "--type", defaultValue = "custom",
      description = "Predicate type the statement must carry: a short name or URI (default ${DEFAULT-VALUE}).")
  String type;
  @Option(names = "--digest", description = "The artifact's digest (hex), instead of the file.") String digest;
  @Option(names = "--digestAlg", defaultValue = "sha256", description = "Algorithm of --digest (default ${DEFAULT-VALUE}).")
  String digestAlg;
  @Option(names = "--check-claims", arity = "0..1", fallbackValue = "true", defaultValue = "true",
      description = "Check the subject and predicate type (default true).") boolean checkClaims;
  @Option(names = "--new-bundle-format", arity = "0..1", fallbackValue = "true", defaultValue = "true",
      description = "Accepted for compatibility: the bundle format is detected.") boolean newBundleFormat;

  @Mixin VerifyOptions verify;

  public VerifyBlobAttestationCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    verify.validate();
    try {
      PredicateTypes.resolve(type);
    } catch (SigningException e) {
      throw Failures.of(e);
    }
    if (bundle == null && signature == null) {
      throw new CommandFailure(ExitCodes.FAILURE, "give --bundle FILE (or --signature with a DSSE envelope and --key)");
    }
    if (artifact == null && digest == null) {
      throw new CommandFailure(ExitCodes.FAILURE, "give the artifact (a file or sha256:<hex>) or --digest");
    }
    if (!digestAlg.equals("sha256")) {
      throw new CommandFailure(ExitCodes.FAILURE, "--digestAlg " + digestAlg + " is not supported; use sha256");
    }
    throw VerifyCommands.notWired("verify-blob-attestation");
  }
}
