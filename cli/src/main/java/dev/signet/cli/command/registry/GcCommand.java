package dev.signet.cli.command.registry;

import dev.signet.cli.CliContext;
import dev.signet.cli.CommandFailure;
import dev.signet.cli.ExitCodes;
import dev.signet.registry.server.service.GarbageCollector;
import dev.signet.registry.server.service.GcReport;
import dev.signet.registry.server.service.Registry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code signet registry gc}: garbage collection against a data directory. */
@Command(
    name = "gc",
    description = {
        "Remove unreferenced manifests and blobs older than the grace period.",
        "Tags are the roots; every accessory of a live subject (signatures, attestations, SBOMs,",
        "referrers, earlier legacy signatures) is kept. May run while a server uses the directory,",
        "but the server's own --gc-interval is better: it also spares blobs clients were just shown."})
public final class GcCommand implements Callable<Integer> {

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show help.")
  boolean help;

  @Mixin DataDirOption data = new DataDirOption();

  @Option(names = "--dry-run", description = "List what would be removed; remove nothing.")
  boolean dryRun;

  @Option(names = "--grace", paramLabel = "DURATION", description = "Keep content younger than this (default: 1h).")
  String grace;

  private final CliContext ctx;

  public GcCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Path dir = data.resolve(ctx);
    if (!Files.isDirectory(dir)) {
      throw new CommandFailure(ExitCodes.FAILURE, "no registry data directory at " + dir);
    }
    Duration g;
    try {
      g = grace == null ? GarbageCollector.DEFAULT_GRACE : Durations.parse(grace);
    } catch (IllegalArgumentException e) {
      throw new CommandFailure(ExitCodes.FAILURE, e.getMessage());
    }
    try (Registry registry = Registry.open(dir, ctx.clock(), false)) {
      GcReport report = registry.gc().run(g, dryRun);
      String verb = dryRun ? "would remove " : "removed ";
      report.manifests().forEach(m -> ctx.out().println(verb + "manifest " + m));
      report.blobs().forEach(b -> ctx.out().println(verb + "blob " + b.digest() + " (" + b.size() + " bytes)"));
      report.uploads().forEach(u -> ctx.out().println(verb + "upload " + u));
      ctx.out().println(report.summary());
    }
    return ExitCodes.OK;
  }
}
