package dev.signet.cli.command;

import dev.signet.cli.CliContext;
import dev.signet.cli.CommandFailure;
import dev.signet.cli.ExitCodes;
import dev.signet.cli.options.Artifacts;
import dev.signet.cli.options.Inputs;
import dev.signet.cli.options.VerifyOptions;
import dev.signet.verify.LegacySignature;
import dev.signet.verify.VerificationException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code signet verify-blob}: cosign's verify-blob, by the verification engine. The artifact is a file or
 * {@code sha256:<hex>}; the signature comes from {@code --bundle} (a v0.3 bundle or cosign's legacy local
 * bundle) or {@code --signature} (with {@code --certificate} for keyless). Prints {@code Verified OK} on
 * standard error.
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
    Artifacts.Named named = Artifacts.parse(ctx, artifact);
    var verifier = VerifyCommands.verifier(ctx, verify);
    var policy = VerifyCommands.policy(ctx, verify);
    try {
      if (bundle != null) {
        BlobSignatures found = BlobSignatures.read(Inputs.read(ctx, bundle, "bundle", false), bundle);
        if (found.bundle().isPresent()) {
          verifier.verify(found.bundle().get(), named.artifact(), policy);
        } else {
          BlobSignatures.Legacy l = found.legacy().orElseThrow();
          LegacySignature legacy = legacySignature(named, l.signature(), l.certificatePem().or(this::certificatePem));
          if (l.rekorBundleJson().isPresent()) {
            legacy = legacy.withRekorBundle(l.rekorBundleJson().get());
          }
          verifier.verify(legacy, named.artifact(), policy);
        }
      } else {
        verifier.verify(legacySignature(named, signatureBytes(), certificatePem()), named.artifact(), policy);
      }
    } catch (VerificationException e) {
      throw VerifyCommands.rejected("verify " + artifact, e);
    }
    ctx.err().println("Verified OK");
    return ExitCodes.OK;
  }

  private LegacySignature legacySignature(Artifacts.Named named, byte[] sig, Optional<String> cert) {
    byte[] payload = named.bytes().orElseThrow(() -> new CommandFailure(ExitCodes.FAILURE,
        "a detached signature is checked over the file's bytes: name the file, not " + artifact));
    LegacySignature legacy = LegacySignature.of(payload, sig);
    return cert.isPresent() ? legacy.withCertificate(cert.get(), verify.certificateChain == null ? null
        : new String(Inputs.read(ctx, verify.certificateChain, "certificate chain", false), StandardCharsets.US_ASCII))
        : legacy;
  }

  private Optional<String> certificatePem() {
    return verify.certificate == null ? Optional.empty()
        : Optional.of(new String(Inputs.read(ctx, verify.certificate, "certificate", false), StandardCharsets.US_ASCII));
  }

  /** {@code --signature}: a file holding base64, or the base64 text itself. */
  private byte[] signatureBytes() {
    String text = Files.isRegularFile(ctx.resolve(signature))
        ? new String(Inputs.read(ctx, signature, "signature", false), StandardCharsets.US_ASCII)
        : signature;
    return BlobSignatures.decode(text, "--signature", "signature");
  }
}
