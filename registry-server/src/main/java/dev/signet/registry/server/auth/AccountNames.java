package dev.signet.registry.server.auth;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Account names and name rules. Robots log in as {@code robot$<project>+<name>} (Harbor's convention);
 * user names are lower-case letters, digits, {@code .}, {@code _} and {@code -}; project and robot names
 * follow the distribution spec's grammar for one path component.
 */
public final class AccountNames {
  public static final String PREFIX = "robot$";
  private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*");
  private static final Pattern USER = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  private static final Pattern ROBOT = Pattern.compile(Pattern.quote(PREFIX) + "([^+]+)\\+(.+)");

  private AccountNames() {}

  /** A robot's login name. */
  public static String account(String project, String robot) {
    return PREFIX + project + "+" + robot;
  }

  /** The (project, robot name) of a robot login name. */
  public static Optional<String[]> parse(String account) {
    Matcher m = ROBOT.matcher(account);
    return m.matches() ? Optional.of(new String[] {m.group(1), m.group(2)}) : Optional.empty();
  }

  public static boolean isComponent(String s) {
    return s != null && s.length() <= 64 && COMPONENT.matcher(s).matches();
  }

  public static boolean isUserName(String s) {
    return s != null && USER.matcher(s).matches();
  }

  /** The project of a repository: its first path component. */
  public static String projectOf(String repository) {
    int slash = repository.indexOf('/');
    return slash < 0 ? repository : repository.substring(0, slash);
  }
}
