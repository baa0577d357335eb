package dev.signet.registry.client.auth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One challenge of a {@code WWW-Authenticate} header (RFC 7235): a scheme ({@code basic}, {@code bearer},
 * lower-cased) and its parameters ({@code realm}, {@code service}, {@code scope}, {@code error}; names
 * lower-cased, quoted values unescaped).
 */
public record Challenge(String scheme, Map<String, String> params) {

  public Challenge {
    scheme = scheme.toLowerCase(Locale.ROOT);
    params = Map.copyOf(params);
  }

  public Optional<String> param(String name) {
    return Optional.ofNullable(params.get(name.toLowerCase(Locale.ROOT)));
  }

  public boolean isBearer() {
    return "bearer".equals(scheme);
  }

  public boolean isBasic() {
    return "basic".equals(scheme);
  }

  /** Every challenge in the given header values (several per value are allowed, comma-separated). */
  public static List<Challenge> parseAll(List<String> headerValues) {
    List<Challenge> out = new ArrayList<>();
    for (String value : headerValues) {
      parse(value, out);
    }
    return out;
  }

  private static void parse(String header, List<Challenge> out) {
    int i = 0;
    int n = header.length();
    String scheme = null;
    Map<String, String> params = new LinkedHashMap<>();
    while (i < n) {
      while (i < n && (header.charAt(i) == ' ' || header.charAt(i) == ',' || header.charAt(i) == '\t')) {
        i++;
      }
      int start = i;
      while (i < n && header.charAt(i) != ' ' && header.charAt(i) != '=' && header.charAt(i) != ',') {
        i++;
      }
      if (start == i) {
        break;
      }
      String token = header.substring(start, i);
      int j = i;
      while (j < n && header.charAt(j) == ' ') {
        j++;
      }
      if (j < n && header.charAt(j) == '=' && scheme != null) {
        i = j + 1;
        while (i < n && header.charAt(i) == ' ') {
          i++;
        }
        StringBuilder value = new StringBuilder();
        i = readValue(header, i, value);
        params.put(token.toLowerCase(Locale.ROOT), value.toString());
      } else {
        if (scheme != null) {
          out.add(new Challenge(scheme, params));
        }
        scheme = token;
        params = new LinkedHashMap<>();
      }
    }
    if (scheme != null) {
      out.add(new Challenge(scheme, params));
    }
  }

  private static int readValue(String s, int i, StringBuilder value) {
    int n = s.length();
    if (i < n && s.charAt(i) == '"') {
      i++;
      while (i < n && s.charAt(i) != '"') {
        if (s.charAt(i) == '\\' && i + 1 < n) {
          i++;
        }
        value.append(s.charAt(i++));
      }
      return i + 1;
    }
    while (i < n && s.charAt(i) != ',' && s.charAt(i) != ' ') {
      value.append(s.charAt(i++));
    }
    return i;
  }
}
