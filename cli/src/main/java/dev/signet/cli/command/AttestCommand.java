package dev.signet.cli.command;

import dev.signet.cli.CliContext;
import dev.signet.cli.CommandFailure;
import dev.signet.cli.ExitCodes;
import dev.signet.cli.options.Failures;
import dev.signet.cli.options.Inputs;
import dev.signet.cli.options.KeyLoader;
import dev.signet.cli.options.References;
import dev.signet.cli.options.RegistryOptions;
import dev.signet.cli.options.SigningServices;
import dev.signet.crypto.Signer;
import dev.signet.oci.reference.ImageReference;
import dev.signet.registry.client.RegistryClient;
import dev.signet.sign.ResolvedImage;
import dev.signet.sign.SignOptions;
import dev.signet.sign.SignatureFormat;
import dev.signet.sign.SigningException;
import dev.signet.sign.attest.ImageAttester;
import dev.signet.sign.attest.PredicateTypes;
import dev.signet.sign.internal.Pauser;
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

  @Option(names = "--key", description = "Private key: a cosign.key file or env://VAR.") String key;
  @Option(names = "--predicate", description = "Path to the predicate file.") String predicate;
  @Option(names = "--type", defaultValue = "custom",
      description = "Predicate type: slsaprovenance|slsaprovenance02|slsaprovenance1|link|spdx|spdxjson|cyclonedx|vuln|openvex|custom, or a URI (default ${DEFAULT-VALUE}).")
  String type;

  @Option(names = "--new-bundle-format", arity = "0..1", fallbackValue = "true", defaultValue = "true",
      description = "Store a Sigstore bundle as an OCI 1.1 referrer (cosign v3); false appends to the legacy .att tag.")
  boolean newBundleFormat;

  @Option(names = "--no-upload", description = "Print the attestation instead of storing it.") boolean noUpload;
  @Option(names = "--bundle", description = "Also write the Sigstore bundle to this file.") String bundle;
  @Option(names = {"--certificate", "--cert"}, description = "Certificate (PEM) for the signing key.") String certificate;
  @Option(names = {"--certificate-chain", "--cert-chain"}, description = "Certificate chain (PEM), issuer first.") String chain;

  @Option(names = "--tlog-upload", arity = "0..1", fallbackValue = "true", defaultValue = "true",
      description = "Upload to a transparency log if one is configured (none is by default).")
  boolean tlogUpload;

  @Option(names = "--rekor-entry-type", defaultValue = "dsse", description = "dsse or intoto (accepted for compatibility).")
  String rekorEntryType;

  @Option(names = {"-y", "--yes"}, description = "Skip confirmation prompts.") boolean yes;
  @Option(names = "--record-creation-timestamp", description = "Accepted for compatibility.") boolean recordCreation;
  @Option(names = "--rekor-url", description = "Transparency log URL (not supported yet).") String rekorUrl;
  @Option(names = "--fulcio-url", description = "Fulcio URL for keyless signing (not supported yet).") String fulcioUrl;
  @Option(names = "--signing-config", description = "Sigstore signing config (not supported yet).") String signingConfig;
  @Option(names = "--use-signing-config", arity = "0..1", fallbackValue = "true", defaultValue = "false",
      description = "Accepted for compatibility; Signet only uses services you configure.") boolean useSigningConfig;
  @Option(names = "--identity-token", description = "OIDC token for keyless signing (not supported yet).") String identityToken;

  @Mixin RegistryOptions registry;

  public AttestCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    SigningServices.check(key, rekorUrl, signingConfig, fulcioUrl, identityToken);
    if (predicate == null || predicate.isEmpty()) {
      throw new CommandFailure(ExitCodes.FAILURE, "--predicate FILE is required (the predicate cannot be empty)");
    }
    if (!rekorEntryType.equals("dsse") && !rekorEntryType.equals("intoto")) {
      throw new CommandFailure(ExitCodes.FAILURE, "unknown value for --rekor-entry-type: " + rekorEntryType
          + " (use dsse or intoto)");
    }
    try {
      PredicateTypes.resolve(type); // an unknown --type fails before any file, key or registry is touched
    } catch (SigningException e) {
      throw Failures.of(e);
    }
    byte[] predicateBytes = Inputs.read(ctx, predicate, "predicate", false);
    ImageReference ref = References.parse(image);
    Signer signer = KeyLoader.signer(key, ctx);
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
        .withCertificate(text(certificate), text(chain))
        .withUpload(!noUpload);
    ImageAttester.Result result;
    try {
      result = new ImageAttester(client, ctx.clock(), Pauser.jittered()).attest(resolved, signer, type, predicateBytes, options);
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
