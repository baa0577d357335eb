package dev.signet.cli.command;

import dev.signet.cli.CliContext;
import dev.signet.cli.ExitCodes;
import dev.signet.cli.options.Failures;
import dev.signet.cli.options.Inputs;
import dev.signet.cli.options.References;
import dev.signet.cli.options.RegistryOptions;
import dev.signet.oci.reference.ImageReference;
import dev.signet.registry.client.RegistryClient;
import dev.signet.sign.ResolvedImage;
import dev.signet.sign.SigningException;
import dev.signet.sign.attest.SbomAttacher;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code attach sbom --sbom F --type spdx|cyclonedx|syft IMAGE}: cosign's legacy {@code sha256-<hex>.sbom} image. */
@Command(name = "sbom", description = "Attach an SBOM to an image (cosign's legacy .sbom tag).")
public final class AttachSbomCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(index = "0", paramLabel = "IMAGE") String image;

  @Option(names = "--sbom", description = "Path to the SBOM, or '-' for standard input.") String sbom;
  @Option(names = "--type", defaultValue = "spdx", description = "spdx, cyclonedx or syft (default ${DEFAULT-VALUE}).")
  String type;
  @Option(names = "--input-format", description = "json, xml or text (default: json for *.json files).") String inputFormat;
  @Option(names = "--registry-referrers-mode", defaultValue = "legacy",
      description = "legacy (the .sbom tag); oci-1-1 is not supported yet.") String referrersMode;

  @Mixin RegistryOptions registry;

  public AttachSbomCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (!referrersMode.equals("legacy")) {
      throw new dev.signet.cli.CommandFailure(ExitCodes.FAILURE, "--registry-referrers-mode " + referrersMode
          + " is not supported yet for SBOMs; use legacy");
    }
    String mediaType;
    try {
      mediaType = SbomAttacher.mediaType(type, inputFormat, sbom);
    } catch (SigningException e) {
      throw Failures.of(e);
    }
    byte[] content = Inputs.read(ctx, sbom, "SBOM", true);
    ImageReference ref = References.parse(image);
    RegistryClient client = ImageCommandSupport.client(ctx, registry, ref);
    ResolvedImage resolved = ImageCommandSupport.resolve(client, ref);
    try {
      String where = new SbomAttacher(client).attach(resolved, content, mediaType, References.targetRepository(ctx));
      ctx.err().println("Uploading SBOM file for [" + ref.name() + "] to [" + where + "] with mediaType [" + mediaType + "].");
    } catch (SigningException e) {
      throw Failures.of(e);
    }
    return ExitCodes.OK;
  }
}
