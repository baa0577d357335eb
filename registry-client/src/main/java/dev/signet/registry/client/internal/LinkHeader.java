package dev.signet.registry.client.internal;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/** Finds the {@code rel="next"} target of RFC 8288 {@code Link} headers, resolved against the request. */
final class LinkHeader {
  private LinkHeader() {}

  static Optional<URI> next(List<String> values, URI requestUri) {
    for (String value : values) {
      for (String link : splitLinks(value)) {
        int open = link.indexOf('<');
        int close = link.indexOf('>', open + 1);
        if (open < 0 || close < 0) {
          continue;
        }
        for (String param : link.substring(close + 1).split(";")) {
          String p = param.trim();
          int eq = p.indexOf('=');
          if (eq < 0 || !p.substring(0, eq).trim().equalsIgnoreCase("rel")) {
            continue;
          }
          String rel = p.substring(eq + 1).trim().replace("\"", "");
          for (String r : rel.split(" ")) {
            if (r.equalsIgnoreCase("next")) {
              try {
                return Optional.of(requestUri.resolve(link.substring(open + 1, close).trim()));
              } catch (IllegalArgumentException e) {
                return Optional.empty();
              }
            }
          }
        }
      }
    }
    return Optional.empty();
  }

  /** Splits on commas that are outside {@code <…>} and quotes. */
  private static List<String> splitLinks(String value) {
    List<String> out = new java.util.ArrayList<>();
    boolean inUri = false;
    boolean inQuote = false;
    int start = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '<' && !inQuote) {
        inUri = true;
      } else if (c == '>' && !inQuote) {
        inUri = false;
      } else if (c == '"' && !inUri) {
        inQuote = !inQuote;
      } else if (c == ',' && !inUri && !inQuote) {
        out.add(value.substring(start, i));
        start = i + 1;
      }
    }
    out.add(value.substring(start));
    return out;
  }
}
