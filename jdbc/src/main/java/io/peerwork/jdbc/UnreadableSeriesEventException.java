package io.peerwork.jdbc;

import io.peerwork.core.PeerworkException;
import io.peerwork.core.series.SeriesId;
import java.util.Objects;

/**
 * A stored event of one series cannot be read: its JSON is corrupt, names an unknown type, fails
 * validation, or a version of the stream is missing. Thrown by {@link JdbcSeriesJournal#read}; the
 * cause (if any) says why. Other series are not affected. The series counterpart of {@link
 * UnreadableEventException}.
 */
public final class UnreadableSeriesEventException extends PeerworkException {
  private static final long serialVersionUID = 1L;

  private final transient SeriesId series;
  private final long version;

  /**
   * @param series the series whose stream holds the event
   * @param version the event's version in that stream
   * @param problem what is wrong, for people
   * @param cause the underlying failure, or {@code null}
   */
  public UnreadableSeriesEventException(SeriesId series, long version, String problem, Throwable cause) {
    super("cannot read event " + version + " of series " + Objects.requireNonNull(series, "series")
        + ": " + problem, cause);
    this.series = series;
    this.version = version;
  }

  /** The series whose stream holds the unreadable event. */
  public SeriesId series() {
    return series;
  }

  /** The unreadable event's version. */
  public long version() {
    return version;
  }
}
