package io.peerwork.core.series;

import java.util.Objects;

/**
 * A series event as stored in a {@link SeriesJournal}.
 *
 * @param series the series it belongs to
 * @param version its position in the series' stream: 1 for the first event, then 2, 3, ...
 * @param event the event
 */
public record RecordedSeriesEvent(SeriesId series, long version, SeriesEvent event) {
  /** Checks for nulls and a positive version. */
  public RecordedSeriesEvent {
    Objects.requireNonNull(series, "series");
    Objects.requireNonNull(event, "event");
    if (version < 1) {
      throw new IllegalArgumentException("versions start at 1: " + version);
    }
  }
}
