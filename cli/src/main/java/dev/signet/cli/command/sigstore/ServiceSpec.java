package dev.signet.cli.command.sigstore;

import dev.signet.cli.CommandFailure;
import dev.signet.cli.ExitCodes;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One {@code --fulcio/--rekor/--ctfe/--tsa} value: {@code key=value,key=value}. */
record ServiceSpec(String flag, Map<String, String> values) {

  static ServiceSpec parse(String flag, String spec, List<String> required, List<String> optional) {
    Map<String, String> kv = new LinkedHashMap<>();
    for (String pair : spec.split(",")) {
      int eq = pair.indexOf('=');
      if (eq < 0) {
        throw new CommandFailure(ExitCodes.FAILURE, flag + ": invalid key-value pair \"" + pair + "\" in \"" + spec + "\"");
      }
      String key = pair.substring(0, eq).trim();
      if (!required.contains(key) && !optional.contains(key)) {
        throw new CommandFailure(ExitCodes.FAILURE, flag + ": unknown key \"" + key + "\" (keys: "
            + String.join(", ", required) + (optional.isEmpty() ? "" : ", " + String.join(", ", optional)) + ")");
      }
      kv.put(key, pair.substring(eq + 1).trim());
    }
    for (String key : required) {
      if (kv.getOrDefault(key, "").isEmpty()) {
        throw new CommandFailure(ExitCodes.FAILURE, flag + ": missing or empty required key \"" + key + "\" in \""
            + spec + "\"");
      }
    }
    return new ServiceSpec(flag, kv);
  }

  String get(String key) {
    return values.get(key);
  }

  Optional<Instant> time(String key) {
    String v = values.getOrDefault(key, "");
    return v.isEmpty() ? Optional.empty() : Optional.of(rfc3339(flag + " " + key, v));
  }

  static Instant rfc3339(String what, String value) {
    try {
      return java.time.OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw new CommandFailure(ExitCodes.FAILURE, what + ": \"" + value + "\" is not an RFC 3339 time"
          + " (e.g. 2024-01-01T00:00:00Z)");
    }
  }
}
