package dev.signet.verify.x509;

import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Compiles a Go RE2 regular expression (as cosign's {@code --certificate-*-regexp} flags take) to a
 * {@link Pattern} with the same meaning where java.util.regex can express it. Translated: named groups
 * {@code (?P<n>…)}; POSIX classes {@code [[:alpha:]]}; a literal {@code [} and {@code &&} inside
 * brackets (Java would read a nested class or an intersection); {@code $} outside multi-line mode,
 * which in Go matches only at the end of the text (Java's also before a final line break). Rejected:
 * the ungreedy flag {@code U} and {@code \C}, which Java lacks. Matching is unanchored, as Go's
 * {@code MatchString}: use {@link java.util.regex.Matcher#find()}.
 */
final class GoRegexp {

  private static final Map<String, String> POSIX = Map.ofEntries(
      Map.entry("alnum", "\\p{Alnum}"), Map.entry("alpha", "\\p{Alpha}"), Map.entry("ascii", "\\p{ASCII}"),
      Map.entry("blank", "\\p{Blank}"), Map.entry("cntrl", "\\p{Cntrl}"), Map.entry("digit", "\\p{Digit}"),
      Map.entry("graph", "\\p{Graph}"), Map.entry("lower", "\\p{Lower}"), Map.entry("print", "\\p{Print}"),
      Map.entry("punct", "\\p{Punct}"), Map.entry("space", "\\s"), Map.entry("upper", "\\p{Upper}"),
      Map.entry("word", "\\w"), Map.entry("xdigit", "\\p{XDigit}"));

  private GoRegexp() {}

  /** @throws PatternSyntaxException when the expression is invalid or uses what Java cannot express */
  static Pattern compile(String re) {
    return Pattern.compile(translate(re));
  }

  static String translate(String re) {
    StringBuilder out = new StringBuilder(re.length() + 8);
    boolean multiline = false;
    boolean inClass = false;
    int i = 0;
    while (i < re.length()) {
      char c = re.charAt(i);
      if (c == '\\') {
        if (i + 1 >= re.length()) {
          throw new PatternSyntaxException("trailing backslash", re, i);
        }
        char n = re.charAt(i + 1);
        if (n == 'C') {
          throw new PatternSyntaxException("\\C (any byte) is not supported", re, i);
        }
        if (n == 'Q') {
          int end = re.indexOf("\\E", i + 2);
          int stop = end < 0 ? re.length() : end + 2;
          out.append(re, i, stop);
          i = stop;
          continue;
        }
        out.append(c).append(n);
        i += 2;
        continue;
      }
      if (inClass) {
        if (c == '[' && re.startsWith("[:", i)) {
          int end = re.indexOf(":]", i + 2);
          if (end > 0) {
            String name = re.substring(i + 2, end);
            boolean negated = name.startsWith("^");
            String java = POSIX.get(negated ? name.substring(1) : name);
            if (java == null) {
              throw new PatternSyntaxException("unknown POSIX class [:" + name + ":]", re, i);
            }
            out.append(negated ? negate(java) : java);
            i = end + 2;
            continue;
          }
        }
        if (c == '[') {
          out.append("\\[");
        } else if (c == '&' && i + 1 < re.length() && re.charAt(i + 1) == '&') {
          out.append("&\\&");
          i += 2;
          continue;
        } else {
          out.append(c);
          if (c == ']') {
            inClass = false;
          }
        }
        i++;
        continue;
      }
      switch (c) {
        case '[' -> {
          inClass = true;
          out.append(c);
          i++;
          // a ']' right after '[' or '[^' is literal in both dialects
          if (i < re.length() && re.charAt(i) == '^') {
            out.append('^');
            i++;
          }
          if (i < re.length() && re.charAt(i) == ']') {
            out.append("\\]");
            i++;
          }
        }
        case '(' -> {
          if (re.startsWith("(?P<", i)) {
            out.append("(?<");
            i += 4;
          } else if (re.startsWith("(?", i)) {
            int j = i + 2;
            while (j < re.length() && "imsU-".indexOf(re.charAt(j)) >= 0) {
              j++;
            }
            String flags = re.substring(i + 2, j);
            if (flags.indexOf('U') >= 0) {
              throw new PatternSyntaxException("the ungreedy flag U is not supported", re, i);
            }
            int minus = flags.indexOf('-');
            if ((minus < 0 ? flags : flags.substring(0, minus)).indexOf('m') >= 0) {
              multiline = true;
            }
            out.append(c);
            i++;
          } else {
            out.append(c);
            i++;
          }
        }
        case '$' -> {
          out.append(multiline ? "$" : "\\z");
          i++;
        }
        default -> {
          out.append(c);
          i++;
        }
      }
    }
    return out.toString();
  }

  private static String negate(String java) {
    if (java.startsWith("\\p")) {
      return "\\P" + java.substring(2);
    }
    return java.toUpperCase(); // \s → \S, \w → \W
  }
}
