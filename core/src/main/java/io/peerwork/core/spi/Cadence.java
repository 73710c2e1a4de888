package io.peerwork.core.spi;

import java.time.Period;

/** How often a recurring task comes due. */
public enum Cadence {
  /** Every week. */
  WEEKLY(Period.ofWeeks(1)),
  /** Every month. */
  MONTHLY(Period.ofMonths(1)),
  /** Every three months. */
  QUARTERLY(Period.ofMonths(3)),
  /** Once a year. */
  YEARLY(Period.ofYears(1));

  private final Period interval;

  Cadence(Period interval) {
    this.interval = interval;
  }

  /** The time between two due dates. */
  public Period interval() {
    return interval;
  }

  /**
   * Whether a task last done on {@code lastDone} is due again on {@code date}. Weekly counts days;
   * the others count calendar months, so a monthly task done at one session is due at the next
   * month's session even when that falls a few days short of a full month (first Tuesdays drift).
   */
  public boolean isDue(java.time.LocalDate lastDone, java.time.LocalDate date) {
    if (this == WEEKLY) {
      return !lastDone.plus(interval).isAfter(date);
    }
    long months = java.time.temporal.ChronoUnit.MONTHS.between(
        java.time.YearMonth.from(lastDone), java.time.YearMonth.from(date));
    return months >= interval.toTotalMonths();
  }
}
