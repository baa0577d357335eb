package dev.signet.cli.command;

import dev.signet.cli.CliContext;
import dev.signet.cli.ExitCodes;
import dev.signet.cli.options.Annotations;
import dev.signet.cli.options.References;
import dev.signet.cli.options.RegistryOptions;
import dev.signet.oci.reference.ImageReference;
import dev.signet.payload.SimpleSigningPayload;
import dev.signet.sign.ResolvedImage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code signet generate IMAGE}: prints the simple-signing payload cosign would sign (no newline). */
@Command(name = "generate", description = "Print the signature payload for an image (deprecated in cosign).")
public final class GenerateCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(index = "0", paramLabel = "IMAGE") String image;

  @Option(names = {"-a", "--annotations"}, split = ",", description = "Extra key=value pairs.") List<String> annotations;

  @Mixin RegistryOptions registry;

  public GenerateCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    ImageReference ref = References.parse(image);
    ResolvedImage resolved = ImageCommandSupport.resolve(ImageCommandSupport.client(ctx, registry, ref), ref);
    Map<String, String> a = Annotations.parse(annotations);
    byte[] payload = SimpleSigningPayload.of(ref.repository().name(), resolved.digest(), a.isEmpty() ? null : a).toJson();
    ctx.out().write(payload, 0, payload.length);
    ctx.out().flush();
    return ExitCodes.OK;
  }
}
