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
import dev.signet.sign.ArtifactCopier;
import dev.signet.sign.CopyOptions;
import dev.signet.sign.CopyReport;
import dev.signet.sign.ProgressListener;
import dev.signet.sign.SigningException;
import dev.signet.sign.internal.Pauser;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code signet copy SRC DST}: copies an image with every attached artifact — legacy tags and OCI 1.1
 * referrers — so that {@code verify} passes at the destination.
 */
@Command(name = "copy", description = "Copy an image and all its signatures, attestations and SBOMs.")
public final class CopyCommand implements Callable<Integer> {
  private static final Set<String> CATEGORIES = Set.of("sig", "att", "sbom");

  private final CliContext ctx;

  @Parameters(index = "0", paramLabel = "SRC") String source;
  @Parameters(index = "1", paramLabel = "DST") String destination;

  @Option(names = "--only", split = ",", description = "Copy only these accessories: sig, att, sbom.")
  List<String> only;

  @Option(names = "--sig-only", description = "Deprecated: same as --only=sig.") boolean sigOnly;

  @Option(names = {"-f", "--force"}, description = "Overwrite a destination tag that points elsewhere.")
  boolean force;

  @Option(names = "--platform", description = "Accepted for compatibility; whole indexes are copied.")
  String platform;

  @Mixin RegistryOptions registry;

  public CopyCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Set<String> selected = new HashSet<>(only == null ? List.of() : only);
    if (sigOnly) {
      selected.add("sig");
    }
    for (String s : selected) {
      if (!CATEGORIES.contains(s)) {
        throw new CommandFailure(ExitCodes.FAILURE, "unknown --only value " + s + ": use sig, att or sbom");
      }
    }
    ImageReference src = References.parse(source);
    ImageReference dst = References.parse(destination);
    RegistryClient client = ImageCommandSupport.client(ctx, registry, src, dst);
    ProgressListener progress = ctx.interactive() ? new TerminalProgress(ctx) : ProgressListener.NONE;
    try {
      CopyReport report = new ArtifactCopier(client, progress, Pauser.jittered())
          .copy(src, dst, new CopyOptions(selected, force));
      for (Accessory a : report.accessories()) {
        ctx.err().println("Copied " + a.category() + " " + a.digest());
      }
      ctx.err().println("Copied " + src.name() + " to " + dst.name() + " (" + report.subject() + "): "
          + report.accessories().size() + " accessories, " + report.blobsCopied() + " blobs copied, "
          + report.blobsMounted() + " mounted, " + report.blobsSkipped() + " already present");
    } catch (SigningException e) {
      throw Failures.of(e);
    }
    return ExitCodes.OK;
  }

  /** A one-line progress display for large blobs on a terminal. */
  private static final class TerminalProgress implements ProgressListener {
    private final CliContext ctx;

    TerminalProgress(CliContext ctx) {
      this.ctx = ctx;
    }

    @Override
    public void progress(dev.signet.oci.Digest digest, long done, long total) {
      String name = digest.hex().substring(0, 12);
      ctx.err().printf("\rCopying blob %s %6.1f / %6.1f MiB", name, done / 1048576.0, total / 1048576.0);
      if (done >= total) {
        ctx.err().println();
      }
      ctx.err().flush();
    }
  }
}
