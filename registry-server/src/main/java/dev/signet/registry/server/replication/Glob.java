package dev.signet.registry.server.replication;

import java.util.regex.Pattern;

/**
 * A shell-style pattern over repository names or tags: {@code *} matches any run of characters except
 * {@code /}, {@code **} any run including {@code /} ({@code **}{@code /} also matches nothing), {@code ?}
 * one character except {@code /}; every other character matches itself. {@code prod/**} matches
 * {@code prod/app} and {@code prod/team/app}; {@code v*} matches {@code v1.2}; {@code **} matches all.
 */
public final class Glob {
  private static final int MAX_LENGTH = 256;
  private final String pattern;
  private final Pattern regex;

  private Glob(String pattern) {
    this.pattern = pattern;
    this.regex = Pattern.compile(translate(pattern));
  }

  /** @throws IllegalArgumentException when empty, too long, or holding whitespace or control characters */
  public static Glob of(String pattern) {
    if (pattern == null || pattern.isEmpty() || pattern.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("a pattern must have 1 to " + MAX_LENGTH + " characters");
    }
    for (char c : pattern.toCharArray()) {
      if (Character.isWhitespace(c) || Character.isISOControl(c)) {
        throw new IllegalArgumentException("pattern '" + pattern + "' holds whitespace or control characters");
      }
    }
    return new Glob(pattern);
  }

  public boolean matches(String s) {
    return regex.matcher(s).matches();
  }

  private static String translate(String glob) {
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
        boolean slash = i + 2 < glob.length() && glob.charAt(i + 2) == '/';
        re.append(slash ? "(?:.*/)?" : ".*");
        i += slash ? 2 : 1;
      } else if (c == '*') {
        re.append("[^/]*");
      } else if (c == '?') {
        re.append("[^/]");
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return re.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Glob g && g.pattern.equals(pattern);
  }

  @Override
  public int hashCode() {
    return pattern.hashCode();
  }

  /** The pattern as written. */
  @Override
  public String toString() {
    return pattern;
  }
}
