package dev.signet.cli.command;

import dev.signet.bundle.SigstoreBundle;
import dev.signet.bundle.VerificationMaterial;
import dev.signet.cli.CliContext;
import dev.signet.cli.CommandFailure;
import dev.signet.cli.ExitCodes;
import dev.signet.cli.options.Failures;
import dev.signet.cli.options.References;
import dev.signet.cli.options.RegistryOptions;
import dev.signet.cli.options.VerifyOptions;
import dev.signet.cosign.SignatureAnnotations;
import dev.signet.oci.MediaTypes;
import dev.signet.oci.reference.ImageReference;
import dev.signet.registry.client.RegistryClient;
import dev.signet.sign.Pem;
import dev.signet.sign.ResolvedImage;
import dev.signet.sign.SigningException;
import dev.signet.sign.attest.AttachmentReader;
import dev.signet.sign.attest.PredicateTypes;
import dev.signet.sign.layout.LocalImage;
import dev.signet.verify.Artifact;
import dev.signet.verify.Candidate;
import dev.signet.verify.MultiVerificationResult;
import dev.signet.verify.SigstoreVerifier;
import dev.signet.verify.VerificationException;
import dev.signet.verify.VerificationPolicy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code signet verify-attestation}: cosign's verify-attestation, by the verification engine. Every
 * attestation of the image (v3 bundles, then legacy {@code .att} layers) is a candidate; one whose
 * statement has the {@code --type} predicate type and names the image digest as a subject, signed by the
 * key or identity, is enough. Prints cosign's header on standard error and each verified attestation's
 * DSSE envelope on standard output, one per line. {@code --policy} (CUE/Rego) is not supported.
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
      description = "IMAGE is a local OCI layout written by save (no registry is contacted).") boolean localImage;

  @Mixin VerifyOptions verify;
  @Mixin RegistryOptions registry;

  /** One image's verified envelopes (JSON lines), or its failure. */
  private record Outcome(ImageReference ref, List<String> lines, CommandFailure failure) {}

  public VerifyAttestationCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws InterruptedException {
    if (policies != null && !policies.isEmpty()) {
      throw new CommandFailure(ExitCodes.FAILURE, "--policy (CUE/Rego) is not supported; Signet checks the predicate"
          + " type (--type) and the subject digest");
    }
    verify.validate();
    String predicateType;
    try {
      predicateType = PredicateTypes.resolve(type);
    } catch (SigningException e) {
      throw Failures.of(e);
    }
    if (!output.equals("json") && !output.equals("text")) {
      throw new CommandFailure(ExitCodes.FAILURE, "unknown --output " + output + ": use json or text");
    }
    java.util.Optional<LocalImage> local = localImage ? java.util.Optional.of(LocalImages.open(images))
        : java.util.Optional.empty();
    List<ImageReference> refs = local.isPresent() ? List.of(local.get().reference())
        : images.stream().map(References::parse).toList();
    SigstoreVerifier verifier = VerifyCommands.verifier(ctx, verify);
    VerificationPolicy base = VerifyCommands.policy(ctx, verify).expectingPayloadType(MediaTypes.IN_TOTO)
        .expectingPredicateType(predicateType);
    VerificationPolicy policy = checkClaims ? base : base.withoutClaimCheck();
    RegistryClient client = local.isPresent() ? local.get().client()
        : ImageCommandSupport.client(ctx, registry, refs.toArray(ImageReference[]::new));
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(maxWorkers, refs.size())));
    List<Outcome> outcomes = new ArrayList<>();
    try {
      List<Future<Outcome>> pending = new ArrayList<>();
      for (ImageReference ref : refs) {
        pending.add(pool.submit(() -> verifyOne(client, verifier, ref, policy)));
      }
      for (Future<Outcome> f : pending) {
        try {
          outcomes.add(f.get());
        } catch (ExecutionException e) {
          Throwable c = e.getCause();
          throw c instanceof CommandFailure cf ? cf : new CommandFailure(ExitCodes.FAILURE, String.valueOf(c.getMessage()), c);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    if (outcomes.size() == 1 && outcomes.get(0).failure() != null) {
      throw outcomes.get(0).failure();
    }
    int exit = ExitCodes.OK;
    for (Outcome o : outcomes) {
      if (o.failure() != null) {
        exit = exit == ExitCodes.OK ? o.failure().exitCode() : exit;
        ctx.err().println("Error: " + o.ref().name() + ": " + o.failure().getMessage());
        continue;
      }
      ctx.err().print(header(o.ref()));
      ctx.err().flush();
      o.lines().forEach(ctx.out()::println);
      ctx.out().flush();
    }
    return exit;
  }

  private Outcome verifyOne(RegistryClient client, SigstoreVerifier verifier, ImageReference ref, VerificationPolicy policy) {
    try {
      ResolvedImage image = ImageCommandSupport.resolve(client, ref);
      List<AttachmentReader.Found> found = new AttachmentReader(client,
          References.maxAttachmentSize(ctx, dev.signet.sign.VerificationPolicy.DEFAULT_MAX_PAYLOAD_BYTES))
          .attestations(localImage ? ref.repository() : ImageCommandSupport.storage(ctx, ref), image.digest(), java.util.Optional.empty(),
              w -> ctx.err().println("WARNING: " + w));
      if (found.isEmpty()) {
        return new Outcome(ref, List.of(), new CommandFailure(ExitCodes.NO_SIGNATURES, "no attestations found"));
      }
      List<Candidate> candidates = new ArrayList<>();
      for (AttachmentReader.Found f : found) {
        candidates.add(new Candidate.Bundle(f.source(), f.bundle().orElseGet(() -> wrap(f))));
      }
      MultiVerificationResult result = verifier.verifyAll(candidates, Artifact.ofDigest(image.digest().toString()), policy);
      if (!result.isVerified()) {
        try {
          result.firstVerified();
        } catch (VerificationException e) {
          return new Outcome(ref, List.of(), new CommandFailure(ExitCodes.NO_MATCHING_SIGNATURE,
              "no matching attestations: " + e.getMessage(), e));
        }
      }
      List<String> lines = new ArrayList<>();
      for (int i = 0; i < found.size(); i++) {
        if (result.outcomes().get(i).result().isPresent()) {
          lines.add(new String(found.get(i).envelope().toLegacyJson(), StandardCharsets.UTF_8));
        }
      }
      return new Outcome(ref, lines, null);
    } catch (SigningException e) {
      return new Outcome(ref, List.of(), Failures.of(e));
    } catch (VerificationException e) {
      return new Outcome(ref, List.of(), VerifyCommands.rejected("verify " + ref.name(), e));
    } catch (CommandFailure e) {
      return new Outcome(ref, List.of(), e);
    }
  }

  /** A legacy {@code .att} layer as a bundle: its certificate annotation, else key material. */
  private static SigstoreBundle wrap(AttachmentReader.Found f) {
    String cert = f.annotations().get(SignatureAnnotations.CERTIFICATE);
    if (cert != null && !cert.isBlank()) {
      try {
        return SigstoreBundle.ofDsse(VerificationMaterial.certificate(Pem.firstCertificateDer(cert)), f.envelope());
      } catch (SigningException e) {
        // an unreadable certificate annotation: verify as a key-mode envelope, which a keyless policy rejects
      }
    }
    return SigstoreBundle.ofDsse(VerificationMaterial.publicKey(""), f.envelope());
  }

  private String header(ImageReference ref) {
    StringBuilder b = new StringBuilder("\nVerification for " + ref.name() + " --\n"
        + "The following checks were performed on each of these signatures:\n");
    if (checkClaims) {
      b.append("  - The cosign claims were validated\n");
    }
    if (!verify.ignoreTlog) {
      b.append("  - Existence of the claims in the transparency log was verified offline\n");
    }
    b.append(verify.keyMode() ? "  - The signatures were verified against the specified public key\n"
        : "  - The code-signing certificate was verified using trusted certificate authority certificates\n");
    return b.toString();
  }
}
