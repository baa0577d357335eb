package dev.signet.cli.command.sigstore;

import dev.signet.cli.CliContext;
import dev.signet.cli.CommandFailure;
import dev.signet.cli.ExitCodes;
import dev.signet.tuf.TufException;
import dev.signet.tuf.repo.RepositoryConfig;
import dev.signet.tuf.repo.TufRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code signet sigstore rotate}: new keys for TUF roles of a Sigstore data directory. */
@Command(
    name = "rotate",
    description = "Rotate TUF signing keys of the Sigstore services' repository (a new root is signed by the old "
        + "and the new root keys, so clients that trust the old root follow). Run it while the server is stopped.")
public final class SigstoreRotateCommand implements Callable<Integer> {
  private static final List<String> ROLES = List.of(TufRepository.ROOT_ROLE, TufRepository.TARGETS_ROLE,
      TufRepository.SNAPSHOT_ROLE, TufRepository.TIMESTAMP_ROLE);

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show help.")
  boolean help;

  @Option(names = "--data", paramLabel = "DIR",
      description = "Data directory (default: $" + SigstoreServeCommand.DATA_ENV + ", else ./signet-sigstore).")
  String data;

  @Option(names = "--role", paramLabel = "ROLE", split = ",",
      description = "Roles to rotate: root, targets, snapshot, timestamp (default: all four).")
  List<String> roles;

  private final CliContext ctx;

  public SigstoreRotateCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Path dir = ctx.resolve(data != null ? data
        : ctx.env(SigstoreServeCommand.DATA_ENV) != null ? ctx.env(SigstoreServeCommand.DATA_ENV) : "signet-sigstore");
    Path tuf = dir.resolve("tuf");
    if (!Files.isDirectory(tuf)) {
      throw new CommandFailure(ExitCodes.FAILURE, "no TUF repository in " + tuf
          + ": start `signet sigstore serve --data " + dir + "` once first");
    }
    Set<String> chosen = new LinkedHashSet<>(roles == null || roles.isEmpty() ? ROLES : roles);
    for (String r : chosen) {
      if (!ROLES.contains(r)) {
        throw new CommandFailure(ExitCodes.FAILURE, "unknown TUF role \"" + r + "\": use root, targets, snapshot "
            + "or timestamp");
      }
    }
    try {
      TufRepository repo = TufRepository.open(tuf, ctx.clock(), RepositoryConfig.defaults());
      int before = repo.version(TufRepository.ROOT_ROLE);
      repo.rotate(chosen);
      ctx.out().println("Rotated " + String.join(", ", chosen) + " in " + tuf + " (root version " + before + " -> "
          + repo.version(TufRepository.ROOT_ROLE) + ")");
    } catch (TufException e) {
      throw new CommandFailure(ExitCodes.FAILURE, "cannot rotate keys in " + tuf + ": " + e.getMessage(), e);
    }
    return ExitCodes.OK;
  }
}
