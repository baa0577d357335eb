package dev.signet.cli.options;

import dev.signet.cli.CliContext;
import dev.signet.cli.CommandFailure;
import dev.signet.cli.ExitCodes;
import dev.signet.crypto.Signer;
import dev.signet.crypto.keys.PublicKeys;
import dev.signet.sign.attest.BlobSigner;
import picocli.CommandLine.Option;

/**
 * The bundle flags of {@code sign-blob} and {@code attest-blob} (a picocli mixin) and the writes they ask for:
 * v3 (default) needs {@code --bundle} for the Sigstore bundle; {@code --new-bundle-format=false} makes it
 * optional and writes cosign's legacy local bundle there.
 */
public final class BlobBundleFlags {
  @Option(names = "--bundle", description = "Write the bundle to this file (required with the new bundle format).")
  String bundle;
  @Option(names = {"--output-certificate", "--output-cert"}, description = "Write the certificate to this file (keyless only).")
  String outputCertificate;

  @Option(names = "--new-bundle-format", arity = "0..1", fallbackValue = "true", defaultValue = "true",
      description = "Write a Sigstore bundle v0.3 (cosign v3); false gives cosign's legacy outputs.")
  boolean newBundleFormat;

  public boolean newBundleFormat() {
    return newBundleFormat;
  }

  /** Fails when the new bundle format has nowhere to go; {@code verb} names the command's action ("sign"). */
  public void requireBundle(String verb) {
    if (newBundleFormat && bundle == null) {
      throw new CommandFailure(ExitCodes.FAILURE,
          "--bundle FILE is required with the new bundle format (or " + verb + " with --new-bundle-format=false)");
    }
  }

  /** Writes the keyless signing certificate (PEM) to {@code --output-certificate}, if both exist. */
  public void writeCertificate(CliContext ctx, java.util.Optional<String> certificatePem) {
    if (outputCertificate != null && certificatePem.isPresent()) {
      Inputs.write(ctx, outputCertificate, certificatePem.get().getBytes(java.nio.charset.StandardCharsets.US_ASCII),
          "certificate");
    }
  }

  /** Writes the Sigstore bundle JSON to {@code --bundle}. */
  public void writeBundle(CliContext ctx, byte[] json) {
    Inputs.write(ctx, bundle, json, "bundle");
    ctx.err().println("Wrote bundle to file " + bundle);
  }

  /** Writes cosign's legacy local bundle for {@code signature} to {@code --bundle}, if one was named. */
  public void writeLegacyBundle(CliContext ctx, byte[] signature, Signer signer) {
    if (bundle != null) {
      writeBundle(ctx, BlobSigner.legacyBundle(signature, PublicKeys.toPem(signer.publicKey())));
    }
  }
}
