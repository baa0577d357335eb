package dev.signet.cli.command;

import dev.signet.cli.CliContext;
import dev.signet.cli.CommandFailure;
import dev.signet.cli.ExitCodes;
import dev.signet.cli.options.BlobBundleFlags;
import dev.signet.cli.options.Failures;
import dev.signet.cli.options.Inputs;
import dev.signet.cli.options.PredicateFlags;
import dev.signet.cli.options.SigningFlags;
import dev.signet.cli.options.SigningSetup;
import dev.signet.crypto.Signer;
import dev.signet.oci.Digest;
import dev.signet.oci.InvalidDigestException;
import dev.signet.payload.InTotoStatement;
import dev.signet.sign.SigningException;
import dev.signet.sign.attest.AttestationStatements;
import dev.signet.sign.attest.Attestations;
import dev.signet.sign.attest.SignedAttestation;
import dev.signet.sign.keyless.RekorEntries;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code signet attest-blob}: an in-toto statement about a file (subject: the file name and its sha256)
 * signed into a DSSE envelope. v3 (default) writes it as a Sigstore bundle v0.3 to {@code --bundle};
 * {@code --new-bundle-format=false} prints the envelope (or writes it to {@code --output-signature}).
 */
@Command(name = "attest-blob", description = "Attest to a file with an in-toto statement (cosign-compatible).")
public final class AttestBlobCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(index = "0", paramLabel = "FILE", description = "The file the statement is about.") String blob;

  @Mixin SigningFlags signing;
  @Mixin PredicateFlags predicate;
  @Mixin BlobBundleFlags bundle;

  @Option(names = "--hash", description = "The file's sha256 hex digest, instead of reading the file.") String hash;
  @Option(names = "--output-signature", description = "Write the DSSE envelope to this file.") String outputSignature;
  @Option(names = "--output-attestation", description = "Write the in-toto statement to this file.") String outputAttestation;

  public AttestBlobCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    signing.check();
    predicate.requirePredicate();
    bundle.requireBundle("attest");
    predicate.checkType(); // an unknown --type fails before any file or key is read
    byte[] predicateBytes = predicate.read(ctx);
    Digest digest = hash != null ? parseHash(hash) : Digest.sha256(Inputs.read(ctx, blob, "file", false));
    Path name = Path.of(blob).getFileName();
    SigningSetup.requireBundleFormat(signing, bundle.newBundleFormat(), "attest-blob");
    SigningSetup.Signing setup = SigningSetup.resolve(signing, ctx, RekorEntries.DsseEntryType.INTOTO);
    Signer signer = setup.signer();
    SignedAttestation signed;
    try {
      InTotoStatement statement = AttestationStatements.generate(predicate.type(), predicateBytes,
          name == null ? blob : name.toString(), digest, ctx.clock().instant());
      signed = Attestations.sign(statement, signer, setup.certificatePem());
      signed = new SignedAttestation(signed.statement(), signed.envelope(), setup.witness().witness(signed.bundle()));
    } catch (SigningException e) {
      throw Failures.of(e);
    }
    bundle.writeCertificate(ctx, setup.certificatePem());
    if (outputAttestation != null) {
      Inputs.write(ctx, outputAttestation, signed.statement().toJson(), "attestation");
    }
    if (bundle.newBundleFormat()) {
      if (outputSignature != null) {
        Inputs.write(ctx, outputSignature, signed.envelope().toLegacyJson(), "signature");
      }
      bundle.writeBundle(ctx, signed.bundle().toJson());
      return ExitCodes.OK;
    }
    byte[] envelope = signed.envelope().toLegacyJson();
    if (outputSignature != null) {
      Inputs.write(ctx, outputSignature, envelope, "signature");
      ctx.err().println("Signature written in " + outputSignature);
    } else {
      ctx.out().println(new String(envelope, java.nio.charset.StandardCharsets.UTF_8));
      ctx.out().flush();
    }
    bundle.writeLegacyBundle(ctx, envelope, signer);
    return ExitCodes.OK;
  }

  private static Digest parseHash(String hex) {
    String value = hex.startsWith("sha256:") ? hex : "sha256:" + hex;
    try {
      return Digest.parse(value);
    } catch (InvalidDigestException e) {
      throw new CommandFailure(ExitCodes.FAILURE, "--hash " + hex + " is not a sha256 hex digest: " + e.getMessage());
    }
  }
}
