package dev.signet.cli.command;

import dev.signet.cli.CliContext;
import dev.signet.cli.CommandFailure;
import dev.signet.cli.ExitCodes;
import dev.signet.cli.options.Failures;
import dev.signet.cli.options.References;
import dev.signet.cli.options.RegistryOptions;
import dev.signet.oci.reference.ImageReference;
import dev.signet.registry.client.RegistryClient;
import dev.signet.sign.Accessory;
import dev.signet.sign.CleanType;
import dev.signet.sign.ResolvedImage;
import dev.signet.sign.SignatureCleaner;
import dev.signet.sign.SigningException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code signet clean IMAGE}: removes signatures, attestations, SBOMs and bundle referrers. */
@Command(name = "clean", description = "Remove all signatures (and other accessories) from an image.")
public final class CleanCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(index = "0", paramLabel = "IMAGE") String image;

  @Option(names = "--type", defaultValue = "all",
      description = "all, signature, attestation, sbom or referrer (default ${DEFAULT-VALUE}).")
  String type;

  @Option(names = {"-f", "--force"}, description = "Do not ask for confirmation.") boolean force;

  @Mixin RegistryOptions registry;

  public CleanCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws Exception {
    CleanType cleanType;
    try {
      cleanType = CleanType.valueOf(type.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new CommandFailure(ExitCodes.FAILURE,
          "unknown --type " + type + ": use all, signature, attestation, sbom or referrer");
    }
    ImageReference ref = References.parse(image);
    if (!force && !confirm(ref, cleanType)) {
      throw new CommandFailure(ExitCodes.FAILURE, "clean of " + ref + " aborted; pass --force to skip the question");
    }
    RegistryClient client = ImageCommandSupport.client(ctx, registry, ref);
    ResolvedImage resolved = ImageCommandSupport.resolve(client, ref);
    try {
      List<Accessory> removed =
          new SignatureCleaner(client).clean(ImageCommandSupport.storage(ctx, ref), resolved.digest(), cleanType);
      for (Accessory a : removed) {
        ctx.err().println("Removed " + a.category() + " " + a.digest()
            + a.legacyTag().map(k -> " (tag " + dev.signet.cosign.SignatureTags.tag(a.subject(), k) + ")").orElse(""));
      }
      if (removed.isEmpty()) {
        ctx.err().println("Nothing to clean for " + ref);
      }
    } catch (SigningException e) {
      throw Failures.of(e);
    }
    return ExitCodes.OK;
  }

  private boolean confirm(ImageReference ref, CleanType cleanType) throws java.io.IOException {
    String what = switch (cleanType) {
      case SIGNATURE -> "signatures";
      case ATTESTATION -> "attestations";
      case SBOM -> "SBOMs";
      case REFERRER -> "Sigstore bundle referrers";
      case ALL -> "signatures, SBOMs, attestations and referrers";
    };
    ctx.err().print("WARNING: this will remove all " + what + " from " + ref.name()
        + ". Are you sure you want to continue? [y/N] ");
    ctx.err().flush();
    String line = new BufferedReader(new InputStreamReader(ctx.stdin(), StandardCharsets.UTF_8)).readLine();
    if (!ctx.interactive()) {
      ctx.err().println(); // the answer was not echoed: end the prompt line before anything else is printed
    }
    return line != null && (line.trim().equalsIgnoreCase("y") || line.trim().equalsIgnoreCase("yes"));
  }
}
