package dev.signet.cli.command;

import dev.signet.cli.CliContext;
import dev.signet.cli.ExitCodes;
import dev.signet.cli.options.Failures;
import dev.signet.cli.options.References;
import dev.signet.cli.options.RegistryOptions;
import dev.signet.oci.reference.ImageReference;
import dev.signet.registry.client.RegistryClient;
import dev.signet.sign.AccessoryScanner;
import dev.signet.sign.ArtifactCopier;
import dev.signet.sign.CopyOptions;
import dev.signet.sign.CopyReport;
import dev.signet.sign.ProgressListener;
import dev.signet.sign.SigningException;
import dev.signet.sign.internal.Pauser;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code signet promote SRC DST}: moves an artifact to another repository or project together with
 * everything attached to it, then checks that the destination lists as many accessories as the source,
 * so {@code verify} on DST passes at once. Within one registry blobs are mounted, never re-uploaded.
 */
@Command(name = "promote", description = "Promote an image with all its signatures, attestations and SBOMs.")
public final class PromoteCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(index = "0", paramLabel = "SRC") String source;
  @Parameters(index = "1", paramLabel = "DST") String destination;

  @Option(names = {"-f", "--force"}, description = "Move a destination tag that points elsewhere.") boolean force;

  @Mixin RegistryOptions registry;

  public PromoteCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    ImageReference src = References.parse(source);
    ImageReference dst = References.parse(destination);
    RegistryClient client = ImageCommandSupport.client(ctx, registry, src, dst);
    try {
      CopyReport report = new ArtifactCopier(client, ProgressListener.NONE, Pauser.jittered())
          .copy(src, dst, new CopyOptions(java.util.Set.of(), force));
      AccessoryScanner scanner = new AccessoryScanner(client);
      int there = 0;
      for (var subject : report.accessories().stream().map(a -> a.subject()).distinct().toList()) {
        there += scanner.scan(dst.repository(), subject).size();
      }
      ctx.err().println("Promoted " + src.name() + " to " + dst.name() + " (" + report.subject() + "): "
          + report.accessories().size() + " accessories copied, " + there + " attached at the destination; "
          + report.blobsMounted() + " blobs mounted, " + report.blobsCopied() + " uploaded");
      if (there < report.accessories().size()) {
        throw Failures.of(new SigningException("promote " + dst + ": the destination lists " + there
            + " accessories but " + report.accessories().size() + " were copied"));
      }
    } catch (SigningException e) {
      throw Failures.of(e);
    }
    return ExitCodes.OK;
  }
}
