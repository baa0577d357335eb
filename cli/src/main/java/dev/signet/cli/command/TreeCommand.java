package dev.signet.cli.command;

import dev.signet.cli.CliContext;
import dev.signet.cli.ExitCodes;
import dev.signet.cli.options.Failures;
import dev.signet.cli.options.References;
import dev.signet.cli.options.RegistryOptions;
import dev.signet.cosign.SignatureTags;
import dev.signet.oci.reference.ImageReference;
import dev.signet.registry.client.RegistryClient;
import dev.signet.sign.Accessory;
import dev.signet.sign.AccessoryScanner;
import dev.signet.sign.ResolvedImage;
import dev.signet.sign.SigningException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code signet tree IMAGE}: the supply-chain artifacts attached to an image, legacy tags and referrers. */
@Command(name = "tree", description = "Display the signatures, attestations and SBOMs attached to an image.")
public final class TreeCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(index = "0", paramLabel = "IMAGE") String image;

  @Mixin RegistryOptions registry;

  public TreeCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    ImageReference ref = References.parse(image);
    RegistryClient client = ImageCommandSupport.client(ctx, registry, ref);
    ResolvedImage resolved = ImageCommandSupport.resolve(client, ref);
    try {
      List<Accessory> accessories =
          new AccessoryScanner(client).scan(ImageCommandSupport.storage(ctx, ref), resolved.digest());
      ctx.out().println("📦 Supply Chain Security Related artifacts for an image: " + ref.name());
      if (accessories.isEmpty()) {
        ctx.out().println("No Supply Chain Security Related Artifacts found for image " + ref.name()
            + ",\n start creating one with simply running$ signet sign <img>");
      }
      print(accessories, "", ref);
    } catch (SigningException e) {
      throw Failures.of(e);
    }
    return ExitCodes.OK;
  }

  private void print(List<Accessory> accessories, String indent, ImageReference ref) {
    for (int i = 0; i < accessories.size(); i++) {
      Accessory a = accessories.get(i);
      boolean last = i == accessories.size() - 1;
      String branch = indent + (last ? "└── " : "├── ");
      String label = a.legacyTag()
          .map(k -> icon(a.category()) + " " + title(a.category()) + "s for an image tag: "
              + ImageCommandSupport.storage(ctx, ref).name() + ":" + SignatureTags.tag(a.subject(), k))
          .orElse(icon(a.category()) + " " + a.type() + " referrer" + a.artifactType().map(t -> " (" + t + ")").orElse(""));
      ctx.out().println(branch + label);
      ctx.out().println(indent + (last ? "    " : "│   ") + "└── 🍒 " + a.digest());
      print(a.children(), indent + (last ? "    " : "│   "), ref);
    }
  }

  private static String icon(String category) {
    return switch (category) {
      case "sig" -> "🔐";
      case "att" -> "💾";
      case "sbom" -> "📦";
      default -> "🔗";
    };
  }

  private static String title(String category) {
    return switch (category) {
      case "sig" -> "Signature";
      case "att" -> "Attestation";
      case "sbom" -> "SBOM";
      default -> "Artifact";
    };
  }
}
