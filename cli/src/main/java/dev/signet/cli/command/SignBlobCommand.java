package dev.signet.cli.command;

import dev.signet.cli.CliContext;
import dev.signet.cli.CommandFailure;
import dev.signet.cli.ExitCodes;
import dev.signet.cli.options.Failures;
import dev.signet.cli.options.Inputs;
import dev.signet.cli.options.KeyLoader;
import dev.signet.cli.options.SigningServices;
import dev.signet.crypto.Signer;
import dev.signet.crypto.keys.PublicKeys;
import dev.signet.sign.SigningException;
import dev.signet.sign.attest.BlobSigner;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code signet sign-blob}: cosign's sign-blob with a key. v3 (default) writes a Sigstore bundle v0.3 with a
 * {@code messageSignature} to {@code --bundle}; {@code --new-bundle-format=false} prints the base64
 * signature (or writes it to {@code --output-signature}) and {@code --bundle} is cosign's legacy local bundle.
 */
@Command(name = "sign-blob", description = "Sign a file (cosign-compatible).")
public final class SignBlobCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(index = "0", paramLabel = "FILE", description = "The file to sign, or '-' for standard input.")
  String blob;

  @Option(names = "--key", description = "Private key: a cosign.key file or env://VAR.") String key;
  @Option(names = "--bundle", description = "Write the bundle to this file (required with the new bundle format).")
  String bundle;
  @Option(names = "--output-signature", description = "Write the base64 signature to this file.") String outputSignature;
  @Option(names = {"--output-certificate", "--output-cert"}, description = "Write the certificate to this file (keyless only).")
  String outputCertificate;

  @Option(names = "--new-bundle-format", arity = "0..1", fallbackValue = "true", defaultValue = "true",
      description = "Write a Sigstore bundle v0.3 (cosign v3); false gives cosign's legacy outputs.")
  boolean newBundleFormat;

  @Option(names = "--b64", arity = "0..1", fallbackValue = "true", defaultValue = "true",
      description = "Base64-encode the legacy signature output (default true).")
  boolean b64;

  @Option(names = "--tlog-upload", arity = "0..1", fallbackValue = "true", defaultValue = "true",
      description = "Upload to a transparency log if one is configured (none is by default).")
  boolean tlogUpload;

  @Option(names = {"-y", "--yes"}, description = "Skip confirmation prompts.") boolean yes;
  @Option(names = "--rekor-url", description = "Transparency log URL (not supported yet).") String rekorUrl;
  @Option(names = "--fulcio-url", description = "Fulcio URL for keyless signing (not supported yet).") String fulcioUrl;
  @Option(names = "--signing-config", description = "Sigstore signing config (not supported yet).") String signingConfig;
  @Option(names = "--use-signing-config", arity = "0..1", fallbackValue = "true", defaultValue = "false",
      description = "Accepted for compatibility; Signet only uses services you configure.") boolean useSigningConfig;
  @Option(names = "--identity-token", description = "OIDC token for keyless signing (not supported yet).") String identityToken;

  public SignBlobCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    SigningServices.check(key, rekorUrl, signingConfig, fulcioUrl, identityToken);
    if (newBundleFormat && bundle == null) {
      throw new CommandFailure(ExitCodes.FAILURE,
          "--bundle FILE is required with the new bundle format (or sign with --new-bundle-format=false)");
    }
    byte[] content = Inputs.read(ctx, blob, "file", true);
    Signer signer = KeyLoader.signer(key, ctx);
    BlobSigner.SignedBlob signed;
    try {
      signed = BlobSigner.sign(content, signer, Optional.empty(), blob);
    } catch (SigningException e) {
      throw Failures.of(e);
    }
    if (outputSignature != null) {
      Inputs.write(ctx, outputSignature, signatureOutput(signed), "signature");
      ctx.err().println("Signature wrote in the file " + outputSignature);
    }
    if (newBundleFormat) {
      Inputs.write(ctx, bundle, signed.bundle().toJson(), "bundle");
      ctx.err().println("Wrote bundle to file " + bundle);
      return ExitCodes.OK;
    }
    if (outputSignature == null) {
      if (b64) {
        ctx.out().println(signed.base64Signature());
      } else {
        ctx.out().write(signed.signature(), 0, signed.signature().length);
      }
      ctx.out().flush();
    }
    if (bundle != null) {
      Inputs.write(ctx, bundle, BlobSigner.legacyBundle(signed.signature(), PublicKeys.toPem(signer.publicKey())), "bundle");
      ctx.err().println("Wrote bundle to file " + bundle);
    }
    return ExitCodes.OK;
  }

  private byte[] signatureOutput(BlobSigner.SignedBlob signed) {
    return b64 ? signed.base64Signature().getBytes(StandardCharsets.US_ASCII) : signed.signature();
  }
}
