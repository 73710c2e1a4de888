package io.peerwork.core.series;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * One date of a series, where and when it is now.
 *
 * <p>Local times become instants in the series' zone with {@link ZonedDateTime#of}: a start in the
 * hour skipped when clocks go forward moves forward by the gap; in the hour repeated when clocks go
 * back, the earlier of the two instants is taken.
 *
 * @param key the day the recurrence gave it, which names it even after a move
 * @param start when it starts
 * @param end when it ends
 * @param moved whether it was moved from the recurrence's day or time
 * @param cancelled the reason, if it was cancelled
 * @param revision how often the date was changed (moved or cancelled) since the series was created;
 *     calendars use it to replace an older copy
 */
public record SeriesDate(LocalDate key, ZonedDateTime start, ZonedDateTime end, boolean moved,
    Optional<String> cancelled, int revision) {
  /** Checks for nulls. */
  public SeriesDate {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(cancelled, "cancelled");
  }

  /** Whether the date still takes place. */
  public boolean isCancelled() {
    return cancelled.isPresent();
  }
}
