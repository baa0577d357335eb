package dev.signet.cli.command;

import dev.signet.cli.CliContext;
import dev.signet.cli.CommandFailure;
import dev.signet.cli.ExitCodes;
import dev.signet.cli.options.References;
import dev.signet.cli.options.RegistryOptions;
import dev.signet.cosign.SignatureTags;
import dev.signet.oci.reference.ImageReference;
import dev.signet.oci.reference.Repository;
import dev.signet.sign.ResolvedImage;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code signet triangulate IMAGE}: prints where cosign stores an image's signatures. */
@Command(name = "triangulate", description = "Print the location of an image's signatures, attestations or SBOM.")
public final class TriangulateCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(index = "0", paramLabel = "IMAGE") String image;

  @Option(names = "--type", defaultValue = "signature",
      description = "signature, attestation, sbom or digest (default ${DEFAULT-VALUE}).")
  String type;

  @Option(names = "--attachment-tag-prefix", defaultValue = "", description = "Prefix for attachment tags.")
  String prefix;

  @Mixin RegistryOptions registry;

  public TriangulateCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (!java.util.Set.of("signature", "attestation", "sbom", "digest").contains(type)) {
      throw new CommandFailure(ExitCodes.FAILURE, // before any registry call
          "unknown --type " + type + ": use signature, attestation, sbom or digest");
    }
    ImageReference ref = References.parse(image);
    ResolvedImage resolved = ImageCommandSupport.resolve(ImageCommandSupport.client(ctx, registry, ref), ref);
    Repository repo = ImageCommandSupport.storage(ctx, ref);
    String out = switch (type) {
      case "signature" -> repo.name() + ":" + SignatureTags.tag(prefix, resolved.digest(), SignatureTags.Kind.SIGNATURE);
      case "attestation" -> repo.name() + ":" + SignatureTags.tag(prefix, resolved.digest(), SignatureTags.Kind.ATTESTATION);
      case "sbom" -> repo.name() + ":" + SignatureTags.tag(prefix, resolved.digest(), SignatureTags.Kind.SBOM);
      case "digest" -> ref.repository().name() + "@" + resolved.digest();
      default -> throw new CommandFailure(ExitCodes.FAILURE,
          "unknown --type " + type + ": use signature, attestation, sbom or digest");
    };
    ctx.out().println(out);
    return ExitCodes.OK;
  }
}
