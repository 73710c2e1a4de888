package io.peerwork.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.peerwork.core.AppendResult;
import io.peerwork.core.CommandId;
import io.peerwork.core.GoalId;
import io.peerwork.core.JournalException;
import io.peerwork.core.RecordedEvent;
import io.peerwork.core.SessionEvent;
import io.peerwork.core.SessionEvent.GoalEdited;
import io.peerwork.core.SessionId;
import io.peerwork.core.StreamOwners;
import io.peerwork.jdbc.internal.EventCodec;
import io.peerwork.jdbc.internal.Migrations;
import io.peerwork.jdbc.internal.OwnerTable;
import io.peerwork.jdbc.internal.StreamTable;
import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Appends from many threads at once are committed in groups, and every caller still gets exactly
 * its own answer: when a stream in the group has moved, when a commit fails, when something
 * unexpected is thrown, and when a caller's thread is interrupted. And each failure is classified
 * by what can have been stored: {@link JournalException.StorageUnavailable} only where nothing
 * was, {@link JournalException.OutcomeUnknown} where a commit was under way, and a retry with the
 * same command id then applies the append exactly once. The database (an H2 file) is real; a thin
 * wrapper only slows its commits down, so that appends pile up behind one, and fails one commit
 * (before or after it reached the database) when a test asks it to. Appends fenced by an epoch
 * that is no longer their stream's are taken out of their group, and the rest of it commits.
 */
class GroupCommitTest {
  private static final Instant T0 = Instant.parse("2026-03-03T08:00:00Z");
  private static final StreamTable.Kind<SessionId, SessionEvent, RecordedEvent> KIND = new StreamTable.Kind<>(
      "peerwork_event", "session_id", "session", "sessions", JdbcEventJournal.SCHEMA_VERSION,
      SessionId::value, SessionId::of, RecordedEvent::new, UnreadableEventException::new, true);

  private HikariDataSource pool;
  private final AtomicInteger commits = new AtomicInteger();
  private volatile long commitDelayMs = 40;
  private final AtomicBoolean failNextCommit = new AtomicBoolean();
  private final AtomicBoolean loseNextCommitsAnswer = new AtomicBoolean();
  private final AtomicBoolean clockThrowsOnce = new AtomicBoolean();
  private StreamTable<SessionId, SessionEvent, RecordedEvent> table;
  private ExecutorService threads;

