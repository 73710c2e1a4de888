package org.example.embedding;

import io.peerwork.core.AppendResult;
import io.peerwork.core.CommandId;
import io.peerwork.core.EventJournal;
import io.peerwork.core.RecordedEvent;
import io.peerwork.core.SessionEvent;
import io.peerwork.core.SessionId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * An organisation's own journal: it keeps the events in its own store (here a map) and hands each
 * stored event to the rest of its systems (here a listener, in real life a message bus or an audit
 * log). Appends are all or nothing, check the expected version and keep each command id once per
 * session, as the port demands.
 */
public final class ForwardingJournal implements EventJournal {
  private final Map<SessionId, List<RecordedEvent>> streams = new HashMap<>();
  private final Consumer<RecordedEvent> forward;

  /** A journal that hands every stored event to {@code forward}, after it is stored. */
  public ForwardingJournal(Consumer<RecordedEvent> forward) {
    this.forward = forward;
  }

  @Override
  public synchronized AppendResult append(SessionId session, long expectedVersion,
      List<? extends SessionEvent> events, Optional<CommandId> command) {
    List<RecordedEvent> stream = streams.computeIfAbsent(session, id -> new ArrayList<>());
    if (command.isPresent()) {
      for (RecordedEvent r : stream) {
        if (r.commandId().equals(command)) {
          return new AppendResult.Duplicate(command.get(), r.version());
        }
      }
    }
    if (stream.size() != expectedVersion) {
      return new AppendResult.Conflict(expectedVersion, stream.size());
    }
    var stored = new ArrayList<RecordedEvent>(events.size());
    for (SessionEvent e : events) {
      long version = expectedVersion + stored.size() + 1;
      boolean last = stored.size() == events.size() - 1;
      stored.add(new RecordedEvent(session, version, e, last ? command : Optional.empty()));
    }
    stream.addAll(stored);
    stored.forEach(forward);
    return new AppendResult.Appended(stream.size());
  }

  @Override
  public synchronized List<RecordedEvent> read(SessionId session, long afterVersion) {
    List<RecordedEvent> stream = streams.getOrDefault(session, List.of());
    int from = (int) Math.min(Math.max(afterVersion, 0), stream.size());
    return List.copyOf(stream.subList(from, stream.size()));
  }

  @Override
  public synchronized long version(SessionId session) {
    return streams.getOrDefault(session, List.of()).size();
  }

  @Override
  public synchronized List<SessionId> sessions() {
    return streams.entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey).toList();
  }
}
