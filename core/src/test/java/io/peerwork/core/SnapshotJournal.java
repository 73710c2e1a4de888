package io.peerwork.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-memory journal with an in-memory {@link SnapshotStore}, for tests: keeps every snapshot
 * saved (newest per session is {@code latest}), and can be told to fail saves.
 */
final class SnapshotJournal implements EventJournal {
  final InMemoryEventJournal events = new InMemoryEventJournal();
  final Map<SessionId, SessionSnapshot> newest = new ConcurrentHashMap<>();
  /** Every snapshot saved, in order. */
  final List<SessionSnapshot> saved = new ArrayList<>();
  /** The {@code afterVersion} of every read, in order. */
  final List<Long> readsAfter = new ArrayList<>();
  int commandLookups;
  boolean failSaves;
  private final Store store;

  SnapshotJournal(int interval) {
    this.store = new Store(interval);
  }

  private final class Store implements SnapshotStore {
    private final int interval;

    Store(int interval) {
      this.interval = interval;
    }

    @Override
    public int interval() {
      return interval;
    }

    @Override
    public Optional<SessionSnapshot> latest(SessionId session) {
      return Optional.ofNullable(newest.get(session));
    }

    @Override
    public void save(SessionSnapshot snapshot) {
      if (failSaves) {
        throw new JournalException.StorageUnavailable("the snapshot store is down (on purpose)", null);
      }
      saved.add(snapshot);
      newest.put(snapshot.id(), snapshot);
    }
  }

  @Override
  public AppendResult append(SessionId session, long expectedVersion, List<? extends SessionEvent> list,
      Optional<CommandId> command) {
    return events.append(session, expectedVersion, list, command);
  }

  @Override
  public List<RecordedEvent> read(SessionId session, long afterVersion) {
    readsAfter.add(afterVersion);
    return events.read(session, afterVersion);
  }

  @Override
  public long version(SessionId session) {
    return events.version(session);
  }

  @Override
  public List<SessionId> sessions() {
    return events.sessions();
  }

  @Override
  public Optional<Long> commandVersion(SessionId session, CommandId command) {
    commandLookups++;
    return EventJournal.super.commandVersion(session, command);
  }

  @Override
  public Optional<SnapshotStore> snapshots() {
    return Optional.of(store);
  }

  /** The events, without their versions. */
  List<SessionEvent> all(SessionId session) {
    var out = new ArrayList<SessionEvent>();
    events.readAll(session).forEach(r -> out.add(r.event()));
    return out;
  }
}
