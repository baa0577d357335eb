package dev.signet.cli.command;

import dev.signet.cli.CliContext;
import dev.signet.cli.CommandFailure;
import dev.signet.cli.ExitCodes;
import dev.signet.bundle.SigstoreBundle;
import dev.signet.bundle.VerificationMaterial;
import dev.signet.cli.options.Artifacts;
import dev.signet.cli.options.Failures;
import dev.signet.cli.options.Inputs;
import dev.signet.oci.MediaTypes;
import dev.signet.payload.DsseEnvelope;
import dev.signet.payload.PayloadFormatException;
import dev.signet.sign.Pem;
import dev.signet.verify.Artifact;
import dev.signet.verify.VerificationException;
import dev.signet.verify.VerificationPolicy;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
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
 * {@code sha256:<hex>}, or {@code --digest}) as a subject and carry the {@code --type} predicate. Checked
 * by the verification engine; prints {@code Verified OK} on standard error.
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
    Artifact subject = artifact != null && digest == null ? Artifacts.parse(ctx, artifact).artifact()
        : Artifacts.digest(digestAlg + ":" + digest.toLowerCase(java.util.Locale.ROOT));
    SigstoreBundle attestation = attestation();
    var verifier = VerifyCommands.verifier(ctx, verify);
    VerificationPolicy policy = VerifyCommands.policy(ctx, verify).expectingPayloadType(MediaTypes.IN_TOTO);
    try {
      policy = policy.expectingPredicateType(PredicateTypes.resolve(type));
    } catch (SigningException e) {
      throw Failures.of(e);
    }
    if (!checkClaims) {
      policy = policy.withoutClaimCheck();
    }
    try {
      verifier.verify(attestation, subject, policy);
    } catch (VerificationException e) {
      throw VerifyCommands.rejected("verify attestation " + (bundle != null ? bundle : signature), e);
    }
    ctx.err().println("Verified OK");
    return ExitCodes.OK;
  }

  /** The attestation as a bundle: {@code --bundle} as it is, or a DSSE envelope wrapped with the key or certificate. */
  private SigstoreBundle attestation() {
    if (bundle != null) {
      BlobSignatures found = BlobSignatures.read(Inputs.read(ctx, bundle, "bundle", false), bundle);
      if (found.bundle().isPresent()) {
        return found.bundle().get();
      }
      BlobSignatures.Legacy l = found.legacy().orElseThrow();
      return wrap(envelope(l.signature(), bundle), l.certificatePem().or(this::certificatePem));
    }
    byte[] content = Inputs.read(ctx, signature, "signature", false);
    String text = new String(content, StandardCharsets.UTF_8).trim();
    byte[] json = text.startsWith("{") ? content : BlobSignatures.decode(text, signature, "signature");
    return wrap(envelope(json, signature), certificatePem());
  }

  private static DsseEnvelope envelope(byte[] json, String source) {
    try {
      return DsseEnvelope.parse(json);
    } catch (PayloadFormatException e) {
      throw new CommandFailure(ExitCodes.FAILURE, source + " does not hold a DSSE envelope: " + e.getMessage(), e);
    }
  }

  private SigstoreBundle wrap(DsseEnvelope envelope, Optional<String> certificatePem) {
    if (certificatePem.isEmpty()) {
      return SigstoreBundle.ofDsse(VerificationMaterial.publicKey(""), envelope);
    }
    try {
      return SigstoreBundle.ofDsse(VerificationMaterial.certificate(Pem.firstCertificateDer(certificatePem.get())), envelope);
    } catch (SigningException e) {
      throw Failures.of(e);
    }
  }

  private Optional<String> certificatePem() {
    return verify.certificate == null ? Optional.empty()
        : Optional.of(new String(Inputs.read(ctx, verify.certificate, "certificate", false), StandardCharsets.US_ASCII));
  }
}
