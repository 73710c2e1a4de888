package io.peerwork.core.series;

import io.peerwork.core.AppendResult;
import io.peerwork.core.internal.InMemoryStreams;
import java.util.List;

/**
 * A {@link SeriesJournal} in memory: for tests, simulations and applications that keep nothing.
 * Thread-safe; appends to one series are serialized, different series do not contend.
 */
public final class InMemorySeriesJournal implements SeriesJournal {
  private final InMemoryStreams<SeriesId, SeriesEvent, RecordedSeriesEvent> streams =
      InMemoryStreams.plain(RecordedSeriesEvent::new);

  @Override
  public AppendResult append(SeriesId series, long expectedVersion, List<? extends SeriesEvent> events) {
    return streams.append(series, expectedVersion, events);
  }

  @Override
  public List<RecordedSeriesEvent> read(SeriesId series, long afterVersion) {
    return streams.read(series, afterVersion);
  }

  @Override
  public long version(SeriesId series) {
    return streams.version(series);
  }

  @Override
  public List<SeriesId> series() {
    return streams.keys();
  }
}
