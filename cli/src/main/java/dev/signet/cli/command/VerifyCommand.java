package dev.signet.cli.command;

import dev.signet.cli.CliContext;
import dev.signet.cli.CommandFailure;
import dev.signet.cli.ExitCodes;
import dev.signet.cli.options.Annotations;
import dev.signet.cli.options.Failures;
import dev.signet.cli.options.KeyLoader;
import dev.signet.cli.options.References;
import dev.signet.cli.options.RegistryOptions;
import dev.signet.oci.reference.ImageReference;
import dev.signet.registry.client.RegistryClient;
import dev.signet.sign.ImageVerifier;
import dev.signet.sign.VerificationOutput;
import dev.signet.sign.VerificationPolicy;
import dev.signet.sign.VerificationReport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code signet verify}: cosign's verify with a key. Many images are checked in parallel, sharing one
 * registry client (one token per repository); results are printed in argument order, and the exit code
 * is that of the first failure.
 */
@Command(name = "verify", description = "Verify signatures on container images (cosign-compatible).")
public final class VerifyCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(arity = "1..*", paramLabel = "IMAGE") List<String> images;

  @Option(names = "--key", description = "Public key: a cosign.pub file, env://VAR, a cosign.key, or a certificate.")
  String key;

  @Option(names = {"-a", "--annotations"}, split = ",", description = "Required key=value annotations.")
  List<String> annotations;

  @Option(names = "--check-claims", arity = "0..1", fallbackValue = "true", defaultValue = "true",
      description = "Check the signed digest and annotations (default true).")
  boolean checkClaims;

  @Option(names = {"-o", "--output"}, defaultValue = "json", description = "json or text (default ${DEFAULT-VALUE}).")
  String output;

  @Option(names = "--insecure-ignore-tlog", arity = "0..1", fallbackValue = "true", defaultValue = "false",
      description = "Accept signatures without a transparency-log entry (key-only signatures).")
  boolean ignoreTlog;

  @Option(names = "--max-workers", defaultValue = "10", description = "Images verified in parallel (default ${DEFAULT-VALUE}).")
  int maxWorkers;

  @Option(names = {"--certificate-identity", "--cert-identity"}, description = "Keyless identity (not supported yet).")
  String certificateIdentity;

  @Option(names = {"--certificate-oidc-issuer", "--cert-oidc-issuer"}, description = "Keyless issuer (not supported yet).")
  String certificateIssuer;

  @Option(names = "--trusted-root", description = "Sigstore trusted root (not supported yet).") String trustedRoot;

  @Option(names = "--insecure-ignore-sct", arity = "0..1", fallbackValue = "true", defaultValue = "false",
      description = "Accepted for compatibility.") boolean ignoreSct;

  @Option(names = "--signature-digest-algorithm", defaultValue = "sha256",
      description = "Accepted for compatibility; Signet takes the hash from the key type.") String digestAlgorithm;

  @Option(names = {"--experimental-oci11", "--offline"}, arity = "0..1", fallbackValue = "true", defaultValue = "false",
      description = "Accepted for compatibility.") boolean compat;

  @Option(names = "--local-image", arity = "0..1", fallbackValue = "true", defaultValue = "false",
      description = "Verify an image in a local OCI layout (not supported yet).") boolean localImage;

  @Mixin RegistryOptions registry;

  @Spec CommandSpec spec;

  public VerifyCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (key == null || key.isBlank()) {
      throw new CommandFailure(ExitCodes.FAILURE, certificateIdentity != null || certificateIssuer != null
          ? "keyless verification (--certificate-identity) is not supported yet; verify with --key"
          : "a key is required: --key cosign.pub (keyless verification is not supported yet)");
    }
    if (trustedRoot != null || localImage) {
      throw new CommandFailure(ExitCodes.FAILURE,
          (localImage ? "--local-image" : "--trusted-root") + " is not supported yet");
    }
    if (!output.equals("json") && !output.equals("text")) {
      throw new CommandFailure(ExitCodes.FAILURE, "unknown --output " + output + ": use json or text");
    }
    List<ImageReference> refs = new ArrayList<>();
    for (String image : images) {
      refs.add(References.parse(image));
    }
    VerificationPolicy policy = VerificationPolicy.forKey(KeyLoader.loadPublicKey(key, ctx))
        .withAnnotations(Annotations.parse(annotations))
        .withCheckClaims(checkClaims)
        .withIgnoreTlog(ignoreTlog)
        .withTargetRepository(References.targetRepository(ctx))
        .withMaxPayloadBytes(References.maxAttachmentSize(ctx, VerificationPolicy.DEFAULT_MAX_PAYLOAD_BYTES));
    RegistryClient client = ImageCommandSupport.client(ctx, registry, refs.toArray(ImageReference[]::new));
    List<ImageVerifier.Outcome> outcomes =
        new ImageVerifier(client).verifyAll(refs, policy, Math.max(1, maxWorkers));
    if (outcomes.size() == 1) {
      ImageVerifier.Outcome o = outcomes.get(0);
      if (o.failure().isPresent()) {
        throw Failures.of(o.failure().get()); // one image: cosign's exact one-line error
      }
      print(o.report().orElseThrow(), policy);
      return ExitCodes.OK;
    }
    // Many images: every outcome in argument order, failures named by image; the first failure's code.
    int exit = ExitCodes.OK;
    for (ImageVerifier.Outcome o : outcomes) {
      if (o.report().isPresent()) {
        print(o.report().get(), policy);
        continue;
      }
      CommandFailure f = Failures.of(o.failure().orElseThrow());
      if (exit == ExitCodes.OK) {
        exit = f.exitCode();
      }
      String name = o.reference().name();
      ctx.err().println("Error: " + (f.getMessage().contains(name) ? f.getMessage() : name + ": " + f.getMessage()));
      if (verbose()) {
        f.printStackTrace(ctx.err());
      }
      ctx.err().flush();
    }
    return exit;
  }

  /** The inherited {@code -d/--verbose} flag (bound to the top command's field). */
  private boolean verbose() {
    OptionSpec option = spec == null ? null : spec.findOption("--verbose");
    return option != null && Boolean.TRUE.equals(option.getValue());
  }

  private void print(VerificationReport report, VerificationPolicy policy) {
    ctx.err().print(VerificationOutput.header(report, policy));
    ctx.err().flush();
    ctx.out().print(output.equals("text")
        ? VerificationOutput.text(report.signatures())
        : VerificationOutput.json(report.signatures()));
    ctx.out().flush();
  }
}
