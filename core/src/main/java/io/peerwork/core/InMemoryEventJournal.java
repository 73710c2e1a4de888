package io.peerwork.core;

import io.peerwork.core.internal.InMemoryStreams;
import java.util.List;

/**
 * An {@link EventJournal} in memory: for tests, simulations and applications that keep nothing.
 * Thread-safe; appends to one session are serialized, different sessions do not contend.
 */
public final class InMemoryEventJournal implements EventJournal {
  private final InMemoryStreams<SessionId, SessionEvent, RecordedEvent> streams =
      new InMemoryStreams<>(RecordedEvent::new);

  @Override
  public AppendResult append(SessionId session, long expectedVersion, List<? extends SessionEvent> events) {
    return streams.append(session, expectedVersion, events);
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
