package dev.signet.cli.command;

import dev.signet.cli.CliContext;
import dev.signet.cli.CommandFailure;
import dev.signet.cli.ExitCodes;
import dev.signet.cli.options.Annotations;
import dev.signet.cli.options.Failures;
import dev.signet.cli.options.Inputs;
import dev.signet.cli.options.KeyLoader;
import dev.signet.cli.options.KeylessIdentity;
import dev.signet.cli.options.References;
import dev.signet.cli.options.RegistryOptions;
import dev.signet.cli.options.TrustedRoots;
import dev.signet.oci.reference.ImageReference;
import dev.signet.registry.client.RegistryClient;
import dev.signet.sign.ImageVerifier;
import dev.signet.sign.VerificationOutput;
import dev.signet.sign.VerificationPolicy;
import dev.signet.sign.VerificationReport;
import dev.signet.sign.VerifiedSignature;
import dev.signet.sign.layout.LocalImage;
import dev.signet.verify.root.TrustedRoot;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code signet verify}: cosign's verify, with a key or keyless (a certificate identity under a trusted
 * root, a bring-your-own CA, or the TUF repository of {@code signet initialize}). Many images are checked
 * in parallel, sharing one registry client (one token per repository) and one verification engine;
 * results are printed in argument order, and the exit code is that of the first failure.
 */
