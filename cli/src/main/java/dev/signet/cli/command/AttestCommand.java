package dev.signet.cli.command;

import dev.signet.cli.CliContext;
import dev.signet.cli.CommandFailure;
import dev.signet.cli.ExitCodes;
import dev.signet.cli.options.CertificateFlags;
import dev.signet.cli.options.Failures;
import dev.signet.cli.options.Inputs;
import dev.signet.cli.options.PredicateFlags;
import dev.signet.cli.options.References;
import dev.signet.cli.options.RegistryOptions;
import dev.signet.cli.options.SigningFlags;
import dev.signet.cli.options.SigningSetup;
import dev.signet.crypto.Signer;
import dev.signet.oci.reference.ImageReference;
import dev.signet.registry.client.RegistryClient;
import dev.signet.sign.ResolvedImage;
import dev.signet.sign.SignOptions;
import dev.signet.sign.SignatureFormat;
import dev.signet.sign.SigningException;
import dev.signet.sign.attest.ImageAttester;
import dev.signet.sign.internal.Pauser;
import dev.signet.sign.keyless.RekorEntries;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code signet attest}: an in-toto v0.1 statement about an image (subject: repository name and manifest
 * digest) signed into DSSE. v3 (default) stores a Sigstore bundle as an OCI 1.1 referrer (fallback
 * index on registries without the referrers API); {@code --new-bundle-format=false} appends a layer to
 * the legacy {@code sha256-<hex>.att} image without losing concurrent attestations.
 */
@Command(name = "attest", description = "Attest to a container image with an in-toto statement (cosign-compatible).")
public final class AttestCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(index = "0", paramLabel = "IMAGE") String image;

  @Mixin SigningFlags signing;
  @Mixin PredicateFlags predicate;
  @Mixin CertificateFlags certificates;

  @Option(names = "--new-bundle-format", arity = "0..1", fallbackValue = "true", defaultValue = "true",
      description = "Store a Sigstore bundle as an OCI 1.1 referrer (cosign v3); false appends to the legacy .att tag.")
  boolean newBundleFormat;

  @Option(names = "--no-upload", description = "Print the attestation instead of storing it.") boolean noUpload;
  @Option(names = "--bundle", description = "Also write the Sigstore bundle to this file.") String bundle;

  @Option(names = "--rekor-entry-type", defaultValue = "dsse", description = "dsse or intoto (accepted for compatibility).")
  String rekorEntryType;

  @Option(names = "--record-creation-timestamp", description = "Accepted for compatibility.") boolean recordCreation;

  @Mixin RegistryOptions registry;

  public AttestCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    signing.check();
    predicate.requirePredicate();
    if (!rekorEntryType.equals("dsse") && !rekorEntryType.equals("intoto")) {
      throw new CommandFailure(ExitCodes.FAILURE, "unknown value for --rekor-entry-type: " + rekorEntryType
          + " (use dsse or intoto)");
    }
    predicate.checkType(); // an unknown --type fails before any file, key or registry is touched
    byte[] predicateBytes = predicate.read(ctx);
    ImageReference ref = References.parse(image);
    SigningSetup.requireBundleFormat(signing, newBundleFormat, "attest");
    SigningSetup.Signing setup = SigningSetup.resolve(signing, ctx, rekorEntryType.equals("intoto")
        ? RekorEntries.DsseEntryType.INTOTO : RekorEntries.DsseEntryType.DSSE);
    Signer signer = setup.signer();
    RegistryClient client = ImageCommandSupport.client(ctx, registry, ref);
    ResolvedImage resolved = ImageCommandSupport.resolve(client, ref);
    if (ref.digest().isEmpty()) {
      ctx.err().println("WARNING: Image reference " + ref.name() + " uses a tag, not a digest, to identify the image"
          + " to attest. Please use a digest (example.com/ubuntu@sha256:abc123...) rather than a tag.");
    }
    SignOptions options = SignOptions.defaults()
        .withFormat(newBundleFormat ? SignatureFormat.BUNDLE : SignatureFormat.LEGACY)
        .withTargetRepository(References.targetRepository(ctx))
        .withDockerMediaTypes(References.dockerMediaTypes(ctx))
        .withCertificate(setup.keyless() ? setup.certificatePem() : text(certificates.certificate()),
            setup.keyless() ? setup.chainPem() : text(certificates.chain()))
        .withUpload(!noUpload);
    ImageAttester.Result result;
    try {
      result = new ImageAttester(client, ctx.clock(), Pauser.jittered(), setup.witness()).attest(resolved, signer, predicate.type(), predicateBytes, options);
    } catch (SigningException e) {
      throw Failures.of(e);
    }
    if (bundle != null) {
      Inputs.write(ctx, bundle, result.attestation().bundle().toJson(), "bundle");
    }
    if (noUpload) {
      byte[] printed = newBundleFormat ? result.attestation().bundle().toJson() : result.attestation().envelope().toJson();
      ctx.out().println(new String(printed, StandardCharsets.UTF_8));
      ctx.out().flush();
    }
    result.location().ifPresent(l -> ctx.err().println("Pushing attestation to: " + l));
    return ExitCodes.OK;
  }

  private Optional<String> text(String path) {
    return path == null ? Optional.empty()
        : Optional.of(new String(Inputs.read(ctx, path, "certificate", false), StandardCharsets.UTF_8));
  }
}
