package io.peerwork.core;

import io.peerwork.core.internal.FencedJournals;
import io.peerwork.core.internal.InMemoryStreamOwners;
import io.peerwork.core.internal.InMemoryStreams;
import java.util.List;
import java.util.Optional;

/**
 * An {@link EventJournal} in memory: for tests, simulations and applications that keep nothing.
 * Thread-safe; appends to one session are serialized, different sessions do not contend. Keeps
 * each command id once per session, as the contract says.
 *
 * <p>It can fence appends ({@link #owners()}, {@link #fenced}): its owners are kept in memory, by
 * this journal alone, and a fenced append checks the session's epoch and stores its events while
 * holding the session's owner lock, so that no {@link StreamOwners#take take} comes in between.
 */
public final class InMemoryEventJournal implements EventJournal {
  private final InMemoryStreams<SessionId, SessionEvent, RecordedEvent> streams =
      new InMemoryStreams<>(RecordedEvent::new);
  private final InMemoryStreamOwners owners = new InMemoryStreamOwners();

  /** An empty journal: no session, no owner. */
  public InMemoryEventJournal() {}

  @Override
  public AppendResult append(SessionId session, long expectedVersion, List<? extends SessionEvent> events,
      Optional<CommandId> command) {
    return streams.append(session, expectedVersion, events, command);
  }

  @Override
  public List<RecordedEvent> read(SessionId session, long afterVersion) {
    return streams.read(session, afterVersion);
  }

  @Override
  public long version(SessionId session) {
    return streams.version(session);
  }

  @Override
  public List<SessionId> sessions() {
    return streams.keys();
  }

  /** Rewrites events in memory, for erasure; this journal keeps no snapshots to drop. */
  @Override
  public Optional<EventRewriter> rewriter() {
    return Optional.of((session, change) -> streams.rewrite(session, change, RecordedEvent::event,
        (r, e) -> new RecordedEvent(r.session(), r.version(), e, r.commandId())));
  }

  /** The owners of this journal's sessions, in memory. */
  @Override
  public Optional<StreamOwners> owners() {
    return Optional.of(owners);
  }

  @Override
  public EventJournal fenced(SessionId session, long epoch) {
    StreamOwners.Stream stream = StreamOwners.Stream.of(session);
    return FencedJournals.session(this, session, epoch, (expectedVersion, events, command) ->
        owners.appendAsOwner(stream, epoch, () -> streams.append(session, expectedVersion, events, command)));
  }
}
