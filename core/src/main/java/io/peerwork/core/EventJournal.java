package io.peerwork.core;

import java.util.List;

/**
 * Where sessions' events are kept: one append-only stream per session. The port between the engine
 * and storage; core ships {@link InMemoryEventJournal}, the demo server JDBC journals.
 *
 * <p>Contract, which every implementation passes (the testkit has the contract tests):
 *
 * <ul>
 *   <li>{@link #append} stores all the events or none. It stores them only if the stream is at
 *       {@code expectedVersion}; otherwise it returns a {@link AppendResult.Conflict} and stores
 *       nothing.
 *   <li>When {@code append} returns, the events are as durable as the implementation promises (on
 *       disk, for a JDBC journal); only then may they be acknowledged or broadcast.
 *   <li>{@link #read} returns events in version order, without gaps.
 *   <li>Implementations are safe to call from several threads.
 * </ul>
 */
public interface EventJournal {

  /**
   * Appends {@code events} to the stream of {@code session} if it is at {@code expectedVersion}.
   *
   * @param session whose stream
   * @param expectedVersion the version the caller last saw: 0 for a new stream
   * @param events the events, in order; an empty list appends nothing and checks the version only
   * @return the new version, or a conflict (nothing stored)
   */
  AppendResult append(SessionId session, long expectedVersion, List<? extends SessionEvent> events);

  /** The events of {@code session} with a version above {@code afterVersion}, in order. */
  List<RecordedEvent> read(SessionId session, long afterVersion);

  /** Every event of {@code session}, in order. */
  default List<RecordedEvent> readAll(SessionId session) {
    return read(session, 0);
  }

  /** The version of the stream of {@code session}: the number of its events, 0 if none. */
  long version(SessionId session);

  /** The ids of every session with at least one event, in no particular order. */
  List<SessionId> sessions();
}
