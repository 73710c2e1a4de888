package io.peerwork.core;

import java.util.List;
import java.util.Optional;

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
 *   <li>An append may carry the {@link CommandId} of the command that produced its events. The
 *       journal stores it with the last of those events ({@link RecordedEvent#commandId()}), and
 *       keeps each command id at most once per session: an append whose command id the session's
 *       stream holds already stores nothing and returns {@link AppendResult.Duplicate} with the
 *       version at which that command's events end, whatever its expected version (a duplicate
 *       takes precedence over a conflict). The same id in another session is another command.
 *       Appends without a command id are not affected.
 *   <li>When {@code append} returns, the events are as durable as the implementation promises (on
 *       disk, for a JDBC journal); only then may they be acknowledged or broadcast.
 *   <li>{@link #read} returns events in version order, without gaps, each with the command id it
 *       was stored with.
 *   <li>Failures are {@link JournalException}s: {@link JournalException.StorageUnavailable} when
 *       nothing was written, {@link JournalException.OutcomeUnknown} when an append may or may not
 *       have been stored (read the stream, or retry with the same command id), {@link
 *       JournalException.UnreadableEvent} from {@link #read} for a stored event that cannot be read.
 *   <li>Implementations are safe to call from several threads. Nothing is {@code null}.
 * </ul>
 */
public interface EventJournal {

  /**
   * Appends {@code events} to the stream of {@code session} if it is at {@code expectedVersion},
   * and unless the stream holds {@code command} already.
   *
   * @param session whose stream
   * @param expectedVersion the version the caller last saw: 0 for a new stream
   * @param events the events, in order; an empty list appends nothing (nor the command id) and
   *     checks the version and the command id only
   * @param command the id of the command that produced the events, stored with the last of them;
   *     empty for events no client asked for by id (a timer's, an application's own)
   * @return the new version, a conflict or a duplicate (in both, nothing stored)
   * @throws JournalException.StorageUnavailable if nothing could be written
   * @throws JournalException.OutcomeUnknown if the events may or may not have been stored
   */
  AppendResult append(SessionId session, long expectedVersion, List<? extends SessionEvent> events,
      Optional<CommandId> command);

  /**
   * Appends {@code events} without a command id: {@code append(session, expectedVersion, events,
   * Optional.empty())}.
   *
   * @param session whose stream
   * @param expectedVersion the version the caller last saw: 0 for a new stream
   * @param events the events, in order; an empty list appends nothing and checks the version only
   * @return the new version, or a conflict (nothing stored)
   */
  default AppendResult append(SessionId session, long expectedVersion, List<? extends SessionEvent> events) {
    return append(session, expectedVersion, events, Optional.empty());
  }

  /**
   * The events of {@code session} with a version above {@code afterVersion}, in order.
   *
   * @throws JournalException.UnreadableEvent if a stored event cannot be read
   * @throws JournalException.StorageUnavailable if the storage cannot be read
   */
  List<RecordedEvent> read(SessionId session, long afterVersion);

  /** Every event of {@code session}, in order. */
  default List<RecordedEvent> readAll(SessionId session) {
    return read(session, 0);
  }

  /** The version of the stream of {@code session}: the number of its events, 0 if none. */
  long version(SessionId session);

  /** The ids of every session with at least one event, in no particular order. */
  List<SessionId> sessions();

  /**
   * The version at which the events of {@code command} end in the stream of {@code session}, if
   * the stream holds that command id: what {@link AppendResult.Duplicate} would name. A live
   * session loaded from a snapshot asks this for a command whose id it has not seen and that it
   * would otherwise reject. The default reads the whole stream; a journal with an index on command
   * ids answers from it.
   *
   * @throws JournalException.StorageUnavailable if the storage cannot be read
   */
  default Optional<Long> commandVersion(SessionId session, CommandId command) {
    for (RecordedEvent r : read(session, 0)) {
      if (r.commandId().equals(Optional.of(command))) {
        return Optional.of(r.version());
      }
    }
    return Optional.empty();
  }

  /**
   * Where this journal keeps snapshots of its sessions' states, if it does: then {@link
   * LiveSession#load} starts from the newest snapshot and reads only the events after it. Empty by
   * default: a live session replays every event.
   */
  default Optional<SnapshotStore> snapshots() {
    return Optional.empty();
  }

  /**
   * How this journal rewrites stored events for erasing a person's personal data ({@link Erasure}),
   * if it can. Empty by default: an application whose journal cannot rewrite cannot erase.
   */
  default Optional<EventRewriter> rewriter() {
    return Optional.empty();
  }

  /**
   * The owners of this journal's sessions, if it can fence appends (see {@link StreamOwners}): a
   * journal shared by the nodes of a cluster must. Empty by default.
   */
  default Optional<StreamOwners> owners() {
    return Optional.empty();
  }

  /**
   * This journal as the owner of {@code session} at {@code epoch} uses it: appends to {@code
   * session} are stored only while the session's epoch in {@link #owners()} is still {@code epoch},
   * checked in the same transaction as the append, and otherwise throw {@link
   * JournalException.Fenced}, storing nothing. Everything else is this journal's.
   *
   * @throws UnsupportedOperationException if this journal has no {@link #owners()}
   */
  default EventJournal fenced(SessionId session, long epoch) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot fence appends");
  }
}
