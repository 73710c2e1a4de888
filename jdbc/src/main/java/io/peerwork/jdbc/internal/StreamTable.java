package io.peerwork.jdbc.internal;

import io.peerwork.core.AppendResult;
import io.peerwork.core.CommandId;
import io.peerwork.core.JournalException;
import io.peerwork.core.StreamOwners;
import io.peerwork.jdbc.JournalStorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Append-only streams of events in one table, one row per event, keyed by (stream id, version):
 * what {@code JdbcEventJournal} and {@code JdbcSeriesJournal} share. An append is one transaction
 * that inserts its rows at the versions after the caller's expected one. Its first row carries the
 * check, in the same statement: it is inserted only if the row of the expected version exists (or
 * the expected version is 0) and no row holds its own version yet, two look-ups by primary key. No
 * row inserted means the stream is not where the caller thinks: a conflict, with nothing written.
 * The primary key still stops two appends that race for one version. No {@code MAX(version)} is
 * read on the way. Thread-safe.
 *
 * <p>Group commit: appends that arrive while a group is being written wait, and when it is done the
 * first of them writes all that wait (up to {@value #MAX_GROUP}) in one transaction: the first rows
 * (with their checks) in one batch, the other rows in a second, one commit; then it wakes each of
 * their threads. Rooms on different threads thus share one commit, which on an H2 file is one write
 * of its pages and on PostgreSQL one flush of its log. An append whose check fails is taken out of
 * the group and written alone, to get its own answer, and the rest are tried together again; after
 * any other failure, with the database still there, each append of the group is written alone. So
 * each caller gets the outcome it would have had alone. An append that finds no group being written
 * goes at once; a group of one is the plain transaction. A caller's interrupt does not stop its
 * append (it is kept for the caller, and the group is written with the flag clear).
 *
 * <p>Command ids (in a table whose kind {@linkplain Kind#commandIds() keeps them}): the id goes in
 * the {@code command_id} column of the append's last row, and a unique index on (stream id,
 * command id) keeps each once per stream. An append whose id is stored already fails on that
 * index (or its check), and, written alone, finds the id and answers {@link
 * AppendResult.Duplicate}; nothing is looked up on the way of an append that succeeds.
 *
 * <p>Fences: an append may carry a {@link Fence} (the stream's kind and the epoch its caller took
 * it at, see {@link OwnerTable}). In its transaction, before any of its rows, the stream's row in
 * the owner table is locked with {@code SELECT ... FOR UPDATE} and its epoch read; if the row is
 * missing or holds another epoch, the append is {@linkplain JournalException.Fenced fenced}: it
 * stores nothing, and the rest of its group goes on (and holds the locks it took) without it. A
 * take of the stream, an {@code UPDATE} of that row, waits for the lock, so it returns only after
 * every append that passed the fence has committed or rolled back; an append that locks the row
 * after a take committed reads the new epoch. A group locks its owner rows in one fixed order (by
 * kind and id), so that two nodes' groups cannot deadlock on them. An append without a fence
 * touches no owner row, and costs nothing more than before; an empty append (a check) needs none.
 *
 * <p>Failures are classified by what can have reached the database: anything that fails before
 * {@code commit} is called (no connection, a statement that failed and was rolled back) throws
 * {@link JournalStorageException}, a {@link JournalException.StorageUnavailable}: nothing was
 * stored. A commit that fails (for a group: every append in it), and anything unexpected in a
 * group, throws {@link JournalException.OutcomeUnknown}: the rows may or may not be stored.
 *
 * @param <K> the stream's id (a session id, a series id)
 * @param <E> the events
 * @param <R> an event as recorded, with its id and version
 */
public final class StreamTable<K, E, R> {
  /** At most this many appends go into one transaction. */
  private static final int MAX_GROUP = 256;

  /**
   * What a table holds and how its rows are named.
   *
   * @param table the table, created by a migration
   * @param idColumn the column with the stream's id
   * @param noun what a stream is, for messages ({@code session}, {@code series})
   * @param plural the plural of {@code noun}, for messages
   * @param schemaVersion the schema version of the JSON this code writes
   * @param idText the stored text of an id
   * @param id the id of stored text
   * @param recorder the recorded form of an event
   * @param unreadable the exception for a row that cannot be read
   * @param commandIds whether the table has the column {@code command_id} (with its unique index)
   *     and keeps the command ids of appends; if not, command ids given to an append are ignored
   */
  public record Kind<K, E, R>(String table, String idColumn, String noun, String plural, int schemaVersion,
      Function<K, String> idText, Function<String, K> id, Recorder<K, E, R> recorder, Unreadable<K> unreadable,
      boolean commandIds) {
    /** Checks for nulls. */
    public Kind {
      Objects.requireNonNull(table, "table");
      Objects.requireNonNull(idColumn, "idColumn");
      Objects.requireNonNull(noun, "noun");
      Objects.requireNonNull(plural, "plural");
      Objects.requireNonNull(idText, "idText");
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(recorder, "recorder");
      Objects.requireNonNull(unreadable, "unreadable");
    }
  }

  /**
   * The fence of an append: it is stored only if {@code stream}'s epoch in the owner table is
   * {@code epoch}, checked in its transaction.
   *
   * @param stream the stream appended to, as the owner table names it
   * @param epoch the epoch its caller took it at
   */
  public record Fence(StreamOwners.Stream stream, long epoch) {
    /** Checks for nulls. */
    public Fence {
      Objects.requireNonNull(stream, "stream");
    }

    /** The order in which a group locks its owner rows. */
    static final Comparator<Fence> LOCK_ORDER =
        Comparator.comparing((Fence f) -> f.stream().kind()).thenComparing(f -> f.stream().id());
  }

  /** Makes the recorded form of an event. */
  @FunctionalInterface
  public interface Recorder<K, E, R> {
    /**
     * {@code event} as recorded at {@code version} of the stream {@code id}, ending the command
     * {@code command} if present.
     */
    R record(K id, long version, E event, Optional<CommandId> command);
  }

  /** Makes the exception for an event that cannot be read. */
  @FunctionalInterface
  public interface Unreadable<K> {
    /** The exception for event {@code version} of stream {@code id}. */
    JournalException.UnreadableEvent of(K id, long version, String problem, Throwable cause);
  }

  private final Kind<K, E, R> kind;
  private final DataSource pool;
  private final EventCodec<E> codec;
  private final Clock clock;
  private final String description;
  private final String sqlVersion;
  private final String sqlInsert;
  private final String sqlInsertChecked;
  private final String sqlRead;
  private final String sqlIds;
  private final String sqlCommand;
  /** Whether a thread is writing a group; the others wait, and most find their append written. */
  private final AtomicBoolean writing = new AtomicBoolean();
  /** False once the driver left a batch's row counts unsaid: then every append goes alone. */
  private volatile boolean grouping = true;
  private final Queue<Pending> waiting = new ConcurrentLinkedQueue<>();

  /**
   * @param kind what the table holds
   * @param pool the connections; the caller closes it
   * @param codec turns events into JSON and back
   * @param clock for the time each row is stored
   * @param description the database, for messages (without a password)
   */
  public StreamTable(Kind<K, E, R> kind, DataSource pool, EventCodec<E> codec, Clock clock, String description) {
    this.kind = Objects.requireNonNull(kind, "kind");
    this.pool = Objects.requireNonNull(pool, "pool");
    this.codec = Objects.requireNonNull(codec, "codec");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.description = Objects.requireNonNull(description, "description");
    String t = kind.table();
    String id = kind.idColumn();
    this.sqlVersion = "SELECT MAX(version) FROM " + t + " WHERE " + id + " = ?";
    String columns = id + ", version, event_type, schema_version, payload, recorded_at"
        + (kind.commandIds() ? ", command_id" : "");
    String values = kind.commandIds() ? "?, ?, ?, ?, ?, ?, ?" : "?, ?, ?, ?, ?, ?";
    this.sqlInsert = "INSERT INTO " + t + " (" + columns + ") VALUES (" + values + ")";
    // The first row of an append, inserted only where it belongs (else no row: a conflict): after
    // its stored predecessor (or as a stream's first) and where no row holds its version yet.
    this.sqlInsertChecked = "INSERT INTO " + t + " (" + columns + ") SELECT " + values
        + " FROM (SELECT 1 AS one) AS one_row"
        + " WHERE (? = 0 OR EXISTS (SELECT 1 FROM " + t + " WHERE " + id + " = ? AND version = ?))"
        + " AND NOT EXISTS (SELECT 1 FROM " + t + " WHERE " + id + " = ? AND version = ?)";
    this.sqlRead = "SELECT version, event_type, schema_version, payload" + (kind.commandIds() ? ", command_id" : "")
        + " FROM " + t + " WHERE " + id + " = ? AND version > ? ORDER BY version";
    this.sqlIds = "SELECT DISTINCT " + id + " FROM " + t;
    this.sqlCommand = "SELECT version FROM " + t + " WHERE " + id + " = ? AND command_id = ?";
  }

  /**
   * Appends all of {@code events} if the stream {@code id} is at {@code expectedVersion}, or none.
   * Returns once the append is committed (or known to conflict); appends that other threads ask for
   * meanwhile are committed with it, in one transaction (see the class comment).
   */
  public AppendResult append(K id, long expectedVersion, List<? extends E> events) {
    return append(id, expectedVersion, events, Optional.empty());
  }

  /**
   * Appends all of {@code events} if the stream {@code id} is at {@code expectedVersion} and does
   * not hold {@code command} yet, or none; the command id goes with the last row (if the kind keeps
   * command ids). Returns once the append is committed (or known to conflict or to be a duplicate).
   *
   * @throws JournalStorageException if nothing was stored (no connection, a statement failed)
   * @throws JournalException.OutcomeUnknown if the commit failed: the rows may or may not be stored
   */
  public AppendResult append(K id, long expectedVersion, List<? extends E> events, Optional<CommandId> command) {
    return append(id, expectedVersion, events, command, Optional.empty());
  }

  /**
   * Appends as {@link #append(Object, long, List, Optional)} does, and, with a {@code fence}, only
   * if the stream's epoch in the owner table is the fence's, checked in the append's transaction
   * (see the class comment). An empty append checks no fence.
   *
   * @throws JournalException.Fenced if the fence's epoch is no longer the stream's (or the stream
   *     was never taken): nothing was stored
   * @throws JournalStorageException if nothing was stored (no connection, a statement failed)
   * @throws JournalException.OutcomeUnknown if the commit failed: the rows may or may not be stored
   */
  public AppendResult append(K id, long expectedVersion, List<? extends E> events, Optional<CommandId> command,
      Optional<Fence> fence) {
    Objects.requireNonNull(id, kind.noun());
    Objects.requireNonNull(events, "events");
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(fence, "fence");
    Optional<CommandId> kept = kind.commandIds() ? command : Optional.empty();
    String key = kind.idText().apply(id);
    // Encode before touching the database: a failure here is a programming error, not storage.
    var types = new ArrayList<String>(events.size());
    var payloads = new ArrayList<String>(events.size());
    for (E e : events) {
      types.add(codec.typeName(Objects.requireNonNull(e, "event")));
      payloads.add(codec.encode(e));
    }
    if (events.isEmpty()) {
      try (Connection c = pool.getConnection()) {
        Optional<Long> done = commandVersion(c, key, kept);
        if (done.isPresent()) {
          return new AppendResult.Duplicate(kept.orElseThrow(), done.get());
        }
        long actual = version(c, key);
        return actual == expectedVersion
            ? new AppendResult.Appended(actual)
            : new AppendResult.Conflict(expectedVersion, actual);
      } catch (SQLException e) {
        throw new JournalStorageException("cannot read the version of " + kind.noun() + " " + id + " from "
            + description, e);
      }
    }
    var mine = new Pending(id, key, expectedVersion, types, payloads, kept, fence);
    // An append, once asked for, is seen through: an interrupt is kept for the caller, not obeyed
    // (a group is written with the flag clear, so it cannot break a connection or an H2 file).
    boolean interrupted = Thread.interrupted();
    waiting.add(mine);
    while (!mine.done) {
      if (writing.compareAndSet(false, true)) {
        try {
          if (!mine.done) {
            writeWaiting();
          }
        } finally {
          writing.set(false);
          // Appends that came meanwhile: the first of their threads writes them.
          Pending next = waiting.peek();
          if (next != null) {
            LockSupport.unpark(next.thread);
          }
        }
      } else {
        LockSupport.park(this);
        interrupted |= Thread.interrupted();
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return mine.outcome();
  }

  /** Writes what waits now as one group, and wakes each of its threads; never throws. */
  private void writeWaiting() {
    var group = new ArrayList<Pending>();
    for (Pending p; group.size() < MAX_GROUP && (p = waiting.poll()) != null; ) {
      group.add(p);
    }
    try {
      write(group);
    } catch (Throwable t) { // not meant to happen; still, no waiting thread may be left without an answer
      for (Pending p : group) {
        if (!p.decided()) {
          p.fail(new JournalException.OutcomeUnknown("the append to " + kind.noun() + " " + p.id + " in "
              + description + " failed: the events may or may not be stored; read the stream before deciding again",
              t));
        }
      }
    } finally {
      for (Pending p : group) {
        p.done = true;
        LockSupport.unpark(p.thread);
      }
    }
  }

  /** How many appends wait for a group to be written now (for tests that form groups on purpose). */
  public int waitingAppends() {
    return waiting.size();
  }

  /**
   * An append waiting to be written, and then its outcome. The outcome is written before {@code
   * done}, and read after it.
   */
  private final class Pending {
    final Thread thread = Thread.currentThread();
    final K id;
    final String key;
    final long expected;
    final List<String> types;
    final List<String> payloads;
    /** The command id, if the kind keeps it. */
    final Optional<CommandId> command;
    final Optional<Fence> fence;
    volatile boolean done;
    AppendResult result;
    RuntimeException failure;
    /** The thread that wrote the failure: another than the caller's, if a group writer did. */
    Thread failedBy;

    Pending(K id, String key, long expected, List<String> types, List<String> payloads, Optional<CommandId> command,
        Optional<Fence> fence) {
      this.id = id;
      this.key = key;
      this.expected = expected;
      this.types = types;
      this.payloads = payloads;
      this.command = command;
      this.fence = fence;
    }

    /** The command id for the row at {@code index} of this append: on the last one only. */
    String commandAt(int index) {
      return index == payloads.size() - 1 ? command.map(CommandId::value).orElse(null) : null;
    }

    void succeed(AppendResult r) {
      result = r;
    }

    void fail(RuntimeException e) {
      failure = e;
      failedBy = Thread.currentThread();
    }

    boolean decided() {
      return result != null || failure != null;
    }

    AppendResult outcome() {
      if (failure != null) {
        if (thread != failedBy) {
          // The stack of the thread that wrote it, and this caller's own as a suppressed one.
          failure.addSuppressed(new Exception("in the append to " + kind.noun() + " " + id));
        }
        throw failure;
      }
      return result;
    }
  }

  /**
   * Writes a group in one transaction. An append whose check fails (its stream has moved) is taken
   * out and written alone, to get its own answer, and the rest go together again; after any other
   * failure, with the database still there, each is written alone.
   */
  private void write(List<Pending> group) {
    var rest = new ArrayList<>(group);
    while (rest.size() > 1 && grouping) {
      Outcome outcome;
      Connection c;
      try {
        c = pool.getConnection();
      } catch (SQLException e) {
        failAll(rest, e);
        return;
      }
      try {
        outcome = together(c, rest);
      } finally {
        closeQuietly(c);
      }
      if (outcome.done) {
        return;
      }
      rest.removeIf(Pending::decided); // fenced: an epoch once gone never comes back
      if (outcome.moved.isEmpty()) {
        break; // some other failure: each alone
      }
      for (Pending p : outcome.moved) {
        alone(p);
        rest.remove(p);
      }
    }
    for (int i = 0; i < rest.size(); i++) {
      Pending p = rest.get(i);
      alone(p);
      if (p.failure instanceof JournalException e && SqlStates.isConnectionFailure(e.getCause())) {
        // The database is gone: the others would only wait for it one after another. They were
        // not tried, so nothing of theirs is stored.
        failAll(rest.subList(i + 1, rest.size()), e.getCause());
        return;
      }
    }
  }

  /**
   * What writing a group together came to: done (every append has its answer), or rolled back
   * with the appends whose streams moved (to go alone), or rolled back for another reason (none
   * named: all go alone).
   */
  private final class Outcome {
    final boolean done;
    final List<Pending> moved;

    Outcome(boolean done, List<Pending> moved) {
      this.done = done;
      this.moved = moved;
    }
  }

  /** Fails appends of which nothing can have been stored (no commit was called for them). */
  private void failAll(List<Pending> group, Throwable cause) {
    for (Pending p : group) {
      p.fail(new JournalStorageException("cannot append to " + kind.noun() + " " + p.id + " in " + description
          + "; nothing was stored", cause));
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException e) {
      // The outcome is known already; a connection that cannot be closed is the pool's.
    }
  }

  /**
   * Inserts the whole group and commits once; see {@link Outcome}. Appends whose fence fails are
   * answered at once ({@link JournalException.Fenced}) and left out; the others go on.
   */
  private Outcome together(Connection c, List<Pending> all) {
    var at = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    List<Pending> group = all;
    try {
      c.setAutoCommit(false);
      group = passFences(c, all);
      if (group.isEmpty()) {
        c.rollback(); // every one fenced: nothing to store, the locks go
        return new Outcome(true, List.of());
      }
      // First each append's first row, which carries the check, then all the others.
      try (PreparedStatement first = c.prepareStatement(sqlInsertChecked)) {
        for (Pending p : group) {
          checkedRow(first, p.key, p.expected, p.types.get(0), p.payloads.get(0), at, p.commandAt(0));
          first.addBatch();
        }
        int[] counts = first.executeBatch();
        var moved = new ArrayList<Pending>();
        for (int i = 0; i < counts.length; i++) {
          if (counts[i] == Statement.SUCCESS_NO_INFO) {
            grouping = false; // this driver does not say which check failed: append alone from now on
            c.rollback();
            return new Outcome(false, List.of());
          }
          if (counts[i] != 1) {
            moved.add(group.get(i)); // its stream is not at the version its caller expects
          }
        }
        if (!moved.isEmpty()) {
          c.rollback();
          return new Outcome(false, moved);
        }
      }
      try (PreparedStatement insert = c.prepareStatement(sqlInsert)) {
        boolean any = false;
        for (Pending p : group) {
          for (int i = 1; i < p.payloads.size(); i++) {
            row(insert, p.key, p.expected + 1 + i, p.types.get(i), p.payloads.get(i), at, p.commandAt(i));
            insert.addBatch();
            any = true;
          }
        }
        if (any) {
          insert.executeBatch();
        }
      }
    } catch (SQLException e) {
      // No commit was called: nothing of the group is stored, whatever happens to the connection.
      rollbackQuietly(c, e);
      boolean reachable;
      try {
        reachable = c.isValid(2);
      } catch (SQLException again) {
        reachable = false;
      }
      if (!reachable) {
        failAll(group, e);
        return new Outcome(true, List.of());
      }
      // One append wrong, a command id stored already, or a race on one stream: each alone.
      return new Outcome(false, List.of());
    }
    try {
      c.commit();
    } catch (SQLException e) {
      for (Pending p : group) {
        p.fail(outcomeUnknown(p.id, e));
      }
      return new Outcome(true, List.of());
    }
    for (Pending p : group) {
      p.succeed(new AppendResult.Appended(p.expected + p.payloads.size()));
    }
    return new Outcome(true, List.of());
  }

  /**
   * Locks the owner rows of the fenced appends of {@code group}, in {@link Fence#LOCK_ORDER}, each
   * once, and fails the appends whose epoch is not their stream's any more. Returns the others, in
   * their order.
   */
  private List<Pending> passFences(Connection c, List<Pending> group) throws SQLException {
    var fences = new ArrayList<Fence>();
    for (Pending p : group) {
      p.fence.ifPresent(fences::add);
    }
    if (fences.isEmpty()) {
      return group;
    }
    fences.sort(Fence.LOCK_ORDER);
    Map<StreamOwners.Stream, Long> epochs = new HashMap<>();
    for (Fence f : fences) {
      if (!epochs.containsKey(f.stream())) {
        epochs.put(f.stream(), OwnerTable.lockEpoch(c, f.stream()));
      }
    }
    var passed = new ArrayList<Pending>(group.size());
    for (Pending p : group) {
      if (p.fence.isPresent() && epochs.get(p.fence.get().stream()) != p.fence.get().epoch()) {
        p.fail(fenced(p.fence.get()));
      } else {
        passed.add(p);
      }
    }
    return passed;
  }

  private static JournalException.Fenced fenced(Fence f) {
    return new JournalException.Fenced(f.stream(), f.epoch());
  }

  private JournalException.OutcomeUnknown outcomeUnknown(K id, SQLException e) {
    return new JournalException.OutcomeUnknown("the commit of an append to " + kind.noun() + " " + id + " in "
        + description + " failed: the events may or may not be stored; read the stream before deciding again", e);
  }

  /** One append in a transaction of its own. */
  private void alone(Pending p) {
    try {
      p.succeed(appendAlone(p));
    } catch (RuntimeException e) {
      p.fail(e);
    }
  }

  private AppendResult appendAlone(Pending p) {
    String stream = kind.noun() + " " + p.id;
    Connection c;
    try {
      c = pool.getConnection();
    } catch (SQLException e) {
      throw new JournalStorageException("cannot append to " + stream + " in " + description
          + ": no connection; nothing was stored", e);
    }
    try {
      try {
        c.setAutoCommit(false);
        var at = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (p.fence.isPresent() && OwnerTable.lockEpoch(c, p.fence.get().stream()) != p.fence.get().epoch()) {
          c.rollback(); // nothing written; the lock goes
          throw fenced(p.fence.get());
        }
        // The first row carries the check: after a stored predecessor (or as the stream's first).
        try (PreparedStatement insert = c.prepareStatement(sqlInsertChecked)) {
          checkedRow(insert, p.key, p.expected, p.types.get(0), p.payloads.get(0), at, p.commandAt(0));
          if (insert.executeUpdate() != 1) {
            c.rollback(); // the stream is not at the version the caller expects
            Optional<Long> done = commandVersion(c, p.key, p.command);
            if (done.isPresent()) {
              return new AppendResult.Duplicate(p.command.orElseThrow(), done.get());
            }
            return new AppendResult.Conflict(p.expected, version(c, p.key));
          }
        }
        if (p.payloads.size() > 1) {
          try (PreparedStatement insert = c.prepareStatement(sqlInsert)) {
            for (int i = 1; i < p.payloads.size(); i++) {
              row(insert, p.key, p.expected + 1 + i, p.types.get(i), p.payloads.get(i), at, p.commandAt(i));
              insert.addBatch();
            }
            insert.executeBatch();
          }
        }
      } catch (SQLException e) {
        rollbackQuietly(c, e);
        // Nothing of ours was committed. If the command id is stored, it was applied before; if
        // the stream moved, someone else won the race.
        try {
          Optional<Long> done = commandVersion(c, p.key, p.command);
          if (done.isPresent()) {
            return new AppendResult.Duplicate(p.command.orElseThrow(), done.get());
          }
          long actual = version(c, p.key);
          if (SqlStates.isUniqueViolation(e) || actual != p.expected) {
            return new AppendResult.Conflict(p.expected, actual);
          }
        } catch (SQLException again) {
          e.addSuppressed(again);
        }
        throw new JournalStorageException("cannot append to " + stream + " in " + description
            + "; nothing was stored", e);
      }
      try {
        c.commit();
      } catch (SQLException e) {
        throw outcomeUnknown(p.id, e);
      }
      return new AppendResult.Appended(p.expected + p.payloads.size());
    } finally {
      closeQuietly(c);
    }
  }

  /**
   * The events of stream {@code id} above {@code afterVersion}, in order.
   *
   * @throws JournalException.UnreadableEvent the kind's unreadable exception for a row that cannot
   *     be read or a missing version
   * @throws JournalStorageException if the database cannot be read
   */
  public List<R> read(K id, long afterVersion) {
    Objects.requireNonNull(id, kind.noun());
    long after = Math.max(afterVersion, 0);
    try (Connection c = pool.getConnection();
        PreparedStatement read = c.prepareStatement(sqlRead)) {
      read.setString(1, kind.idText().apply(id));
      read.setLong(2, after);
      read.setFetchSize(500);
      var out = new ArrayList<R>();
      try (ResultSet rs = read.executeQuery()) {
        long expected = after + 1;
        while (rs.next()) {
          long version = rs.getLong(1);
          if (version != expected) {
            throw kind.unreadable().of(id, expected,
                "the stream has no event " + expected + " (the next stored is " + version + ")", null);
          }
          E event;
          try {
            event = codec.decode(rs.getString(2), rs.getInt(3), rs.getString(4));
          } catch (EventCodec.Undecodable e) {
            throw kind.unreadable().of(id, version, e.problem(), e.getCause());
          }
          Optional<CommandId> command = Optional.empty();
          if (kind.commandIds()) {
            String text = rs.getString(5);
            if (text != null) {
              try {
                command = Optional.of(CommandId.of(text));
              } catch (IllegalArgumentException e) {
                throw kind.unreadable().of(id, version, "its command id is not valid: " + e.getMessage(), e);
              }
            }
          }
          out.add(kind.recorder().record(id, version, event, command));
          expected++;
        }
      }
      return List.copyOf(out);
    } catch (SQLException e) {
      throw new JournalStorageException("cannot read " + kind.noun() + " " + id + " from " + description, e);
    }
  }

  /** The number of events of stream {@code id}, 0 if none. */
  public long version(K id) {
    Objects.requireNonNull(id, kind.noun());
    try (Connection c = pool.getConnection()) {
      return version(c, kind.idText().apply(id));
    } catch (SQLException e) {
      throw new JournalStorageException("cannot read the version of " + kind.noun() + " " + id + " from "
          + description, e);
    }
  }

  /**
   * The version at which the events of {@code command} end in stream {@code id}, if stored (one
   * look-up in the unique index on command ids; empty if the kind keeps none).
   */
  public Optional<Long> commandVersion(K id, CommandId command) {
    Objects.requireNonNull(id, kind.noun());
    Objects.requireNonNull(command, "command");
    if (!kind.commandIds()) {
      return Optional.empty();
    }
    try (Connection c = pool.getConnection()) {
      return commandVersion(c, kind.idText().apply(id), Optional.of(command));
    } catch (SQLException e) {
      throw new JournalStorageException("cannot look up command " + command + " of " + kind.noun() + " " + id
          + " in " + description, e);
    }
  }

  /** The ids of the streams with at least one event, in no particular order. */
  public List<K> ids() {
    try (Connection c = pool.getConnection();
        PreparedStatement q = c.prepareStatement(sqlIds);
        ResultSet rs = q.executeQuery()) {
      var out = new ArrayList<K>();
      while (rs.next()) {
        out.add(kind.id().apply(rs.getString(1)));
      }
      return out;
    } catch (SQLException e) {
      throw new JournalStorageException("cannot list the " + kind.plural() + " in " + description, e);
    }
  }

  /** Sets a row's values; {@code command} (or null) only if the kind keeps command ids. */
  private void row(PreparedStatement insert, String key, long version, String type, String payload,
      OffsetDateTime at, String command) throws SQLException {
    insert.setString(1, key);
    insert.setLong(2, version);
    insert.setString(3, type);
    insert.setInt(4, kind.schemaVersion());
    insert.setString(5, payload);
    insert.setObject(6, at);
    if (kind.commandIds()) {
      if (command == null) {
        insert.setNull(7, Types.VARCHAR);
      } else {
        insert.setString(7, command);
      }
    }
  }

  /** The first row of an append at {@code expected} + 1, with its check (see {@code sqlInsertChecked}). */
  private void checkedRow(PreparedStatement insert, String key, long expected, String type, String payload,
      OffsetDateTime at, String command) throws SQLException {
    row(insert, key, expected + 1, type, payload, at, command);
    int n = kind.commandIds() ? 8 : 7;
    insert.setLong(n, expected);
    insert.setString(n + 1, key);
    insert.setLong(n + 2, expected);
    insert.setString(n + 3, key);
    insert.setLong(n + 4, expected + 1);
  }

  private long version(Connection c, String key) throws SQLException {
    try (PreparedStatement q = c.prepareStatement(sqlVersion)) {
      q.setString(1, key);
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        return rs.getLong(1); // MAX of no rows is NULL, which getLong reads as 0
      }
    }
  }

  /** The version at which the events of {@code command} end in the stream {@code key}, if stored. */
  private Optional<Long> commandVersion(Connection c, String key, Optional<CommandId> command) throws SQLException {
    if (command.isEmpty()) {
      return Optional.empty();
    }
    try (PreparedStatement q = c.prepareStatement(sqlCommand)) {
      q.setString(1, key);
      q.setString(2, command.get().value());
      try (ResultSet rs = q.executeQuery()) {
        return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
      }
    }
  }

  private static void rollbackQuietly(Connection c, SQLException cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }
}
