package dev.signet.registry.server.replication;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A 5-field cron schedule, {@code minute hour day-of-month month day-of-week}, evaluated in UTC. Each
 * field is {@code *}, a value, a range {@code a-b}, any of these with a step ({@code *}{@code /15},
 * {@code 1-30/2}, {@code 5/10}), or a comma-separated list of them; months and weekdays may be named
 * ({@code JAN}, {@code MON}); weekday 0 and 7 are Sunday. As in Vixie cron, when both day fields are
 * restricted a day matches if either does. Also {@code @hourly}, {@code @daily}, {@code @weekly},
 * {@code @monthly}, {@code @yearly}.
 */
public final class CronSchedule {
  private static final Map<String, String> MACROS = Map.of("@hourly", "0 * * * *", "@daily", "0 0 * * *",
      "@midnight", "0 0 * * *", "@weekly", "0 0 * * 0", "@monthly", "0 0 1 * *", "@yearly", "0 0 1 1 *",
      "@annually", "0 0 1 1 *");
  private static final List<String> MONTHS =
      List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
  private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
  /** Search horizon of {@link #next}: a schedule such as {@code 0 0 30 2 *} never fires. */
  private static final int MAX_STEPS = 200_000;

  private final String expression;
  private final BitSet minutes;
  private final BitSet hours;
  private final BitSet days;
  private final BitSet months;
  private final BitSet weekdays;
  private final boolean daysRestricted;
  private final boolean weekdaysRestricted;

  private CronSchedule(String expression, String[] f) {
    this.expression = expression;
    this.minutes = field(f[0], 0, 59, List.of(), 0);
    this.hours = field(f[1], 0, 23, List.of(), 0);
    this.days = field(f[2], 1, 31, List.of(), 0);
    this.months = field(f[3], 1, 12, MONTHS, 1);
    BitSet dow = field(f[4], 0, 7, DAYS, 0);
    if (dow.get(7)) {
      dow.set(0);
    }
    this.weekdays = dow;
    this.daysRestricted = !f[2].startsWith("*");
    this.weekdaysRestricted = !f[4].startsWith("*");
  }

  /** @throws IllegalArgumentException naming the offending field */
  public static CronSchedule parse(String expression) {
    if (expression == null) {
      throw new IllegalArgumentException("a cron expression is required");
    }
    String trimmed = expression.trim();
    String expanded = MACROS.getOrDefault(trimmed.toLowerCase(Locale.ROOT), trimmed);
    String[] fields = expanded.split("\\s+");
    if (fields.length != 5) {
      throw new IllegalArgumentException("invalid cron expression '" + expression
          + "': need 5 fields (minute hour day-of-month month day-of-week)");
    }
    try {
      return new CronSchedule(trimmed, fields);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid cron expression '" + expression + "': " + e.getMessage(), e);
    }
  }

  /** True when the minute of {@code t} (in UTC) is scheduled. */
  public boolean matches(ZonedDateTime t) {
    ZonedDateTime u = t.withZoneSameInstant(ZoneOffset.UTC);
    return minutes.get(u.getMinute()) && hours.get(u.getHour()) && months.get(u.getMonthValue()) && dayMatches(u);
  }

  /** The first scheduled minute strictly after {@code after}, or empty if none comes within years. */
  public Optional<ZonedDateTime> next(ZonedDateTime after) {
    ZonedDateTime t = after.withZoneSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
    for (int i = 0; i < MAX_STEPS; i++) {
      if (!months.get(t.getMonthValue())) {
        t = t.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1);
      } else if (!dayMatches(t)) {
        t = t.truncatedTo(ChronoUnit.DAYS).plusDays(1);
      } else if (!hours.get(t.getHour())) {
        t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
      } else if (!minutes.get(t.getMinute())) {
        t = t.plusMinutes(1);
      } else {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  private boolean dayMatches(ZonedDateTime t) {
    boolean dom = days.get(t.getDayOfMonth());
    boolean dow = weekdays.get(t.getDayOfWeek().getValue() % 7);
    if (daysRestricted && weekdaysRestricted) {
      return dom || dow;
    }
    return dom && dow;
  }

  private static BitSet field(String spec, int min, int max, List<String> names, int nameBase) {
    BitSet out = new BitSet(max + 1);
    for (String part : spec.split(",", -1)) {
      String range = part;
      int step = 1;
      int slash = part.indexOf('/');
      if (slash >= 0) {
        range = part.substring(0, slash);
        step = number(part.substring(slash + 1), 1, max, List.of(), 0, part);
      }
      int from;
      int to;
      if (range.equals("*")) {
        from = min;
        to = max;
      } else if (range.indexOf('-') > 0) {
        from = number(range.substring(0, range.indexOf('-')), min, max, names, nameBase, part);
        to = number(range.substring(range.indexOf('-') + 1), min, max, names, nameBase, part);
      } else {
        from = number(range, min, max, names, nameBase, part);
        to = slash >= 0 ? max : from;
      }
      if (from > to) {
        throw new IllegalArgumentException("range '" + part + "' runs backwards");
      }
      for (int v = from; v <= to; v += step) {
        out.set(v);
      }
    }
    return out;
  }

  private static int number(String s, int min, int max, List<String> names, int nameBase, String part) {
    int named = names.indexOf(s.toUpperCase(Locale.ROOT));
    if (named >= 0) {
      return named + nameBase;
    }
    try {
      int v = Integer.parseInt(s);
      if (v < min || v > max) {
        throw new IllegalArgumentException("'" + part + "': " + v + " is outside " + min + "-" + max);
      }
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + part + "' is not a number, range or step", e);
    }
  }

  /** The expression as written. */
  public String expression() {
    return expression;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CronSchedule c && c.expression.equals(expression);
  }

  @Override
  public int hashCode() {
    return expression.hashCode();
  }

  @Override
  public String toString() {
    return expression;
  }
}
