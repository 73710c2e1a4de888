package io.peerwork.server.internal;

import io.peerwork.core.AppendResult;
import io.peerwork.core.CommandId;
import io.peerwork.core.EventJournal;
import io.peerwork.core.JournalException;
import io.peerwork.core.RecordedEvent;
import io.peerwork.core.SessionEvent;
import io.peerwork.core.SessionId;
import io.peerwork.core.SessionSnapshot;
import io.peerwork.core.SnapshotStore;
import io.peerwork.core.series.RecordedSeriesEvent;
import io.peerwork.core.series.SeriesEvent;
import io.peerwork.core.series.SeriesId;
import io.peerwork.core.series.SeriesJournal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Bounds what a database outage can take from everything else: at most {@code permits} journal
 * calls of one kind (rooms, or series) wait on the database at once, a call waits at most {@code
 * wait} for its turn, and while {@link DatabaseHealth} says the database is down every call fails at
 * once. Each refusal is a {@link JournalException.StorageUnavailable} (nothing was written), which
 * rooms and series already answer as {@code STORAGE_UNAVAILABLE}. So threads stuck in the database
 * are at most {@code permits}, and the rest of a room's worker pool keeps answering from memory.
 */
final class StorageGuard {
  /** How long a journal call waits for its turn, and a health probe for its answer. */
  static final Duration WAIT = Duration.ofSeconds(2);
  private final DatabaseHealth health;
  private final Semaphore permits;
  private final int size;
  private final Duration wait;

  StorageGuard(DatabaseHealth health, int permits, Duration wait) {
    this.health = health;
    this.permits = new Semaphore(permits);
    this.size = permits;
    this.wait = wait;
  }

  <T> T call(Supplier<T> c) {
    Optional<String> down = health.problem();
    if (down.isPresent()) {
      throw new JournalException.StorageUnavailable("the database is unreachable: " + down.get(), null);
    }
    try {
      if (!permits.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
        health.suspect();
        throw new JournalException.StorageUnavailable("the database is busy: " + size
            + " calls have waited on it for over " + wait.toSeconds() + " s", null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JournalException.StorageUnavailable("interrupted while waiting for the database", e);
    }
    try {
      return c.get();
    } catch (JournalException.Fenced e) {
      throw e; // an answer of a database that works: another node owns the stream
    } catch (JournalException.StorageUnavailable | JournalException.OutcomeUnknown e) {
      health.suspect();
      throw e;
    } finally {
      permits.release();
    }
  }

  private void run(Runnable r) {
    call(() -> {
      r.run();
      return null;
    });
  }

  /** {@code journal}, each call through this guard. */
  EventJournal guard(EventJournal journal) {
    Optional<SnapshotStore> snapshots = journal.snapshots().map(s -> new SnapshotStore() {
      @Override
      public int interval() {
        return s.interval();
      }

      @Override
      public Optional<SessionSnapshot> latest(SessionId session) {
        return call(() -> s.latest(session));
      }

      @Override
      public void save(SessionSnapshot snapshot) {
        run(() -> s.save(snapshot));
      }
    });
    return new EventJournal() {
      @Override
      public AppendResult append(SessionId session, long expectedVersion, List<? extends SessionEvent> events,
          Optional<CommandId> command) {
        return call(() -> journal.append(session, expectedVersion, events, command));
      }

      @Override
      public List<RecordedEvent> read(SessionId session, long afterVersion) {
        return call(() -> journal.read(session, afterVersion));
      }

      @Override
      public long version(SessionId session) {
        return call(() -> journal.version(session));
      }

      @Override
      public List<SessionId> sessions() {
        return call(journal::sessions);
      }

      @Override
      public Optional<Long> commandVersion(SessionId session, CommandId command) {
        return call(() -> journal.commandVersion(session, command));
      }

      @Override
      public Optional<SnapshotStore> snapshots() {
        return snapshots;
      }

      @Override
      public Optional<io.peerwork.core.StreamOwners> owners() {
        return journal.owners().map(StorageGuard.this::guard);
      }

      @Override
      public Optional<io.peerwork.core.EventRewriter> rewriter() {
        return journal.rewriter().map(r -> (session, change) -> call(() -> r.rewrite(session, change)));
      }

      @Override
      public EventJournal fenced(SessionId session, long epoch) {
        return guard(journal.fenced(session, epoch));
      }
    };
  }

  /** {@code owners}, each call through this guard. */
  io.peerwork.core.StreamOwners guard(io.peerwork.core.StreamOwners owners) {
    return new io.peerwork.core.StreamOwners() {
      @Override
      public long take(Stream stream, String node) {
        return call(() -> owners.take(stream, node));
      }

      @Override
      public Optional<Owner> owner(Stream stream) {
        return call(() -> owners.owner(stream));
      }
    };
  }

  /** {@code journal}, each call through this guard. */
  SeriesJournal guard(SeriesJournal journal) {
    return new SeriesJournal() {
      @Override
      public AppendResult append(SeriesId series, long expectedVersion,
          List<? extends SeriesEvent> events) {
        return call(() -> journal.append(series, expectedVersion, events));
      }

      @Override
      public List<RecordedSeriesEvent> read(SeriesId series, long afterVersion) {
        return call(() -> journal.read(series, afterVersion));
      }

      @Override
      public long version(SeriesId series) {
        return call(() -> journal.version(series));
      }

      @Override
      public List<SeriesId> series() {
        return call(journal::series);
      }

      @Override
      public Optional<io.peerwork.core.StreamOwners> owners() {
        return journal.owners().map(StorageGuard.this::guard);
      }

      @Override
      public Optional<io.peerwork.core.series.SeriesEventRewriter> rewriter() {
        return journal.rewriter().map(r -> (series, change) -> call(() -> r.rewrite(series, change)));
      }

      @Override
      public SeriesJournal fenced(SeriesId series, long epoch) {
        return guard(journal.fenced(series, epoch));
      }
    };
  }
}
