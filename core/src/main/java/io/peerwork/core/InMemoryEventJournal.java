package io.peerwork.core;

import io.peerwork.core.internal.InMemoryStreams;
import java.util.List;
import java.util.Optional;

/**
 * An {@link EventJournal} in memory: for tests, simulations and applications that keep nothing.
 * Thread-safe; appends to one session are serialized, different sessions do not contend. Keeps
 * each command id once per session, as the contract says.
 */
public final class InMemoryEventJournal implements EventJournal {
  private final InMemoryStreams<SessionId, SessionEvent, RecordedEvent> streams =
      new InMemoryStreams<>(RecordedEvent::new);

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
}
