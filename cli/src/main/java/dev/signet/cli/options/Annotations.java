package dev.signet.cli.options;

import dev.signet.cli.CommandFailure;
import dev.signet.cli.ExitCodes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code -a key=value} pairs, split on the first '=' as cosign does (values may contain '='). */
public final class Annotations {
  private Annotations() {}

  public static Map<String, String> parse(List<String> pairs) {
    Map<String, String> out = new LinkedHashMap<>();
    if (pairs == null) {
      return out;
    }
    for (String pair : pairs) {
      String[] kv = pair.split("=", 2);
      if (kv.length != 2) {
        throw new CommandFailure(ExitCodes.FAILURE,
            "unable to parse annotation: " + pair + " (expected key=value)");
      }
      out.put(kv[0], kv[1]);
    }
    return out;
  }
}
