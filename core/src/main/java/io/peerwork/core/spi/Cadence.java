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
}