@Command(name = "verify", description = "Verify signatures on container images (cosign-compatible).")
public final class VerifyCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(arity = "1..*", paramLabel = "IMAGE") List<String> images;

  @Option(names = "--key", description = "Public key: a cosign.pub file, env://VAR, a cosign.key, or a certificate.")
  String key;

  @Mixin KeylessIdentity identity;

  @Option(names = {"--certificate", "--cert"},
      description = "Signing certificate (PEM) for legacy signatures that carry none.") String certificate;

  @Option(names = {"--certificate-chain", "--cert-chain"},
      description = "CA chain of the signing certificate (PEM, issuing CA first, root last): the trusted CA.")
  String certificateChain;

  @Option(names = "--ca-roots", description = "Trusted CA root certificates (PEM bundle).") String caRoots;

  @Option(names = "--ca-intermediates", description = "CA intermediate certificates (PEM bundle), with --ca-roots.")
  String caIntermediates;

  @Option(names = "--trusted-root", description = "Sigstore trusted_root.json (logs, CAs, CT logs, timestamp authorities).")
  String trustedRoot;

  @Option(names = {"-a", "--annotations"}, split = ",", description = "Required key=value annotations.")
  List<String> annotations;

  @Option(names = "--check-claims", arity = "0..1", fallbackValue = "true", defaultValue = "true",
      description = "Check the signed digest and annotations (default true).")
  boolean checkClaims;

  @Option(names = {"-o", "--output"}, defaultValue = "json", description = "json or text (default ${DEFAULT-VALUE}).")
  String output;

  @Option(names = "--insecure-ignore-tlog", arity = "0..1", fallbackValue = "true", defaultValue = "false",
      description = "Accept signatures without a verified transparency-log entry.")
  boolean ignoreTlog;

  @Option(names = "--insecure-ignore-sct", arity = "0..1", fallbackValue = "true", defaultValue = "false",
      description = "Accept certificates without a verified embedded SCT.") boolean ignoreSct;

  @Option(names = "--use-signed-timestamps", arity = "0..1", fallbackValue = "true", defaultValue = "false",
      description = "Require an RFC 3161 timestamp from the trusted root's timestamp authorities.")
  boolean useSignedTimestamps;

  @Option(names = "--new-bundle-format", arity = "0..1", fallbackValue = "true", defaultValue = "true",
      description = "Read v3 bundles too (default true); false reads only legacy .sig signatures.")
  boolean newBundleFormat;

  @Option(names = "--max-workers", defaultValue = "10", description = "Images verified in parallel (default ${DEFAULT-VALUE}).")
  int maxWorkers;

  @Option(names = "--offline", arity = "0..1", fallbackValue = "true", defaultValue = "false",
      description = "Use only the cached TUF metadata; log entries are always checked offline.") boolean offline;

  @Option(names = "--rekor-url", description = "Accepted for compatibility: log entries are verified offline.")
  String rekorUrl;

  @Option(names = "--private-infrastructure", arity = "0..1", fallbackValue = "true", defaultValue = "false",
      description = "Accepted for compatibility: Signet never contacts public-good services.") boolean privateInfra;

  @Option(names = "--signature-digest-algorithm", defaultValue = "sha256",
      description = "Accepted for compatibility; Signet takes the hash from the key type.") String digestAlgorithm;

  @Option(names = "--experimental-oci11", arity = "0..1", fallbackValue = "true", defaultValue = "false",
      description = "Accepted for compatibility.") boolean experimentalOci11;

  @Option(names = "--local-image", arity = "0..1", fallbackValue = "true", defaultValue = "false",
      description = "IMAGE is a local OCI layout written by save (no registry is contacted).") boolean localImage;

  @Mixin RegistryOptions registry;

  @Spec CommandSpec spec;

  public VerifyCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (!output.equals("json") && !output.equals("text")) {
      throw new CommandFailure(ExitCodes.FAILURE, "unknown --output " + output + ": use json or text");
    }
    boolean keyMode = key != null && !key.isBlank();
    if (keyMode && identity.given()) {
      throw new CommandFailure(ExitCodes.FAILURE, "--key cannot be combined with --certificate-identity or"
          + " --certificate-oidc-issuer: give one or the other");
    }
    Optional<LocalImage> local = localImage ? Optional.of(LocalImages.open(images)) : Optional.empty();
    List<ImageReference> refs = new ArrayList<>();
    if (local.isPresent()) {
      refs.add(local.get().reference());
    } else {
      for (String image : images) {
        refs.add(References.parse(image));
      }
    }
    VerificationPolicy policy = (keyMode ? VerificationPolicy.forKey(KeyLoader.loadPublicKey(key, ctx))
        : VerificationPolicy.forIdentity(identity.policy()))
        .withAnnotations(Annotations.parse(annotations))
        .withCheckClaims(checkClaims)
        .withIgnoreTlog(ignoreTlog)
        .withIgnoreSct(ignoreSct)
        .withSignedTimestamps(useSignedTimestamps)
        .withLegacyOnly(!newBundleFormat)
        .withCertificate(detachedCertificate())
        .withTargetRepository(References.targetRepository(ctx))
        .withMaxPayloadBytes(References.maxAttachmentSize(ctx, VerificationPolicy.DEFAULT_MAX_PAYLOAD_BYTES));
    TrustedRoot root = trustedRoot(policy);
    if (ignoreTlog) {
      ctx.err().print(VerificationOutput.tlogSkippedWarning());
      ctx.err().flush();
    }
    RegistryClient client = local.isPresent() ? local.get().client()
        : ImageCommandSupport.client(ctx, registry, refs.toArray(ImageReference[]::new));
    ImageVerifier verifier = new ImageVerifier(client, root);
    if (refs.size() == 1) {
      ImageVerifier.Outcome o = verifier.verifyAll(refs, policy, 1).get(0);
      if (o.failure().isPresent()) {
        throw Failures.of(o.failure().get()); // one image: cosign's exact one-line error
      }
      print(o.report().orElseThrow(), policy);
      return ExitCodes.OK;
    }
    // Many images: every outcome in argument order, printed as soon as it and those before it are done;
    // failures named by image; the first failure's code.
    int[] exit = {ExitCodes.OK};
    verifier.verifyAll(refs, policy, Math.max(1, maxWorkers), o -> {
      if (o.report().isPresent()) {
        print(o.report().get(), policy);
        return;
      }
      CommandFailure f = Failures.of(o.failure().orElseThrow());
      if (exit[0] == ExitCodes.OK) {
        exit[0] = f.exitCode();
      }
      String name = o.reference().name();
      ctx.err().println("Error: " + (f.getMessage().contains(name) ? f.getMessage() : name + ": " + f.getMessage()));
      if (verbose()) {
        f.printStackTrace(ctx.err());
      }
      ctx.err().flush();
    });
    return exit[0];
  }

  /**
   * The trust for this run. Key mode with {@code --insecure-ignore-tlog} (and no signed timestamps)
   * needs none, as in cosign; everything else needs a trusted root or a bring-your-own CA.
   */
  private TrustedRoot trustedRoot(VerificationPolicy policy) {
    boolean needsNone = policy.isKeyMode() && ignoreTlog && !useSignedTimestamps;
    if (needsNone && trustedRoot == null) {
      return TrustedRoot.empty();
    }
    Optional<TrustedRoot> root = TrustedRoots.load(ctx,
        new TrustedRoots.Sources(trustedRoot, certificateChain, caRoots, caIntermediates, offline));
    if (root.isPresent()) {
      return root.get();
    }
    if (needsNone) {
      return TrustedRoot.empty();
    }
    throw TrustedRoots.noTrustedRoot(policy.isKeyMode()
        ? "verify transparency-log entries (or pass --insecure-ignore-tlog=true for key-only signatures)"
        : "verify keyless signatures");
  }

  private Optional<VerificationPolicy.DetachedCertificate> detachedCertificate() {
    if (certificate == null) {
      return Optional.empty();
    }
    String cert = new String(Inputs.read(ctx, certificate, "--certificate", false), StandardCharsets.UTF_8);
    String chain = certificateChain == null ? null
        : new String(Inputs.read(ctx, certificateChain, "--certificate-chain", false), StandardCharsets.UTF_8);
    return Optional.of(new VerificationPolicy.DetachedCertificate(cert, chain));
  }

  /** The inherited {@code -d/--verbose} flag (bound to the top command's field). */
  private boolean verbose() {
    OptionSpec option = spec == null ? null : spec.findOption("--verbose");
    return option != null && Boolean.TRUE.equals(option.getValue());
  }

  private void print(VerificationReport report, VerificationPolicy policy) {
    ctx.err().print(VerificationOutput.header(report, policy));
    ctx.err().flush();
    if (output.equals("text")) {
      for (VerifiedSignature s : report.signatures()) { // cosign: certificate lines on stderr, payload on stdout
        ctx.err().print(VerificationOutput.textCertificateLines(s));
        ctx.err().flush();
        ctx.out().print(VerificationOutput.text(s));
        ctx.out().flush();
      }
      return;
    }
    ctx.out().print(VerificationOutput.json(report.signatures()));
    ctx.out().flush();
  }
}
