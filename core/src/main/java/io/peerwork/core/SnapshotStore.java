package io.peerwork.core;

import java.util.Optional;

/**
 * Where a journal keeps {@linkplain SessionSnapshot snapshots} of its sessions' states, so that a
 * {@link LiveSession} loads from the newest snapshot and the events after it, in a time that does
 * not grow with the session's history. Optional: a journal offers one through {@link
 * EventJournal#snapshots()}.
 *
 * <p>Snapshots are a cache of the journal, never the truth: the events are. A store may lose or
 * refuse any snapshot; a live session then replays events instead. Contract:
 *
 * <ul>
 *   <li>{@link #latest} returns a snapshot only if it is the state of the session's stored events
 *       up to its version (the store checks that the journal holds that version). A snapshot it
 *       cannot read (damaged, or written in a schema version it does not know) is skipped, with
 *       a warning in the store's log, as if it were not there.
 *   <li>{@link #save} is best effort: a live session calls it after an append has been stored,
 *       on the session's own thread, and logs and ignores any exception it throws.
 *   <li>Safe to call from several threads. Nothing is {@code null}.
 * </ul>
 */
public interface SnapshotStore {
  /**
   * How many events apart a live session saves snapshots: it saves one after an append that
   * reaches or passes a multiple of this (at least 1).
   */
  int interval();

  /**
   * The newest readable snapshot of {@code session} whose version the journal holds; empty if
   * there is none.
   *
   * @throws JournalException.StorageUnavailable if the store cannot be read at all
   */
  Optional<SessionSnapshot> latest(SessionId session);

  /**
   * Keeps {@code snapshot} as its session's newest (a store may drop older ones).
   *
   * @throws JournalException if it cannot be stored; nothing else depends on it
   */
  void save(SessionSnapshot snapshot);
}
