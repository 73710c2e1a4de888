package io.peerwork.server;

import io.peerwork.core.AppendResult;
import io.peerwork.core.CommandId;
import io.peerwork.core.EventJournal;
import io.peerwork.core.JournalException;
import io.peerwork.core.RecordedEvent;
import io.peerwork.core.SessionEvent;
import io.peerwork.core.SessionId;
import io.peerwork.jdbc.JdbcEventJournal;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real JDBC journal with database failures that a test switches on: the failure is injected at
 * the journal port, around the real append, so what is stored is what a real outage would leave.
 */
final class FaultyJournal implements EventJournal, AutoCloseable {
  /** What the next appends do. */
  enum Fault {
    /** Append as usual. */
    NONE,
    /** Store nothing and say so ({@code StorageUnavailable}). */
    BEFORE_COMMIT,
    /** Store the events, then lose the answer ({@code OutcomeUnknown}). */
    AFTER_COMMIT
  }

  private final JdbcEventJournal real;
  private volatile Fault fault = Fault.NONE;
  /** How many more appends get the fault; then appends work again. */
  private final AtomicInteger times = new AtomicInteger();

  FaultyJournal(JdbcEventJournal real) {
    this.real = real;
  }

  /** While not null: every call waits for it (a database that does not answer). */
  private volatile java.util.concurrent.CountDownLatch gate;

  /** From now on every call waits, as on a database that stopped answering, until {@link #unblock}. */
  void block() {
    gate = new java.util.concurrent.CountDownLatch(1);
  }

  /** The database answers again: calls that waited carry on. */
  void unblock() {
    java.util.concurrent.CountDownLatch g = gate;
    gate = null;
    if (g != null) {
      g.countDown();
    }
  }

  private void pass() {
    java.util.concurrent.CountDownLatch g = gate;
    if (g != null) {
      try {
        g.await(60, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The next {@code n} appends fail with {@code f}. */
  void fail(Fault f, int n) {
    fault = f;
    times.set(n);
  }

  @Override
  public AppendResult append(SessionId s, long v, List<? extends SessionEvent> events, Optional<CommandId> id) {
    pass();
    Fault f = times.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? fault : Fault.NONE;
    switch (f) {
      case BEFORE_COMMIT -> throw new JournalException.StorageUnavailable("database down (test)", null);
      case AFTER_COMMIT -> {
        real.append(s, v, events, id);
        throw new JournalException.OutcomeUnknown("connection lost during commit (test)", null);
      }
      default -> {
        return real.append(s, v, events, id);
      }
    }
  }

  @Override
  public List<RecordedEvent> read(SessionId s, long after) {
    pass();
    return real.read(s, after);
  }

  @Override
  public long version(SessionId s) {
    pass();
    return real.version(s);
  }

  @Override
  public List<SessionId> sessions() {
    return real.sessions();
  }

  @Override
  public void close() {
    real.close();
  }
}
