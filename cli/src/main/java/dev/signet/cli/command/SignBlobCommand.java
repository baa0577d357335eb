package dev.signet.cli.command;

import dev.signet.cli.CliContext;
import dev.signet.cli.ExitCodes;
import dev.signet.cli.options.BlobBundleFlags;
import dev.signet.cli.options.Failures;
import dev.signet.cli.options.Inputs;
import dev.signet.cli.options.SigningFlags;
import dev.signet.cli.options.SigningSetup;
import dev.signet.crypto.Signer;
import dev.signet.sign.SigningException;
import dev.signet.sign.attest.BlobSigner;
import dev.signet.sign.keyless.RekorEntries;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

  @Mixin SigningFlags signing;
  @Mixin BlobBundleFlags bundle;

  @Option(names = "--output-signature", description = "Write the base64 signature to this file.") String outputSignature;

  @Option(names = "--b64", arity = "0..1", fallbackValue = "true", defaultValue = "true",
      description = "Base64-encode the legacy signature output (default true).")
  boolean b64;

  public SignBlobCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    signing.check();
    bundle.requireBundle("sign");
    SigningSetup.requireBundleFormat(signing, bundle.newBundleFormat(), "sign-blob");
    byte[] content = Inputs.read(ctx, blob, "file", true);
    SigningSetup.Signing setup = SigningSetup.resolve(signing, ctx, RekorEntries.DsseEntryType.INTOTO);
    Signer signer = setup.signer();
    BlobSigner.SignedBlob signed;
    try {
      signed = BlobSigner.sign(content, signer, setup.certificatePem(), blob);
      signed = new BlobSigner.SignedBlob(signed.signature(), setup.witness().witness(signed.bundle()));
    } catch (SigningException e) {
      throw Failures.of(e);
    }
    bundle.writeCertificate(ctx, setup.certificatePem());
    if (outputSignature != null) {
      Inputs.write(ctx, outputSignature, signatureOutput(signed), "signature");
      ctx.err().println("Signature wrote in the file " + outputSignature);
    }
    if (bundle.newBundleFormat()) {
      bundle.writeBundle(ctx, signed.bundle().toJson());
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
    bundle.writeLegacyBundle(ctx, signed.signature(), signer);
    return ExitCodes.OK;
  }

  private byte[] signatureOutput(BlobSigner.SignedBlob signed) {
    return b64 ? signed.base64Signature().getBytes(StandardCharsets.US_ASCII) : signed.signature();
  }
}
