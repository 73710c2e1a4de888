package io.peerwork.core.series;

import io.peerwork.core.AppendResult;
import java.util.List;

/**
 * Where series' events are kept: one append-only stream per series, so that registrations,
 * waitlists and routines survive restarts. The port between {@link SeriesEngine} and storage, the
 * counterpart of {@link io.peerwork.core.EventJournal} for sessions; core ships {@link
 * InMemorySeriesJournal}, {@code peerwork-jdbc} a journal on H2 or PostgreSQL.
 *
 * <p>Contract, which every implementation passes (the testkit's {@code SeriesJournalContract}):
 *
 * <ul>
 *   <li>{@link #append} stores all the events or none. It stores them only if the stream is at
 *       {@code expectedVersion}; otherwise it returns a {@link AppendResult.Conflict} and stores
 *       nothing.
 *   <li>When {@code append} returns, the events are as durable as the implementation promises (on
 *       disk, for a JDBC journal); only then may they be acknowledged (a confirmation e-mail sent).
 *   <li>{@link #read} returns events in version order, without gaps.
 *   <li>Failures are {@link io.peerwork.core.JournalException}s, as for sessions: {@code
 *       StorageUnavailable} (nothing written), {@code OutcomeUnknown} (an append may or may not be
 *       stored: read the stream before deciding again), {@code UnreadableEvent} from {@link #read}.
 *       Series appends carry no command ids, so they never answer {@link AppendResult.Duplicate}.
 *   <li>Implementations are safe to call from several threads. Nothing is {@code null}.
 * </ul>
 */
public interface SeriesJournal {

  /**
   * Appends {@code events} to the stream of {@code series} if it is at {@code expectedVersion}.
   *
   * @param series whose stream
   * @param expectedVersion the version the caller last saw: 0 for a new stream
   * @param events the events, in order; an empty list appends nothing and checks the version only
   * @return the new version, or a conflict (nothing stored)
   */
  AppendResult append(SeriesId series, long expectedVersion, List<? extends SeriesEvent> events);

  /** The events of {@code series} with a version above {@code afterVersion}, in order; an immutable list. */
  List<RecordedSeriesEvent> read(SeriesId series, long afterVersion);

  /** Every event of {@code series}, in order. */
  default List<RecordedSeriesEvent> readAll(SeriesId series) {
    return read(series, 0);
  }

  /**
   * How this journal rewrites stored events for erasing a person's personal data ({@link
   * io.peerwork.core.Erasure}), if it can. Empty by default.
   */
  default java.util.Optional<SeriesEventRewriter> rewriter() {
    return java.util.Optional.empty();
  }

  /** The version of the stream of {@code series}: the number of its events, 0 if none. */
  long version(SeriesId series);

  /** The ids of every series with at least one event, in no particular order. */
  List<SeriesId> series();

  /**
   * The owners of this journal's series, if it can fence appends (see {@link
   * io.peerwork.core.StreamOwners}). Empty by default.
   */
  default java.util.Optional<io.peerwork.core.StreamOwners> owners() {
    return java.util.Optional.empty();
  }

  /**
   * This journal as the owner of {@code series} at {@code epoch} uses it: appends to {@code series}
   * are stored only while its epoch in {@link #owners()} is still {@code epoch}, checked in the same
   * transaction, and otherwise throw {@link io.peerwork.core.JournalException.Fenced}, storing
   * nothing.
   *
   * @throws UnsupportedOperationException if this journal has no {@link #owners()}
   */
  default SeriesJournal fenced(SeriesId series, long epoch) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot fence appends");
  }
}
