package dev.signet.registry.server.service;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A media type as RFC 6838 / RFC 9110 read it: {@code type "/" subtype *( OWS ";" OWS parameter )}, type
 * and subtype case-insensitive. Only the essence ({@code type/subtype} in lower case) decides what a
 * descriptor is: {@code application/vnd.oci.image.config.v1+JSON}, {@code …+json ;charset=utf-8} and
 * {@code …+json } are all the OCI image config.
 *
 * @param type lower-case top-level type
 * @param subtype lower-case subtype (with any {@code +suffix})
 */
public record MediaType(String type, String subtype) {
  /** RFC 6838 §4.2 restricted-name: a letter or digit, then up to 126 restricted-name-chars. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}");
  private static final Pattern PARAMETER =
      Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+=([A-Za-z0-9!#$%&'*+.^_`|~-]+|\"([^\"\\\\]|\\\\.)*\")");

  /** Parses a media type; empty when it is not one (no slash, bad characters, malformed parameters). */
  public static Optional<MediaType> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    String[] parts = value.split(";", -1);
    String essence = trim(parts[0]);
    int slash = essence.indexOf('/');
    if (slash < 0) {
      return Optional.empty();
    }
    String type = essence.substring(0, slash);
    String subtype = essence.substring(slash + 1);
    if (!NAME.matcher(type).matches() || !NAME.matcher(subtype).matches()) {
      return Optional.empty();
    }
    for (int i = 1; i < parts.length; i++) {
      if (!PARAMETER.matcher(trim(parts[i])).matches()) {
        return Optional.empty();
      }
    }
    return Optional.of(new MediaType(type.toLowerCase(Locale.ROOT), subtype.toLowerCase(Locale.ROOT)));
  }

  /** The essence of {@code value}, or null when it is not a media type. */
  public static String essenceOf(String value) {
    return parse(value).map(MediaType::essence).orElse(null);
  }

  /** {@code type/subtype} in lower case. */
  public String essence() {
    return type + "/" + subtype;
  }

  /** Optional white space of RFC 9110: spaces and horizontal tabs only. */
  private static String trim(String s) {
    int b = 0;
    int e = s.length();
    while (b < e && (s.charAt(b) == ' ' || s.charAt(b) == '\t')) {
      b++;
    }
    while (e > b && (s.charAt(e - 1) == ' ' || s.charAt(e - 1) == '\t')) {
      e--;
    }
    return s.substring(b, e);
  }
}
