package io.peerwork.jdbc;

import io.peerwork.core.JournalException;
import io.peerwork.core.series.SeriesId;
import java.util.Objects;

/**
 * A stored event of one series cannot be read: its JSON is corrupt, names an unknown type, fails
 * validation, or a version of the stream is missing. Thrown by {@link JdbcSeriesJournal#read}; the
 * cause (if any) says why. Other series are not affected. The series counterpart of {@link
 * UnreadableEventException}: a {@link JournalException.UnreadableEvent} whose {@link #stream()} is
 * the series' id.
 */
public final class UnreadableSeriesEventException extends JournalException.UnreadableEvent {
  private static final long serialVersionUID = 1L;

  private final transient SeriesId series;

  /**
   * @param series the series whose stream holds the event
   * @param version the event's version in that stream
   * @param problem what is wrong, for people
   * @param cause the underlying failure, or {@code null}
   */
  public UnreadableSeriesEventException(SeriesId series, long version, String problem, Throwable cause) {
    super("series", Objects.requireNonNull(series, "series").value(), version, problem, cause);
    this.series = series;
  }

  /** The series whose stream holds the unreadable event. */
  public SeriesId series() {
    return series;
  }
}
