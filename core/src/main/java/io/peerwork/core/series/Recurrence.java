package io.peerwork.core.series;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * When the sessions of a series take place, in local time of the series' zone. Local times stay
 * local: a series at 09:00 in Europe/Vienna meets at 09:00 in winter and in summer.
 */
public sealed interface Recurrence {

  /** How long each session lasts. */
  Duration length();

  /**
   * The local start times of the dates on or after {@code from} and before {@code until}, in order.
   */
  List<LocalDateTime> startsBetween(LocalDate from, LocalDate until);

  /**
   * Every month on the {@code ordinal}-th {@code day} (1 to 4, or -1 for the last), e.g. every
   * first Tuesday from 09:00 for 4 hours.
   *
   * @param ordinal 1 to 4 for the first to fourth, -1 for the last such weekday of the month
   * @param day the weekday
   * @param start the local start time
   * @param length how long each session lasts, 30 minutes to 12 hours
   */
  record MonthlyWeekday(int ordinal, DayOfWeek day, LocalTime start, Duration length) implements Recurrence {
    /** Validates the fields. */
    public MonthlyWeekday {
      Objects.requireNonNull(day, "day");
      Objects.requireNonNull(start, "start");
      checkLength(length);
      if (ordinal != -1 && (ordinal < 1 || ordinal > 4)) {
        throw new IllegalArgumentException("ordinal must be 1 to 4, or -1 for the last: " + ordinal);
      }
    }

    @Override
    public List<LocalDateTime> startsBetween(LocalDate from, LocalDate until) {
      var out = new ArrayList<LocalDateTime>();
      for (YearMonth m = YearMonth.from(from); !m.atDay(1).isAfter(until); m = m.plusMonths(1)) {
        LocalDate date = ordinal == -1
            ? m.atEndOfMonth().with(TemporalAdjusters.lastInMonth(day))
            : m.atDay(1).with(TemporalAdjusters.dayOfWeekInMonth(ordinal, day));
        if (!date.isBefore(from) && date.isBefore(until)) {
          out.add(date.atTime(start));
        }
      }
      return out;
    }
  }

  /**
   * A list of dates, for series that do not follow a rule.
   *
   * @param starts the local start times, distinct, in any order (kept sorted)
   * @param length how long each session lasts, 30 minutes to 12 hours
   */
  record Dates(List<LocalDateTime> starts, Duration length) implements Recurrence {
    /** Sorts and validates. */
    public Dates {
      checkLength(length);
      var sorted = new ArrayList<>(Objects.requireNonNull(starts, "starts"));
      sorted.sort(null);
      if (sorted.isEmpty() || sorted.size() > 500) {
        throw new IllegalArgumentException("a list of dates has 1 to 500 dates");
      }
      for (int i = 1; i < sorted.size(); i++) {
        if (sorted.get(i).toLocalDate().equals(sorted.get(i - 1).toLocalDate())) {
          throw new IllegalArgumentException("two sessions on " + sorted.get(i).toLocalDate());
        }
      }
      starts = List.copyOf(sorted);
    }

    @Override
    public List<LocalDateTime> startsBetween(LocalDate from, LocalDate until) {
      return starts.stream()
          .filter(s -> !s.toLocalDate().isBefore(from) && s.toLocalDate().isBefore(until))
          .toList();
    }
  }

  private static void checkLength(Duration length) {
    Objects.requireNonNull(length, "length");
    if (length.compareTo(Duration.ofMinutes(30)) < 0 || length.compareTo(Duration.ofHours(12)) > 0) {
      throw new IllegalArgumentException("a session lasts 30 minutes to 12 hours: " + length);
    }
  }
}
