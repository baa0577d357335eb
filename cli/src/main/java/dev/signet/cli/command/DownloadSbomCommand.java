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
import dev.signet.sign.SigningException;
import dev.signet.sign.VerificationPolicy;
import dev.signet.sign.attest.AttachmentReader;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code download sbom IMAGE}: writes the SBOM of the legacy {@code .sbom} image to standard output, as cosign does. */
@Command(name = "sbom", description = "Print the SBOM attached to an image (cosign's legacy .sbom tag).")
public final class DownloadSbomCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(index = "0", paramLabel = "IMAGE") String image;

  @Mixin RegistryOptions registry;

  public DownloadSbomCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    ImageReference ref = References.parse(image);
    RegistryClient client = ImageCommandSupport.client(ctx, registry, ref);
    ResolvedImage resolved = ImageCommandSupport.resolve(client, ref);
    List<AttachmentReader.Sbom> sboms;
    try {
      sboms = new AttachmentReader(client, References.maxAttachmentSize(ctx, VerificationPolicy.DEFAULT_MAX_PAYLOAD_BYTES))
          .sboms(ImageCommandSupport.storage(ctx, ref), resolved.digest());
    } catch (SigningException e) {
      throw Failures.of(e);
    }
    if (sboms.isEmpty()) {
      throw new CommandFailure(ExitCodes.FAILURE, "no SBOM attached to " + ref.name());
    }
    ctx.err().println("WARNING: Downloading SBOMs this way does not ensure its authenticity. If you want to ensure a"
        + " tamper-proof SBOM, download it using 'signet download attestation <image uri>'.");
    for (AttachmentReader.Sbom s : sboms) {
      ctx.err().println("Found SBOM of media type: " + s.mediaType());
      ctx.out().write(s.content(), 0, s.content().length);
    }
    ctx.out().flush();
    return ExitCodes.OK;
  }
}
