package dev.signet.cli.command;

import dev.signet.cli.CliContext;
import dev.signet.cli.CommandFailure;
import dev.signet.cli.ExitCodes;
import dev.signet.cli.options.Failures;
import dev.signet.cli.options.References;
import dev.signet.cli.options.RegistryOptions;
import dev.signet.oci.reference.ImageReference;
import dev.signet.registry.client.RegistryClient;
import dev.signet.sign.ResolvedImage;
import dev.signet.sign.SignatureAttacher;
import dev.signet.sign.SigningException;
import dev.signet.sign.internal.Pauser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code signet attach}: attaches externally made artifacts to an image. */
@Command(name = "attach", description = "Attach signatures, attestations or SBOMs made elsewhere to an image.",
    subcommands = {AttachCommand.Signature.class, AttachAttestationCommand.class, AttachSbomCommand.class})
public final class AttachCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing subcommand: signature, attestation or sbom");
  }

  /** {@code attach signature IMAGE --signature FILE|-|BASE64 [--payload FILE] [--certificate F]}. */
  @Command(name = "signature", description = "Attach a signature (or a Sigstore bundle) to an image.")
  public static final class Signature implements Callable<Integer> {
    private final CliContext ctx;

    @Parameters(index = "0", paramLabel = "IMAGE") String image;

    @Option(names = "--signature", description = "The signature: a file, '-' for stdin, or base64 text.")
    String signature;

    @Option(names = {"--payload", "--bundle"}, description = "The signed payload, or a Sigstore bundle to attach as a referrer.")
    String payload;

    @Option(names = {"--certificate", "--cert"}, description = "Signing certificate (PEM).") String certificate;
    @Option(names = {"--certificate-chain", "--cert-chain"}, description = "Certificate chain (PEM).") String chain;

    @Mixin RegistryOptions registry;

    public Signature(CliContext ctx) {
      this.ctx = ctx;
    }

    @Override
    public Integer call() throws IOException {
      ImageReference ref = References.parse(image);
      RegistryClient client = ImageCommandSupport.client(ctx, registry, ref);
      ResolvedImage resolved = ImageCommandSupport.resolve(client, ref);
      SignatureAttacher attacher = new SignatureAttacher(client, ctx.clock(), Pauser.jittered());
      Optional<byte[]> body = payload == null ? Optional.empty() : Optional.of(read(payload));
      try {
        String where;
        if (body.isPresent() && looksLikeBundle(body.get())) {
          where = attacher.attachBundle(resolved, body.get(), References.targetRepository(ctx));
        } else {
          if (signature == null) {
            throw new CommandFailure(ExitCodes.FAILURE, "--signature is required (a file, '-' for stdin, or base64)");
          }
          where = attacher.attachSignature(resolved, signatureBytes(), body, text(certificate), text(chain),
              References.targetRepository(ctx), References.dockerMediaTypes(ctx));
        }
        ctx.err().println("Attached to " + where);
      } catch (SigningException e) {
        throw Failures.of(e);
      }
      return ExitCodes.OK;
    }

    private byte[] signatureBytes() throws IOException {
      String b64;
      if (signature.equals("-")) {
        b64 = new String(ctx.stdin().readAllBytes(), StandardCharsets.UTF_8);
      } else if (Files.isRegularFile(ctx.resolve(signature))) {
        b64 = Files.readString(ctx.resolve(signature));
      } else {
        b64 = signature;
      }
      try {
        return Base64.getDecoder().decode(b64.trim());
      } catch (IllegalArgumentException e) {
        throw new CommandFailure(ExitCodes.FAILURE,
            "--signature must be base64 (a file holding it, '-' for stdin, or the text itself): " + e.getMessage());
      }
    }

    private static boolean looksLikeBundle(byte[] json) {
      String head = new String(json, 0, Math.min(json.length, 4096), StandardCharsets.UTF_8);
      return head.contains("application/vnd.dev.sigstore.bundle");
    }

    private byte[] read(String path) {
      try {
        return Files.readAllBytes(ctx.resolve(path));
      } catch (IOException e) {
        throw new CommandFailure(ExitCodes.FAILURE, "read " + path + ": " + e.getMessage());
      }
    }

    private Optional<String> text(String path) {
      return path == null ? Optional.empty() : Optional.of(new String(read(path), StandardCharsets.UTF_8));
    }
  }
}
