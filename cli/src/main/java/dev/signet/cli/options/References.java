package dev.signet.cli.options;

import dev.signet.cli.CommandFailure;
import dev.signet.cli.ExitCodes;
import dev.signet.cli.CliContext;
import dev.signet.oci.reference.ImageReference;
import dev.signet.oci.reference.InvalidReferenceException;
import dev.signet.oci.reference.Repository;
import java.util.Locale;
import java.util.Optional;

/** Parses user input into references, turning parse errors into one-line failures. */
public final class References {
  private References() {}

  public static ImageReference parse(String input) {
    try {
      return ImageReference.parse(input);
    } catch (InvalidReferenceException e) {
      throw new CommandFailure(ExitCodes.FAILURE, e.getMessage());
    }
  }

  /** {@code COSIGN_REPOSITORY}: the whole repository signatures are stored in, if set. */
  public static Optional<Repository> targetRepository(CliContext context) {
    String value = context.env("COSIGN_REPOSITORY");
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Repository.parse(value.trim()));
    } catch (InvalidReferenceException e) {
      throw new CommandFailure(ExitCodes.FAILURE, "COSIGN_REPOSITORY=" + value + " is not a repository: " + e.getMessage());
    }
  }

  /**
   * {@code COSIGN_MAX_ATTACHMENT_SIZE}: the largest signature payload to fetch, in bytes or with a unit
   * ({@code 64MiB}, {@code 1GB}); {@code fallback} when unset.
   */
  public static long maxAttachmentSize(CliContext context, long fallback) {
    String v = context.env("COSIGN_MAX_ATTACHMENT_SIZE");
    if (v == null || v.isBlank()) {
      return fallback;
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)\\s*(\\d+)\\s*(b|kb|kib|mb|mib|gb|gib)?\\s*").matcher(v);
    if (!m.matches()) {
      throw new CommandFailure(ExitCodes.FAILURE,
          "COSIGN_MAX_ATTACHMENT_SIZE=" + v + " is not a size (use bytes, or a unit such as 64MiB)");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
    long factor = switch (unit) {
      case "kb" -> 1000L;
      case "kib" -> 1L << 10;
      case "mb" -> 1000_000L;
      case "mib" -> 1L << 20;
      case "gb" -> 1000_000_000L;
      case "gib" -> 1L << 30;
      default -> 1L;
    };
    return n * factor;
  }

  /** {@code COSIGN_DOCKER_MEDIA_TYPES}, parsed like Go's strconv.ParseBool. */
  public static boolean dockerMediaTypes(CliContext context) {
    String v = context.env("COSIGN_DOCKER_MEDIA_TYPES");
    if (v == null || v.isEmpty()) {
      return false;
    }
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "1", "t", "true" -> true;
      case "0", "f", "false" -> false;
      default -> throw new CommandFailure(ExitCodes.FAILURE,
          "COSIGN_DOCKER_MEDIA_TYPES=" + v + " is not a boolean (use 1/0, true/false)");
    };
  }
}
