package dev.signet.cli.options;

import dev.signet.cli.CliContext;
import dev.signet.cli.CommandFailure;
import dev.signet.cli.ExitCodes;
import dev.signet.sign.SigningException;
import dev.signet.sign.attest.PredicateTypes;
import picocli.CommandLine.Option;

/** {@code --predicate} and {@code --type} of {@code attest} and {@code attest-blob} (a picocli mixin). */
public final class PredicateFlags {
  @Option(names = "--predicate", description = "Path to the predicate file.") String predicate;
  @Option(names = "--type", defaultValue = "custom",
      description = "Predicate type: slsaprovenance|slsaprovenance02|slsaprovenance1|link|spdx|spdxjson|cyclonedx|vuln|openvex|custom, or a URI (default ${DEFAULT-VALUE}).")
  String type;

  /** The {@code --type} value as given (a short name or a URI). */
  public String type() {
    return type;
  }

  /** Fails when no predicate file was named. */
  public void requirePredicate() {
    if (predicate == null || predicate.isEmpty()) {
      throw new CommandFailure(ExitCodes.FAILURE, "--predicate FILE is required (the predicate cannot be empty)");
    }
  }

  /** Fails on an unknown {@code --type}, before any file, key or registry is touched. */
  public void checkType() {
    try {
      PredicateTypes.resolve(type);
    } catch (SigningException e) {
      throw Failures.of(e);
    }
  }

  /** The predicate file's bytes. */
  public byte[] read(CliContext ctx) {
    return Inputs.read(ctx, predicate, "predicate", false);
  }
}
