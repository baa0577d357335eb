package dev.signet.cli.command;

import dev.signet.cli.CliContext;
import dev.signet.cli.CommandFailure;
import dev.signet.cli.ExitCodes;
import dev.signet.cli.options.Failures;
import dev.signet.cli.options.Inputs;
import dev.signet.cli.options.References;
import dev.signet.cli.options.RegistryOptions;
import dev.signet.oci.reference.ImageReference;
import dev.signet.registry.client.RegistryClient;
import dev.signet.sign.ResolvedImage;
import dev.signet.sign.SignatureAttacher;
import dev.signet.sign.SigningException;
import dev.signet.sign.attest.ImageAttester;
import dev.signet.sign.internal.Pauser;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code attach attestation --attestation F... IMAGE}: appends signed DSSE envelopes made elsewhere to the
 * image's legacy {@code sha256-<hex>.att} image, as cosign does; a Sigstore bundle file is attached as a
 * v3 referrer instead.
 */
@Command(name = "attestation", description = "Attach signed DSSE attestations (or bundles) to an image.")
public final class AttachAttestationCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(index = "0", paramLabel = "IMAGE") String image;

  @Option(names = "--attestation", description = "Path to a signed DSSE envelope (repeatable).")
  List<String> attestations;

  @Mixin RegistryOptions registry;

  public AttachAttestationCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (attestations == null || attestations.isEmpty()) {
      throw new CommandFailure(ExitCodes.FAILURE, "--attestation FILE is required (a signed DSSE envelope)");
    }
    List<byte[]> contents = attestations.stream().map(a -> Inputs.read(ctx, a, "attestation", false)).toList();
    ImageReference ref = References.parse(image);
    RegistryClient client = ImageCommandSupport.client(ctx, registry, ref);
    ResolvedImage resolved = ImageCommandSupport.resolve(client, ref);
    ImageAttester attester = new ImageAttester(client, ctx.clock(), Pauser.jittered());
    try {
      for (int i = 0; i < contents.size(); i++) {
        byte[] content = contents.get(i);
        String where = looksLikeBundle(content)
            ? new SignatureAttacher(client, ctx.clock(), Pauser.jittered())
                .attachBundle(resolved, content, References.targetRepository(ctx))
            : attester.attachEnvelope(resolved, content, attestations.get(i), References.targetRepository(ctx),
                References.dockerMediaTypes(ctx));
        ctx.err().println("Attached " + attestations.get(i) + " to " + where);
      }
    } catch (SigningException e) {
      throw Failures.of(e);
    }
    return ExitCodes.OK;
  }

  private static boolean looksLikeBundle(byte[] json) {
    String head = new String(json, 0, Math.min(json.length, 4096), StandardCharsets.UTF_8);
    return head.contains("\"mediaType\"") && head.contains("application/vnd.dev.sigstore.bundle");
  }
}
