package dev.signet.cli.command.registry;

import dev.signet.cli.CliContext;
import dev.signet.cli.CommandFailure;
import dev.signet.cli.ExitCodes;
import dev.signet.registry.server.service.FsckReport;
import dev.signet.registry.server.service.Registry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code signet registry fsck}: checks a data directory; exits non-zero on any inconsistency. */
@Command(
    name = "fsck",
    description = {
        "Check a registry data directory for inconsistencies.",
        "Every blob's content must match its digest, every manifest's bytes must match its digest,",
        "and everything a manifest references must exist. Exits 1 when anything is inconsistent."})
public final class FsckCommand implements Callable<Integer> {

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show help.")
  boolean help;

  @Mixin DataDirOption data = new DataDirOption();

  private final CliContext ctx;

  public FsckCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Path dir = data.resolve(ctx);
    if (!Files.isDirectory(dir)) {
      throw new CommandFailure(ExitCodes.FAILURE, "no registry data directory at " + dir);
    }
    FsckReport report;
    try (Registry registry = Registry.open(dir, ctx.clock(), false)) {
      report = registry.fsck().run();
    }
    report.problems().forEach(p -> ctx.out().println(p));
    ctx.out().println("checked " + report.manifests() + " manifests and " + report.blobs() + " blobs: "
        + (report.clean() ? "no problems" : report.problems().size() + " problems"));
    if (!report.clean()) {
      throw new CommandFailure(ExitCodes.FAILURE, report.problems().size() + " inconsistencies in " + dir);
    }
    return ExitCodes.OK;
  }
}