  @BeforeEach
  void open() {
    var config = new HikariConfig();
    config.setJdbcUrl(JdbcEventJournal.Builder.effectiveUrl(TestDatabases.newH2FileUrl("group-commit")));
    config.setMaximumPoolSize(4);
    pool = new HikariDataSource(config);
    Migrations.migrate(pool, null);
    Clock clock = new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        if (clockThrowsOnce.compareAndSet(true, false)) {
          throw new IllegalStateException("a clock that breaks (a stand-in for anything unexpected)");
        }
        return T0;
      }
    };
    table = new StreamTable<>(KIND, slowCommits(pool), new EventCodec<>(SessionEvent.class, EventUpcaster.none()),
        clock, "the test database");
    threads = Executors.newCachedThreadPool();
  }

  @AfterEach
  void close() throws Exception {
    threads.shutdown();
    assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).as("no append left hanging").isTrue();
    pool.close();
  }

  @Test
  void appendsThatArriveTogetherShareACommitAndEachGetsItsOwnAnswer() throws Exception {
    int streams = 12;
    int appendsEach = 6;
    List<Future<List<SessionEvent>>> results = new ArrayList<>();
    var start = new CountDownLatch(1);
    for (int s = 0; s < streams; s++) {
      SessionId id = SessionId.of("room-" + s);
      int stream = s;
      results.add(threads.submit(() -> {
        start.await();
        var mine = new ArrayList<SessionEvent>();
        long version = 0;
        for (int i = 0; i < appendsEach; i++) {
          List<SessionEvent> events = events("s" + stream + "-" + i, 1 + i % 2);
          assertThat(table.append(id, version, events)).isEqualTo(new AppendResult.Appended(version + events.size()));
          mine.addAll(events);
          version += events.size();
        }
        return mine;
      }));
    }
    start.countDown();
    for (int s = 0; s < streams; s++) {
      List<SessionEvent> mine = results.get(s).get(60, TimeUnit.SECONDS);
      assertThat(read(SessionId.of("room-" + s))).isEqualTo(mine);
    }
    assertThat(commits.get()).as("commits for %d appends", streams * appendsEach)
        .isLessThan(streams * appendsEach / 2);
  }

  @Test
  void aStreamThatMovedGetsItsConflictAndTheOthersInItsGroupAreAppended() throws Exception {
    SessionId moved = SessionId.of("moved");
    assertThat(table.append(moved, 0, events("first", 2))).isEqualTo(new AppendResult.Appended(2));
    var inFlight = blockOneCommit();
    // While that commit is held, a stale append and fresh ones queue up: they form the next group.
    Future<AppendResult> stale = threads.submit(() -> table.append(moved, 1, events("stale", 1)));
    Future<AppendResult> ahead = threads.submit(() -> table.append(moved, 5, events("ahead", 1)));
    List<Future<AppendResult>> fresh = new ArrayList<>();
    for (int s = 0; s < 6; s++) {
      SessionId id = SessionId.of("fresh-" + s);
      fresh.add(threads.submit(() -> table.append(id, 0, events(id.value(), 2))));
    }
    awaitWaiting(8);
    int before = commits.get();
    inFlight.countDown();

    assertThat(stale.get(30, TimeUnit.SECONDS)).isEqualTo(new AppendResult.Conflict(1, 2));
    assertThat(ahead.get(30, TimeUnit.SECONDS)).isEqualTo(new AppendResult.Conflict(5, 2));
    for (int s = 0; s < 6; s++) {
      assertThat(fresh.get(s).get(30, TimeUnit.SECONDS)).isEqualTo(new AppendResult.Appended(2));
      assertThat(read(SessionId.of("fresh-" + s))).isEqualTo(events("fresh-" + s, 2));
    }
    assertThat(read(moved)).isEqualTo(events("first", 2));
    assertThat(commits.get() - before).as("the six fresh appends went in fewer commits than six").isLessThan(6);
  }

  @Test
  void aFailedCommitFailsOnlyItsGroupAndEveryCallerHearsOfIt() throws Exception {
    assertEveryAppendOfTheNextGroupFails("lost-", () -> failNextCommit.set(true), "commit refused",
        JournalException.OutcomeUnknown.class);
    // The journal goes on: the same streams take their first events now.
    for (int s = 0; s < 5; s++) {
      SessionId id = SessionId.of("lost-" + s);
      long version = read(id).size();
      assertThat(table.append(id, version, events("again", 1))).isEqualTo(new AppendResult.Appended(version + 1));
    }
  }

  @Test
  void somethingUnexpectedInAGroupAnswersEveryCallerAndLeavesNobodyWaiting() throws Exception {
    // Where the failure came from is not known to the group's writer: the honest answer is "unknown".
    assertEveryAppendOfTheNextGroupFails("odd-", () -> clockThrowsOnce.set(true), "a clock that breaks",
        JournalException.OutcomeUnknown.class);
    assertThat(table.append(SessionId.of("odd-after"), 0, events("after", 1))).isEqualTo(new AppendResult.Appended(1));
  }

  @Test
  void anInterruptedCallerGetsItsAnswerAndKeepsItsInterrupt() throws Exception {
    var inFlight = blockOneCommit();
    var interruptedAfter = new AtomicBoolean();
    Future<AppendResult> interrupted = threads.submit(() -> {
      Thread.currentThread().interrupt();
      AppendResult r = table.append(SessionId.of("interrupted"), 0, events("i", 1));
      interruptedAfter.set(Thread.interrupted());
      return r;
    });
    Future<AppendResult> other = threads.submit(() -> table.append(SessionId.of("other"), 0, events("o", 1)));
    awaitWaiting(2);
    inFlight.countDown();
    assertThat(interrupted.get(30, TimeUnit.SECONDS)).isEqualTo(new AppendResult.Appended(1));
    assertThat(other.get(30, TimeUnit.SECONDS)).isEqualTo(new AppendResult.Appended(1));
    assertThat(interruptedAfter).as("the caller's interrupt is kept").isTrue();
    assertThat(read(SessionId.of("interrupted"))).isEqualTo(events("i", 1));
  }

  // ---------------------------------------------------------------- fences

  @Test
  void aFencedOutAppendLeavesItsGroupAndTheOthersCommitTogether() throws Exception {
    var owners = new OwnerTable(pool, Clock.systemUTC(), "the test database");
    SessionId taken = SessionId.of("taken-over");
    assertThat(owners.take(StreamOwners.Stream.of(taken), "node-1")).isEqualTo(1);
    assertThat(owners.take(StreamOwners.Stream.of(taken), "node-2")).isEqualTo(2);
    SessionId moved = SessionId.of("moved");
    assertThat(table.append(moved, 0, events("first", 1))).isEqualTo(new AppendResult.Appended(1));
    var inFlight = blockOneCommit();
    // Behind the held commit: the old owner's append and the new owner's (both at version 0), a
    // stale append, fenced appends of owners still current, and appends without a fence.
    Future<AppendResult> old = threads.submit(() -> table.append(taken, 0, events("old", 2), Optional.empty(),
        Optional.of(fence(taken, 1))));
    Future<AppendResult> stale = threads.submit(() -> table.append(moved, 0, events("stale", 1)));
    List<Future<AppendResult>> fine = new ArrayList<>();
    for (int s = 0; s < 3; s++) {
      // Ids in an order other than their submission's: the group locks owner rows sorted.
      SessionId id = SessionId.of("owned-" + (char) ('c' - s));
      assertThat(owners.take(StreamOwners.Stream.of(id), "node-1")).isEqualTo(1);
      fine.add(threads.submit(() -> table.append(id, 0, events(id.value(), 2), Optional.empty(),
          Optional.of(fence(id, 1)))));
    }
    for (int s = 0; s < 2; s++) {
      SessionId id = SessionId.of("plain-" + s);
      fine.add(threads.submit(() -> table.append(id, 0, events(id.value(), 1))));
    }
    Future<AppendResult> current = threads.submit(() -> table.append(taken, 0, events("new", 1), Optional.empty(),
        Optional.of(fence(taken, 2))));
    awaitWaiting(8);
    int before = commits.get();
    inFlight.countDown();

    assertThatThrownBy(() -> old.get(30, TimeUnit.SECONDS)).cause().isInstanceOfSatisfying(JournalException.Fenced.class,
        f -> {
          assertThat(f.stream()).isEqualTo(StreamOwners.Stream.of(taken));
          assertThat(f.epoch()).isEqualTo(1);
        });
    assertThat(current.get(30, TimeUnit.SECONDS)).isEqualTo(new AppendResult.Appended(1));
    assertThat(stale.get(30, TimeUnit.SECONDS)).isEqualTo(new AppendResult.Conflict(0, 1));
    for (Future<AppendResult> f : fine) {
      assertThat(f.get(30, TimeUnit.SECONDS)).isInstanceOf(AppendResult.Appended.class);
    }
    assertThat(read(taken)).as("only the current owner's events").isEqualTo(events("new", 1));
    assertThat(read(SessionId.of("owned-a"))).isEqualTo(events("owned-a", 2));
    assertThat(read(SessionId.of("plain-1"))).isEqualTo(events("plain-1", 1));
    // The held one, the stale one alone, and the six that passed (fewer commits than six).
    assertThat(commits.get() - before).isLessThan(6);
  }

  @Test
  void aGroupOfFencedOutAppendsOnlyStoresNothing() throws Exception {
    var owners = new OwnerTable(pool, Clock.systemUTC(), "the test database");
    var inFlight = blockOneCommit();
    List<Future<AppendResult>> group = new ArrayList<>();
    for (int s = 0; s < 3; s++) {
      SessionId id = SessionId.of("lost-owner-" + s);
      if (s > 0) { // the first was never taken
        owners.take(StreamOwners.Stream.of(id), "node-1");
        owners.take(StreamOwners.Stream.of(id), "node-2");
      }
      group.add(threads.submit(() -> table.append(id, 0, events(id.value(), 1), Optional.of(CommandId.of("c")),
          Optional.of(fence(id, 1)))));
    }
    awaitWaiting(3);
    inFlight.countDown();
    for (int s = 0; s < 3; s++) {
      Future<AppendResult> f = group.get(s);
      assertThatThrownBy(() -> f.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(JournalException.Fenced.class);
      assertThat(read(SessionId.of("lost-owner-" + s))).isEmpty();
    }
    // An append whose fence holds goes on, through a table that kept no lock.
    SessionId id = SessionId.of("lost-owner-1");
    assertThat(table.append(id, 0, events("now", 1), Optional.of(CommandId.of("c")), Optional.of(fence(id, 2))))
        .isEqualTo(new AppendResult.Appended(1));
  }

  private static StreamTable.Fence fence(SessionId id, long epoch) {
    return new StreamTable.Fence(StreamOwners.Stream.of(id), epoch);
  }

  // ---------------------------------------------------------------- what can have been stored

  @Test
  void aCommitWhoseAnswerIsLostIsAnUnknownOutcomeAndARetryWithTheSameIdIsADuplicate() {
    SessionId id = SessionId.of("answer-lost");
    Optional<CommandId> command = Optional.of(CommandId.of("ana/1"));
    loseNextCommitsAnswer.set(true);

    assertThatThrownBy(() -> table.append(id, 0, events("once", 2), command))
        .isInstanceOf(JournalException.OutcomeUnknown.class)
        .hasMessageContaining("may or may not be stored")
        .hasRootCauseMessage("connection reset during commit (a test's stand-in for a network that fails)");

    // It did commit: the retry finds it, whatever version it expects, and stores nothing again.
    assertThat(table.append(id, 0, events("once", 2), command)).isEqualTo(new AppendResult.Duplicate(command.get(), 2));
    assertThat(table.append(id, 2, events("once", 2), command)).isEqualTo(new AppendResult.Duplicate(command.get(), 2));
    assertThat(table.read(id, 0)).extracting(RecordedEvent::commandId).containsExactly(Optional.empty(), command);
    assertThat(read(id)).isEqualTo(events("once", 2));
  }

  @Test
  void aCommitThatFailedBeforeTheDatabaseIsAnUnknownOutcomeAndARetryWithTheSameIdAppliesItOnce() {
    SessionId id = SessionId.of("refused");
    Optional<CommandId> command = Optional.of(CommandId.of("ana/1"));
    failNextCommit.set(true);

    assertThatThrownBy(() -> table.append(id, 0, events("once", 2), command))
        .isInstanceOf(JournalException.OutcomeUnknown.class);

    assertThat(table.append(id, 0, events("once", 2), command)).isEqualTo(new AppendResult.Appended(2));
    assertThat(table.append(id, 2, events("once", 2), command)).isEqualTo(new AppendResult.Duplicate(command.get(), 2));
    assertThat(read(id)).isEqualTo(events("once", 2));
  }

  @Test
  void aGroupWhoseCommitAnswerIsLostIsUnknownToEveryCallerAndEachRetryIsADuplicate() throws Exception {
    List<Future<AppendResult>> group = assertEveryAppendOfTheNextGroupFails("group-lost-",
        () -> loseNextCommitsAnswer.set(true), "connection reset during commit", JournalException.OutcomeUnknown.class);
    assertThat(group).hasSize(5);
    for (int s = 0; s < 5; s++) {
      SessionId id = SessionId.of("group-lost-" + s);
      Optional<CommandId> command = Optional.of(CommandId.of("cmd-" + s));
      assertThat(table.append(id, 0, events(id.value(), 1), command))
          .isEqualTo(new AppendResult.Duplicate(command.get(), 1));
      assertThat(read(id)).isEqualTo(events(id.value(), 1));
    }
  }

  @Test
  void aStatementTheDatabaseRejectsIsStorageUnavailableForItsCallerOnlyAndStoresNothing() throws Exception {
    var inFlight = blockOneCommit();
    SessionId bad = SessionId.of("too-long");
    // The payload column holds up to 1,000,000 characters: this append fails at its insert.
    Future<AppendResult> tooLong = threads.submit(() -> table.append(bad, 0,
        List.of(new GoalEdited(T0, GoalId.of("g1"), "x".repeat(1_000_001))), Optional.of(CommandId.of("big"))));
    List<Future<AppendResult>> fine = new ArrayList<>();
    for (int s = 0; s < 4; s++) {
      SessionId id = SessionId.of("fine-" + s);
      fine.add(threads.submit(() -> table.append(id, 0, events(id.value(), 2), Optional.of(CommandId.of("c")))));
    }
    awaitWaiting(5);
    inFlight.countDown();

    assertThatThrownBy(() -> tooLong.get(30, TimeUnit.SECONDS))
        .cause().isInstanceOf(JournalException.StorageUnavailable.class).isInstanceOf(JournalStorageException.class)
        .hasMessageContaining("nothing was stored");
    for (int s = 0; s < 4; s++) {
      assertThat(fine.get(s).get(30, TimeUnit.SECONDS)).isEqualTo(new AppendResult.Appended(2));
    }
    assertThat(table.read(bad, 0)).isEmpty();
    // Its id was not stored either: the same command, fixed, goes in.
    assertThat(table.append(bad, 0, events("fixed", 1), Optional.of(CommandId.of("big"))))
        .isEqualTo(new AppendResult.Appended(1));
  }

  @Test
  void noConnectionIsStorageUnavailable() {
    pool.close();

    assertThatThrownBy(() -> table.append(SessionId.of("closed"), 0, events("e", 1), Optional.of(CommandId.of("c"))))
        .isInstanceOf(JournalException.StorageUnavailable.class)
        .hasMessageContaining("nothing was stored");
    assertThatThrownBy(() -> table.read(SessionId.of("closed"), 0)).isInstanceOf(JournalException.StorageUnavailable.class);
  }

  /**
   * Five appends (to streams {@code prefix0..4}, each with the command id {@code cmd-<n>}) queue
   * up behind a held commit and go as one group, with {@code breakIt} run just before; each of
   * their callers must get a {@code type} caused by {@code why}.
   */
  private List<Future<AppendResult>> assertEveryAppendOfTheNextGroupFails(String prefix, Runnable breakIt, String why,
      Class<? extends JournalException> type) throws Exception {
    var inFlight = blockOneCommit();
    List<Future<AppendResult>> group = new ArrayList<>();
    for (int s = 0; s < 5; s++) {
      SessionId id = SessionId.of(prefix + s);
      Optional<CommandId> command = Optional.of(CommandId.of("cmd-" + s));
      group.add(threads.submit(() -> table.append(id, 0, events(id.value(), 1), command)));
    }
    awaitWaiting(5);
    breakIt.run();
    inFlight.countDown();
    for (Future<AppendResult> f : group) {
      assertThatThrownBy(() -> f.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(type)
          .rootCause().hasMessageContaining(why);
    }
    return group;
  }

  /**
   * Starts an append whose commit waits until the returned latch is counted down, and returns
   * once that commit has begun: appends asked for meanwhile queue up behind it.
   */
  private CountDownLatch blockOneCommit() throws Exception {
    var release = new CountDownLatch(1);
    var begun = new CountDownLatch(1);
    commitGate = () -> {
      begun.countDown();
      release.await(30, TimeUnit.SECONDS);
      return null;
    };
    threads.submit(() -> table.append(SessionId.of("holder-" + System.nanoTime()), 0, events("holder", 1)));
    assertThat(begun.await(30, TimeUnit.SECONDS)).isTrue();
    return release;
  }

  private volatile Callable<Void> commitGate;

  private List<SessionEvent> read(SessionId id) {
    return table.read(id, 0).stream().map(RecordedEvent::event).toList();
  }

  private static List<SessionEvent> events(String prefix, int n) {
    var out = new ArrayList<SessionEvent>();
    for (int i = 1; i <= n; i++) {
      out.add(new GoalEdited(T0, GoalId.of("g1"), prefix + "-" + i));
    }
    return out;
  }

  /** Waits until {@code n} appends queue behind the commit under way: the next group. */
  private void awaitWaiting(int n) {
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
        .until(() -> table.waitingAppends() >= n);
  }

  /** The pool, with commits that take {@link #commitDelayMs}, wait at a gate, or fail when asked. */
  private DataSource slowCommits(DataSource real) {
    return new DataSource() {
      @Override
      public Connection getConnection() throws SQLException {
        Connection c = real.getConnection();
        InvocationHandler h = (proxy, method, args) -> {
          if (method.getName().equals("commit")) {
            // Decided on the way in: a commit already waiting at the gate is not the next one.
            boolean fail = failNextCommit.compareAndSet(true, false);
            boolean lose = !fail && loseNextCommitsAnswer.compareAndSet(true, false);
            Callable<Void> gate = commitGate;
            if (gate != null) {
              commitGate = null;
              gate.call();
            }
            Thread.sleep(commitDelayMs);
            commits.incrementAndGet();
            if (fail) {
              c.rollback();
              throw new SQLException("commit refused (a test's stand-in for a disk that fails)");
            }
            if (lose) {
              c.commit(); // it reached the database; its answer does not reach the journal
              throw new SQLException("connection reset during commit (a test's stand-in for a network that fails)",
                  "08006");
            }
          }
          try {
            return method.invoke(c, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        };
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class}, h);
      }

      @Override
      public Connection getConnection(String user, String password) throws SQLException {
        return getConnection();
      }

      @Override
      public PrintWriter getLogWriter() {
        return null;
      }

      @Override
      public void setLogWriter(PrintWriter out) {}

      @Override
      public void setLoginTimeout(int seconds) {}

      @Override
      public int getLoginTimeout() {
        return 0;
      }

      @Override
      public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
      }

      @Override
      public <T> T unwrap(Class<T> iface) throws SQLException {
        throw new SQLException("not a wrapper");
      }

      @Override
      public boolean isWrapperFor(Class<?> iface) {
        return false;
      }
    };
  }
}
