package io.peerwork.core.series;

import io.peerwork.core.AppendResult;
import io.peerwork.core.StreamOwners;
import io.peerwork.core.internal.FencedJournals;
import io.peerwork.core.internal.InMemoryStreamOwners;
import io.peerwork.core.internal.InMemoryStreams;
import java.util.List;
import java.util.Optional;

/**
 * A {@link SeriesJournal} in memory: for tests, simulations and applications that keep nothing.
 * Thread-safe; appends to one series are serialized, different series do not contend.
 *
 * <p>It can fence appends ({@link #owners()}, {@link #fenced}): its owners are kept in memory, by
 * this journal alone, and a fenced append checks the series' epoch and stores its events while
 * holding the series' owner lock, so that no {@link StreamOwners#take take} comes in between.
 */
public final class InMemorySeriesJournal implements SeriesJournal {
  private final InMemoryStreams<SeriesId, SeriesEvent, RecordedSeriesEvent> streams =
      InMemoryStreams.plain(RecordedSeriesEvent::new);
  private final InMemoryStreamOwners owners = new InMemoryStreamOwners();

  /** An empty journal: no series, no owner. */
  public InMemorySeriesJournal() {}

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

  /** Rewrites events in memory, for erasure. */
  @Override
  public Optional<SeriesEventRewriter> rewriter() {
    return Optional.of((series, change) -> streams.rewrite(series, change, RecordedSeriesEvent::event,
        (r, e) -> new RecordedSeriesEvent(r.series(), r.version(), e)));
  }

  /** The owners of this journal's series, in memory. */
  @Override
  public Optional<StreamOwners> owners() {
    return Optional.of(owners);
  }

  @Override
  public SeriesJournal fenced(SeriesId series, long epoch) {
    StreamOwners.Stream stream = StreamOwners.Stream.of(series);
    return FencedJournals.series(this, series, epoch, (expectedVersion, events) ->
        owners.appendAsOwner(stream, epoch, () -> streams.append(series, expectedVersion, events)));
  }
}
