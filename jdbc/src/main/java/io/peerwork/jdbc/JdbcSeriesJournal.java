package io.peerwork.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.peerwork.core.AppendResult;
import io.peerwork.core.StreamOwners;
import io.peerwork.core.internal.FencedJournals;
import io.peerwork.core.series.RecordedSeriesEvent;
import io.peerwork.core.series.SeriesEvent;
import io.peerwork.core.series.SeriesEventRewriter;
import io.peerwork.core.series.SeriesId;
import io.peerwork.core.series.SeriesJournal;
import io.peerwork.jdbc.internal.EventCodec;
import io.peerwork.jdbc.internal.OwnerTable;
import io.peerwork.jdbc.internal.StreamRewriter;
import io.peerwork.jdbc.internal.StreamTable;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * A {@link SeriesJournal} in a relational database, beside the {@link JdbcEventJournal} of the
 * same database: series' registrations, waitlists, routines and outcomes, in the table {@code
 * peerwork_series_event}. Opened by the session journal's builder, with the same settings:
 *
 * <pre>{@code
 * JdbcEventJournal.Builder db = JdbcEventJournal.builder("jdbc:h2:file:./data/peerwork");
 * try (JdbcEventJournal sessions = db.open(); JdbcSeriesJournal series = db.openSeriesJournal()) {
 *   LiveSeries smk = LiveSeries.load(seriesEngine, series, SeriesId.of("smk"));
 * }
 * }</pre>
 *
 * <p>It stores and promises exactly what {@link JdbcEventJournal} does: one row per event (series
 * id, version, type name, the {@link #SCHEMA_VERSION} of its JSON, the JSON, the time it was
 * stored), an append is one transaction that writes all its rows or none, a conflict writes
 * nothing, and an append that returns is committed durably. {@link #read} throws {@link
 * UnreadableSeriesEventException} for a row it cannot read (other series read on); database
 * failures throw {@link JournalStorageException} (nothing stored) or, for a commit that failed,
 * {@link io.peerwork.core.JournalException.OutcomeUnknown}. Series appends keep no command ids. Thread-safe; holds its own connection pool
 * until {@link #close()}.
 *
 * <p>Owners: as for sessions, {@link #owners()} is the table {@code peerwork_stream_owner} (series
 * have rows of their own kind there), and an append through {@link #fenced(SeriesId, long)} is
 * stored only while the series' epoch is still the one taken, checked in its transaction.
 *
 * <p>Erasure: {@link #rewriter()} rewrites a series' stored events in one transaction, as the
 * session journal's does (series keep no snapshots).
 */
public final class JdbcSeriesJournal implements SeriesJournal, AutoCloseable {
  /**
   * The schema version of the JSON of series events this code writes. Rows of older versions go
   * through the builder's {@link JdbcEventJournal.Builder#seriesUpcaster series upcaster}.
   */
  public static final int SCHEMA_VERSION = 1;

  private static final StreamTable.Kind<SeriesId, SeriesEvent, RecordedSeriesEvent> KIND = new StreamTable.Kind<>(
      "peerwork_series_event", "series_id", "series", "series", SCHEMA_VERSION,
      SeriesId::value, SeriesId::of, (id, version, event, command) -> new RecordedSeriesEvent(id, version, event),
      UnreadableSeriesEventException::new, false);

  private final HikariDataSource pool;
  private final StreamTable<SeriesId, SeriesEvent, RecordedSeriesEvent> table;
  private final StreamRewriter<SeriesId, SeriesEvent> rewriter;
  private final OwnerTable owners;
  private final String description;

  JdbcSeriesJournal(HikariDataSource pool, EventUpcaster upcaster, Clock clock, String description) {
    this.pool = pool;
    var codec = new EventCodec<>(SeriesEvent.class, upcaster);
    this.table = new StreamTable<>(KIND, pool, codec, clock, description);
    this.rewriter = new StreamRewriter<>(KIND, pool, codec, StreamRewriter.Also.nothing(), description);
    this.owners = new OwnerTable(pool, clock, description);
    this.description = description;
  }

  @Override
  public AppendResult append(SeriesId series, long expectedVersion, List<? extends SeriesEvent> events) {
    return table.append(series, expectedVersion, events);
  }

  /**
   * {@inheritDoc}
   *
   * @throws UnreadableSeriesEventException if a stored event cannot be read (corrupt JSON, unknown
   *     type, invalid values) or a version is missing; it names the series and version
   */
  @Override
  public List<RecordedSeriesEvent> read(SeriesId series, long afterVersion) {
    return table.read(series, afterVersion);
  }

  @Override
  public long version(SeriesId series) {
    return table.version(series);
  }

  @Override
  public List<SeriesId> series() {
    return table.ids();
  }

  /**
   * Rewrites a series' events in this database, for erasure: in one transaction, the series' rows
   * are locked and read in version order, the change applied and checked, and the rows whose event
   * changed updated (their JSON; version, type and time stay). A row that cannot be read throws
   * {@link UnreadableSeriesEventException}; a database failure before the commit {@link
   * JournalStorageException} (nothing changed). Events appended while a rewrite runs are not part
   * of it.
   */
  @Override
  public Optional<SeriesEventRewriter> rewriter() {
    return Optional.of(rewriter::rewrite);
  }

  /** The owners of series, in the table {@code peerwork_stream_owner} of the same database. */
  @Override
  public Optional<StreamOwners> owners() {
    return Optional.of(owners);
  }

  @Override
  public SeriesJournal fenced(SeriesId series, long epoch) {
    var fence = new StreamTable.Fence(StreamOwners.Stream.of(series), epoch);
    return FencedJournals.series(this, series, epoch, (expectedVersion, events) ->
        table.append(series, expectedVersion, events, Optional.empty(), Optional.of(fence)));
  }

  /** Closes the connection pool. Appends and reads after this fail. */
  @Override
  public void close() {
    pool.close();
  }

  @Override
  public String toString() {
    return "JdbcSeriesJournal[" + description + "]";
  }
}
