package dev.signet.cli.command;

import dev.signet.cli.CliContext;
import dev.signet.cli.CommandFailure;
import dev.signet.cli.ExitCodes;
import dev.signet.cli.options.Annotations;
import dev.signet.cli.options.CertificateFlags;
import dev.signet.cli.options.Failures;
import dev.signet.cli.options.References;
import dev.signet.cli.options.RegistryOptions;
import dev.signet.cli.options.SigningFlags;
import dev.signet.cli.options.SigningSetup;
import dev.signet.crypto.CryptoException;
import dev.signet.crypto.Signer;
import dev.signet.oci.reference.ImageReference;
import dev.signet.registry.client.RegistryClient;
import dev.signet.sign.ImageResolver;
import dev.signet.sign.ImageSigner;
import dev.signet.sign.ResolvedImage;
import dev.signet.sign.SignOptions;
import dev.signet.sign.SignResult;
import dev.signet.sign.SignatureAttacher;
import dev.signet.sign.SignatureFormat;
import dev.signet.sign.SigningException;
import dev.signet.sign.internal.Pauser;
import dev.signet.sign.keyless.RekorEntries;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code signet sign}: cosign's sign with a key, in the v3 bundle format or the legacy {@code .sig} format. */
@Command(name = "sign", description = "Sign container images (cosign-compatible).")
public final class SignCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(arity = "1..*", paramLabel = "IMAGE") List<String> images;

  @Mixin SigningFlags signing;
  @Mixin CertificateFlags certificates;

  @Option(names = {"-a", "--annotations"}, split = ",", description = "Extra key=value pairs to sign.")
  List<String> annotations;

  @Option(names = "--upload", arity = "0..1", fallbackValue = "true", defaultValue = "true",
      description = "Upload the signature to the registry (default true).")
  boolean upload;

  @Option(names = "--new-bundle-format", arity = "0..1", fallbackValue = "true", defaultValue = "true",
      description = "Store a Sigstore bundle as an OCI 1.1 referrer (cosign v3); false writes the legacy .sig tag.")
  boolean newBundleFormat;

  @Option(names = "--bundle", description = "Write the bundle (or legacy local bundle) to this file.") String bundle;
  @Option(names = "--output-signature", description = "Write the base64 signature to this file.") String outputSignature;
  @Option(names = "--output-payload", description = "Write the signed payload to this file.") String outputPayload;
  @Option(names = {"--output-certificate", "--output-cert"}, description = "Write the certificate to this file.") String outputCertificate;
  @Option(names = "--payload", description = "Sign this payload file instead of generating one (legacy format).") String payload;
  @Option(names = {"-r", "--recursive"}, description = "Sign an index and every manifest in it.") boolean recursive;
  @Option(names = "--record-creation-timestamp", description = "Accepted for compatibility.") boolean recordCreation;

  @Option(names = "--max-workers", defaultValue = "10",
      description = "Images signed in parallel (default ${DEFAULT-VALUE}).")
  int maxWorkers;

  @Mixin RegistryOptions registry;

  private Optional<String> keylessCertificate = Optional.empty();

  public SignCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws Exception {
    signing.check();
    if (newBundleFormat && !upload && bundle == null) {
      throw new CommandFailure(ExitCodes.FAILURE, "--upload=false with the new bundle format needs --bundle FILE");
    }
    List<ImageReference> refs = new ArrayList<>();
    for (String image : images) {
      refs.add(References.parse(image));
    }
    SigningSetup.requireBundleFormat(signing, newBundleFormat && payload == null, "sign");
    // The key, or an ephemeral one with the CA's certificate (keyless), and the log/TSA witness.
    SigningSetup.Signing setup = SigningSetup.resolve(signing, ctx, RekorEntries.DsseEntryType.INTOTO);
    Signer signer = setup.signer();
    RegistryClient client = ImageCommandSupport.client(ctx, registry, refs.toArray(ImageReference[]::new));
    SignOptions unsigned = SignOptions.defaults()
        .withFormat(newBundleFormat ? SignatureFormat.BUNDLE : SignatureFormat.LEGACY)
        .withAnnotations(Annotations.parse(annotations))
        .withTargetRepository(References.targetRepository(ctx))
        .withDockerMediaTypes(References.dockerMediaTypes(ctx))
        .withRecursive(recursive)
        .withUpload(upload);
    ImageResolver resolver = new ImageResolver(client);
    // Resolve every image before signing any, so that an unknown image fails the command with nothing written
    // (in parallel: one HEAD or GET each).
    for (ImageReference ref : refs) {
      if (ref.digest().isEmpty()) {
        warnTag(ref);
      }
    }
    List<ResolvedImage> resolved;
    try {
      resolved = resolver.resolveAll(refs, Math.max(1, maxWorkers));
    } catch (SigningException e) {
      throw Failures.of(e);
    }
    SignOptions options = setup.keyless()
        ? unsigned.withCertificate(setup.certificatePem(), setup.chainPem())
        : unsigned.withCertificate(readOptional(certificates.certificate()), readOptional(certificates.chain()));
    keylessCertificate = setup.certificatePem();
    ImageSigner signerService = new ImageSigner(client, ctx.clock(), Pauser.jittered(), setup.witness());
    if (payload != null) {
      for (ResolvedImage image : resolved) {
        try {
          signPayload(client, image, signer, options);
        } catch (SigningException e) {
          throw Failures.of(e);
        }
      }
      return ExitCodes.OK;
    }
    // Images are signed in parallel, at most --max-workers making requests at a time (one waiting out a
    // read-back pause lets the next start); results are reported in argument order.
    List<java.util.concurrent.Future<List<SignResult>>> pending =
        signerService.signAll(resolved, signer, options, Math.max(1, maxWorkers));
    for (java.util.concurrent.Future<List<SignResult>> f : pending) {
      for (SignResult r : await(f)) {
        writeOutputs(r);
        r.location().ifPresent(l -> ctx.err().println("Pushing signature to: " + l));
      }
    }
    return ExitCodes.OK;
  }

  private static List<SignResult> await(java.util.concurrent.Future<List<SignResult>> f) throws InterruptedException {
    try {
      return f.get();
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof SigningException se) {
        throw Failures.of(se);
      }
      throw new CommandFailure(ExitCodes.FAILURE, String.valueOf(e.getCause().getMessage()), e.getCause());
    }
  }

  private void signPayload(RegistryClient client, ResolvedImage image, Signer signer, SignOptions options)
      throws SigningException, IOException, CryptoException {
    byte[] body = Files.readAllBytes(ctx.resolve(payload));
    byte[] sig = signer.sign(body);
    if (outputSignature != null) {
      Files.write(ctx.resolve(outputSignature), java.util.Base64.getEncoder().encode(sig));
    }
    if (upload) {
      String where = new SignatureAttacher(client, ctx.clock(), Pauser.jittered()).attachSignature(image, sig,
          Optional.of(body), options.certificatePem(), options.chainPem(), options.targetRepository(),
          options.dockerMediaTypes());
      ctx.err().println("Pushing signature to: " + where);
    }
  }

  private void writeOutputs(SignResult r) throws IOException {
    String b64 = java.util.Base64.getEncoder().encodeToString(r.signature());
    if (outputSignature != null) {
      Files.writeString(ctx.resolve(outputSignature), b64);
    }
    if (outputPayload != null) {
      Files.write(ctx.resolve(outputPayload), r.payload());
    }
    if (outputCertificate != null && keylessCertificate.isPresent()) {
      Files.writeString(ctx.resolve(outputCertificate), keylessCertificate.get());
    } else if (outputCertificate != null && certificates.certificate() != null) {
      Files.writeString(ctx.resolve(outputCertificate), readOptional(certificates.certificate()).orElse(""));
    }
    if (bundle != null) {
      byte[] content = r.format() == SignatureFormat.BUNDLE
          ? r.payload()
          : ("{\"base64Signature\":\"" + b64 + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
      Files.write(ctx.resolve(bundle), content);
    }
  }

  private void warnTag(ImageReference ref) {
    ctx.err().println("WARNING: Image reference " + ref.name() + " uses a tag, not a digest, to identify the image to sign.\n"
        + "    This can lead you to sign a different image than the intended one. Please use a\n"
        + "    digest (example.com/ubuntu@sha256:abc123...) rather than tag\n"
        + "    (example.com/ubuntu:latest) for the input to cosign. The ability to refer to\n"
        + "    images by tag will be removed in a future release.");
  }

  private Optional<String> readOptional(String path) {
    if (path == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readString(ctx.resolve(path)));
    } catch (IOException e) {
      throw new CommandFailure(ExitCodes.FAILURE, "read " + path + ": " + e.getMessage());
    }
  }
}
