package dev.signet.registry.server.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class CronScheduleTest {

  private static ZonedDateTime at(String iso) {
    return ZonedDateTime.parse(iso);
  }

  @Test
  void steps_ranges_lists_andNames() {
    CronSchedule s = CronSchedule.parse("*/15 9-17 * JAN-MAR MON-FRI");
    assertThat(s.matches(at("2025-01-06T09:30:00Z"))).isTrue(); // Monday
    assertThat(s.matches(at("2025-01-06T09:31:00Z"))).isFalse();
    assertThat(s.matches(at("2025-01-05T09:30:00Z"))).isFalse(); // Sunday
    assertThat(s.matches(at("2025-04-07T09:30:00Z"))).isFalse(); // April
    assertThat(CronSchedule.parse("0 0,12 1 * *").matches(at("2025-06-01T12:00:00Z"))).isTrue();
    assertThat(CronSchedule.parse("5/20 * * * *").matches(at("2025-06-01T12:45:00Z"))).isTrue();
  }

  @Test
  void bothDayFieldsRestricted_eitherMatches_andSevenIsSunday() {
    CronSchedule s = CronSchedule.parse("0 0 13 * 5"); // the 13th, or any Friday
    assertThat(s.matches(at("2025-06-13T00:00:00Z"))).isTrue();
    assertThat(s.matches(at("2025-06-06T00:00:00Z"))).isTrue(); // a Friday
    assertThat(s.matches(at("2025-06-07T00:00:00Z"))).isFalse();
    assertThat(CronSchedule.parse("0 0 * * 7").matches(at("2025-06-08T00:00:00Z"))).isTrue();
  }

  @Test
  void evaluatedInUtc() {
    assertThat(CronSchedule.parse("0 12 * * *").matches(at("2025-06-01T14:00:00+02:00"))).isTrue();
  }

  @Test
  void next_findsTheFollowingScheduledMinute() {
    assertThat(CronSchedule.parse("*/5 * * * *").next(at("2025-03-01T10:00:20Z")))
        .contains(at("2025-03-01T10:05Z"));
    assertThat(CronSchedule.parse("@daily").next(at("2025-12-31T23:59:00Z"))).contains(at("2026-01-01T00:00Z"));
    assertThat(CronSchedule.parse("0 0 29 2 *").next(at("2025-03-01T00:00:00Z"))).contains(at("2028-02-29T00:00Z"));
    assertThat(CronSchedule.parse("0 0 30 2 *").next(at("2025-03-01T00:00:00Z"))).isEmpty();
  }

  @Test
  void malformed_isRefusedWithTheField() {
    assertThatThrownBy(() -> CronSchedule.parse("* * * *")).hasMessageContaining("5 fields");
    assertThatThrownBy(() -> CronSchedule.parse("60 * * * *")).hasMessageContaining("0-59");
    assertThatThrownBy(() -> CronSchedule.parse("*/0 * * * *")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CronSchedule.parse("5-1 * * * *")).hasMessageContaining("backwards");
    assertThatThrownBy(() -> CronSchedule.parse("x * * * *")).hasMessageContaining("not a number");
  }
}
