package dev.signet.cli.command.registry;

import dev.signet.cli.CliContext;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data DIR}, defaulting to {@code $SIGNET_REGISTRY_DATA}, then {@code ./signet-data}. */
final class DataDirOption {
  static final String ENV = "SIGNET_REGISTRY_DATA";
  static final String DEFAULT = "signet-data";

  @Option(names = "--data", paramLabel = "DIR",
      description = "Registry data directory (default: $SIGNET_REGISTRY_DATA, else ./signet-data).")
  String data;

  Path resolve(CliContext ctx) {
    String v = data != null ? data : ctx.env(ENV) != null && !ctx.env(ENV).isEmpty() ? ctx.env(ENV) : DEFAULT;
    return ctx.resolve(v);
  }
}
