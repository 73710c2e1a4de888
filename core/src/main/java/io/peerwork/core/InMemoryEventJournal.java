package io.peerwork.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An {@link EventJournal} in memory: for tests, simulations and applications that keep nothing.
 * Thread-safe; appends to one session are serialized, different sessions do not contend.
 */
public final class InMemoryEventJournal implements EventJournal {
  private final Map<SessionId, List<RecordedEvent>> streams = new ConcurrentHashMap<>();

  @Override
  public AppendResult append(SessionId session, long expectedVersion, List<? extends SessionEvent> events) {
    List<RecordedEvent> stream = streams.computeIfAbsent(session, id -> new ArrayList<>());
    synchronized (stream) {
      long actual = stream.size();
      if (actual != expectedVersion) {
        return new AppendResult.Conflict(expectedVersion, actual);
      }
      long v = actual;
      for (SessionEvent e : events) {
        stream.add(new RecordedEvent(session, ++v, e));
      }
      return new AppendResult.Appended(v);
    }
  }

  @Override
  public List<RecordedEvent> read(SessionId session, long afterVersion) {
    List<RecordedEvent> stream = streams.get(session);
    if (stream == null) {
      return List.of();
    }
    synchronized (stream) {
      int from = (int) Math.min(Math.max(afterVersion, 0), stream.size());
      return List.copyOf(stream.subList(from, stream.size()));
    }
  }

  @Override
  public long version(SessionId session) {
    List<RecordedEvent> stream = streams.get(session);
    if (stream == null) {
      return 0;
    }
    synchronized (stream) {
      return stream.size();
    }
  }

  @Override
  public List<SessionId> sessions() {
    var ids = new ArrayList<SessionId>();
    streams.forEach((id, stream) -> {
      synchronized (stream) {
        if (!stream.isEmpty()) {
          ids.add(id);
        }
      }
    });
    return ids;
  }
}
