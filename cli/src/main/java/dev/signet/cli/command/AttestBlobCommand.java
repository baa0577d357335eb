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
import dev.signet.oci.Digest;
import dev.signet.oci.InvalidDigestException;
import dev.signet.payload.InTotoStatement;
import dev.signet.sign.SigningException;
import dev.signet.sign.attest.AttestationStatements;
import dev.signet.sign.attest.Attestations;
import dev.signet.sign.attest.BlobSigner;
import dev.signet.sign.attest.PredicateTypes;
import dev.signet.sign.attest.SignedAttestation;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
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

  @Option(names = "--key", description = "Private key: a cosign.key file or env://VAR.") String key;
  @Option(names = "--predicate", description = "Path to the predicate file.") String predicate;
  @Option(names = "--type", defaultValue = "custom",
      description = "Predicate type: slsaprovenance|slsaprovenance02|slsaprovenance1|link|spdx|spdxjson|cyclonedx|vuln|openvex|custom, or a URI (default ${DEFAULT-VALUE}).")
  String type;
  @Option(names = "--hash", description = "The file's sha256 hex digest, instead of reading the file.") String hash;
  @Option(names = "--bundle", description = "Write the bundle to this file (required with the new bundle format).")
  String bundle;
  @Option(names = "--output-signature", description = "Write the DSSE envelope to this file.") String outputSignature;
  @Option(names = "--output-attestation", description = "Write the in-toto statement to this file.") String outputAttestation;
  @Option(names = {"--output-certificate", "--output-cert"}, description = "Write the certificate to this file (keyless only).")
  String outputCertificate;

  @Option(names = "--new-bundle-format", arity = "0..1", fallbackValue = "true", defaultValue = "true",
      description = "Write a Sigstore bundle v0.3 (cosign v3); false gives cosign's legacy outputs.")
  boolean newBundleFormat;

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

  public AttestBlobCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    SigningServices.check(key, rekorUrl, signingConfig, fulcioUrl, identityToken);
    if (predicate == null || predicate.isEmpty()) {
      throw new CommandFailure(ExitCodes.FAILURE, "--predicate FILE is required (the predicate cannot be empty)");
    }
    if (newBundleFormat && bundle == null) {
      throw new CommandFailure(ExitCodes.FAILURE,
          "--bundle FILE is required with the new bundle format (or attest with --new-bundle-format=false)");
    }
    try {
      PredicateTypes.resolve(type); // an unknown --type fails before any file or key is read
    } catch (SigningException e) {
      throw Failures.of(e);
    }
    byte[] predicateBytes = Inputs.read(ctx, predicate, "predicate", false);
    Digest digest = hash != null ? parseHash(hash) : Digest.sha256(Inputs.read(ctx, blob, "file", false));
    Path name = Path.of(blob).getFileName();
    Signer signer = KeyLoader.signer(key, ctx);
    SignedAttestation signed;
    try {
      InTotoStatement statement = AttestationStatements.generate(type, predicateBytes,
          name == null ? blob : name.toString(), digest, ctx.clock().instant());
      signed = Attestations.sign(statement, signer, Optional.empty());
    } catch (SigningException e) {
      throw Failures.of(e);
    }
    if (outputAttestation != null) {
      Inputs.write(ctx, outputAttestation, signed.statement().toJson(), "attestation");
    }
    if (newBundleFormat) {
      if (outputSignature != null) {
        Inputs.write(ctx, outputSignature, signed.envelope().toLegacyJson(), "signature");
      }
      Inputs.write(ctx, bundle, signed.bundle().toJson(), "bundle");
      ctx.err().println("Wrote bundle to file " + bundle);
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
    if (bundle != null) {
      Inputs.write(ctx, bundle, BlobSigner.legacyBundle(envelope, PublicKeys.toPem(signer.publicKey())), "bundle");
      ctx.err().println("Wrote bundle to file " + bundle);
    }
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
