package dev.signet.cli.command;

import dev.signet.cli.CliContext;
import dev.signet.cli.CommandFailure;
import dev.signet.cli.ExitCodes;
import dev.signet.cli.options.Failures;
import dev.signet.cli.options.References;
import dev.signet.cli.options.RegistryOptions;
import dev.signet.cli.options.VerifyOptions;
import dev.signet.sign.SigningException;
import dev.signet.sign.attest.PredicateTypes;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code signet verify-attestation}: cosign's verify-attestation. Every attestation of the image (v3
 * bundles, then legacy {@code .att} layers) whose predicate type is {@code --type} and whose statement
 * names the image digest as a subject is verified; at least one must pass. {@code --policy} (CUE/Rego) is
 * not supported.
 */
@Command(name = "verify-attestation", description = "Verify attestations on container images (cosign-compatible).")
public final class VerifyAttestationCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(arity = "1..*", paramLabel = "IMAGE") List<String> images;

  @Option(names = "--type", defaultValue = "custom",
      description = "Predicate type to verify: a short name or URI (default ${DEFAULT-VALUE}).") String type;
  @Option(names = "--policy", description = "CUE or Rego policy (not supported).") List<String> policies;
  @Option(names = {"-o", "--output"}, defaultValue = "json", description = "json or text (default ${DEFAULT-VALUE}).")
  String output;
  @Option(names = "--check-claims", arity = "0..1", fallbackValue = "true", defaultValue = "true",
      description = "Check the subject digest (default true).") boolean checkClaims;
  @Option(names = "--max-workers", defaultValue = "10", description = "Images verified in parallel (default ${DEFAULT-VALUE}).")
  int maxWorkers;
  @Option(names = "--local-image", arity = "0..1", fallbackValue = "true", defaultValue = "false",
      description = "Verify an image in a local OCI layout (not supported yet).") boolean localImage;

  @Mixin VerifyOptions verify;
  @Mixin RegistryOptions registry;

  public VerifyAttestationCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (policies != null && !policies.isEmpty()) {
      throw new CommandFailure(ExitCodes.FAILURE, "--policy (CUE/Rego) is not supported; Signet checks the predicate"
          + " type (--type) and the subject digest");
    }
    verify.validate();
    try {
      PredicateTypes.resolve(type);
    } catch (SigningException e) {
      throw Failures.of(e);
    }
    if (!output.equals("json") && !output.equals("text")) {
      throw new CommandFailure(ExitCodes.FAILURE, "unknown --output " + output + ": use json or text");
    }
    if (localImage) {
      throw new CommandFailure(ExitCodes.FAILURE, "--local-image is not supported yet");
    }
    images.forEach(References::parse);
    throw VerifyCommands.notWired("verify-attestation");
  }
}
