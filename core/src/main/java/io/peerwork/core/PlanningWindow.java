package io.peerwork.core;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * When sessions and dates of a series may be planned: from {@link #EARLIEST} to {@value
 * #YEARS_AHEAD} years after the moment of deciding. A start outside is refused with {@link
 * RejectionCode#DATE_OUT_OF_RANGE} before anything is stored, so no session or series holds a date
 * that calendars, timers and clients cannot handle (the year 999999999, say). Measured against the
 * command's {@code now}, never a clock: the engines stay deterministic.
 */
public final class PlanningWindow {
  private PlanningWindow() {}

  /** The earliest start that can be planned: 1 January 2000, 00:00 UTC. */
  public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
  /** How many years after now a start may be planned. */
  public static final int YEARS_AHEAD = 10;

  /** Whether {@code start} may be planned at {@code now}. */
  public static boolean contains(Instant start, Instant now) {
    Objects.requireNonNull(start, "start");
    return !start.isBefore(EARLIEST) && !start.isAfter(latest(now));
  }

  /**
   * Whether the local {@code start} may be planned at {@code now}, read without a zone (within a
   * day of the instant bounds: a local time in any zone is at most 18 hours from UTC).
   */
  public static boolean contains(LocalDateTime start, Instant now) {
    Objects.requireNonNull(start, "start");
    return contains(start.toInstant(ZoneOffset.UTC), now);
  }

  /** The latest start that can be planned at {@code now}. */
  public static Instant latest(Instant now) {
    Objects.requireNonNull(now, "now");
    return now.atOffset(ZoneOffset.UTC).plusYears(YEARS_AHEAD).toInstant();
  }
}
