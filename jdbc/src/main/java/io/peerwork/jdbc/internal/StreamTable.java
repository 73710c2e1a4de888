package io.peerwork.jdbc.internal;

import io.peerwork.core.AppendResult;
import io.peerwork.jdbc.JournalStorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Append-only streams of events in one table, one row per event, keyed by (stream id, version):
 * what {@code JdbcEventJournal} and {@code JdbcSeriesJournal} share. An append is one transaction
 * that inserts its rows at the versions after the caller's expected one, the first only if the row
 * of the expected version exists (a look-up by primary key in the same statement, so the stream
 * cannot have fewer events than the caller thinks); the primary key makes an append to a version
 * that is taken fail (a stream with more events, or a concurrent append), which is reported as a
 * conflict with nothing written. No {@code MAX(version)} is read on the way. Thread-safe.
 *
 * <p>Group commit: appends that arrive while a group is being written wait, and when it is done the
 * first of them writes all that wait (up to {@value #MAX_GROUP}) in one transaction, the rows with a
 * check first, in one batch, and wakes each of their threads. Rooms on different threads thus share one commit, which on an
 * H2 file is one write of its pages and on PostgreSQL one flush of its log. If any append of a group
 * would conflict, or one of them fails while the database is still there, the group is rolled back
 * and each of its appends is written on its own, so each gets the outcome it would have had alone.
 * An append with no rival waits for nothing: a group of one is the plain transaction.
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
   */
  public record Kind<K, E, R>(String table, String idColumn, String noun, String plural, int schemaVersion,
      Function<K, String> idText, Function<String, K> id, Recorder<K, E, R> recorder, Unreadable<K> unreadable) {
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

  /** Makes the recorded form of an event. */
  @FunctionalInterface
  public interface Recorder<K, E, R> {
    /** {@code event} as recorded at {@code version} of the stream {@code id}. */
    R record(K id, long version, E event);
  }

  /** Makes the exception for an event that cannot be read. */
  @FunctionalInterface
  public interface Unreadable<K> {
    /** The exception for event {@code version} of stream {@code id}. */
    RuntimeException of(K id, long version, String problem, Throwable cause);
  }

  private final Kind<K, E, R> kind;
  private final DataSource pool;
  private final EventCodec<E> codec;
  private final Clock clock;
  private final String description;
  private final String sqlVersion;
  private final String sqlInsert;
  private final String sqlInsertAfter;
  private final String sqlRead;
  private final String sqlIds;
  /** Whether a thread is writing a group; the others wait, and most find their append written. */
  private final AtomicBoolean writing = new AtomicBoolean();
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
    this.sqlInsert = "INSERT INTO " + t + " (" + id + ", version, event_type, schema_version, payload, recorded_at)"
        + " VALUES (?, ?, ?, ?, ?, ?)";
    // The same row, inserted only if its predecessor is stored (else no row: a conflict).
    this.sqlInsertAfter = "INSERT INTO " + t + " (" + id + ", version, event_type, schema_version, payload,"
        + " recorded_at) SELECT ?, ?, ?, ?, ?, ? FROM " + t + " WHERE " + id + " = ? AND version = ?";
    this.sqlRead = "SELECT version, event_type, schema_version, payload FROM " + t
        + " WHERE " + id + " = ? AND version > ? ORDER BY version";
    this.sqlIds = "SELECT DISTINCT " + id + " FROM " + t;
  }

  /**
   * Appends all of {@code events} if the stream {@code id} is at {@code expectedVersion}, or none.
   * Returns once the append is committed (or known to conflict); appends that other threads ask for
   * meanwhile are committed with it, in one transaction (see the class comment).
   */
  public AppendResult append(K id, long expectedVersion, List<? extends E> events) {
    Objects.requireNonNull(id, kind.noun());
    Objects.requireNonNull(events, "events");
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
        long actual = version(c, key);
        return actual == expectedVersion
            ? new AppendResult.Appended(actual)
            : new AppendResult.Conflict(expectedVersion, actual);
      } catch (SQLException e) {
        throw new JournalStorageException("cannot read the version of " + kind.noun() + " " + id + " from "
            + description, e);
      }
    }
    var mine = new Pending(id, key, expectedVersion, types, payloads);
    waiting.add(mine);
    while (!mine.done) {
      if (writing.compareAndSet(false, true)) {
        try {
          // Whatever waits now, this append among it, goes as one group.
          var group = new ArrayList<Pending>();
          for (Pending p; group.size() < MAX_GROUP && (p = waiting.poll()) != null; ) {
            group.add(p);
          }
          try {
            write(group);
          } finally {
            for (Pending p : group) {
              if (!p.decided()) { // only if write threw, which it is not meant to
                p.fail(new JournalStorageException("the append to " + kind.noun() + " " + p.id + " in "
                    + description + " failed unexpectedly; read the stream before deciding again", null));
              }
              p.done = true;
              LockSupport.unpark(p.thread);
            }
          }
        } finally {
          writing.set(false);
        }
        // Appends that came meanwhile: their first thread writes them (this one returns now).
        Pending next = waiting.peek();
        if (next != null) {
          LockSupport.unpark(next.thread);
        }
      } else {
        LockSupport.park(this);
      }
    }
    return mine.outcome();
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
    volatile boolean done;
    AppendResult result;
    RuntimeException failure;

    Pending(K id, String key, long expected, List<String> types, List<String> payloads) {
      this.id = id;
      this.key = key;
      this.expected = expected;
      this.types = types;
      this.payloads = payloads;
    }

    void succeed(AppendResult r) {
      result = r;
    }

    void fail(RuntimeException e) {
      failure = e;
    }

    boolean decided() {
      return result != null || failure != null;
    }

    AppendResult outcome() {
      if (failure != null) {
        // The stack of the thread that wrote it, and this caller's own as a suppressed one.
        failure.addSuppressed(new Exception("in the append to " + kind.noun() + " " + id));
        throw failure;
      }
      return result;
    }
  }

  /** Writes a group: in one transaction if every append in it goes through, else one by one. */
  private void write(List<Pending> group) {
    if (group.isEmpty()) {
      return;
    }
    if (group.size() == 1) {
      alone(group.get(0));
      return;
    }
    boolean together;
    try (Connection c = pool.getConnection()) {
      together = together(c, group);
    } catch (SQLException e) {
      if (!group.get(0).decided()) {
        // No connection, or it broke outside the inserts: nothing was committed.
        for (Pending p : group) {
          p.fail(new JournalStorageException("cannot append to " + kind.noun() + " " + p.id + " in "
              + description + "; nothing was stored", e));
        }
      }
      return; // else only closing the connection failed, after the group's outcome was known
    }
    if (!together) {
      // A conflict (or one bad append) in the group: each append on its own, with its own outcome.
      for (Pending p : group) {
        alone(p);
      }
    }
  }

  /**
   * Inserts the whole group and commits once. True if the group is done (committed, or its commit
   * failed, which fails every append in it); false if nothing was stored and each must go alone.
   */
  private boolean together(Connection c, List<Pending> group) throws SQLException {
    var at = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    try {
      c.setAutoCommit(false);
      // First the rows that carry a check (after a stored predecessor), then all the others.
      boolean anyAfter = false;
      try (PreparedStatement after = c.prepareStatement(sqlInsertAfter)) {
        for (Pending p : group) {
          if (p.expected > 0) {
            row(after, p.key, p.expected + 1, p.types.get(0), p.payloads.get(0), at);
            after.setString(7, p.key);
            after.setLong(8, p.expected);
            after.addBatch();
            anyAfter = true;
          }
        }
        if (anyAfter) {
          for (int n : after.executeBatch()) {
            if (n != 1) {
              c.rollback(); // some stream has fewer events than its caller expects
              return false;
            }
          }
        }
      }
      try (PreparedStatement insert = c.prepareStatement(sqlInsert)) {
        boolean any = false;
        for (Pending p : group) {
          for (int i = p.expected > 0 ? 1 : 0; i < p.payloads.size(); i++) {
            row(insert, p.key, p.expected + 1 + i, p.types.get(i), p.payloads.get(i), at);
            insert.addBatch();
            any = true;
          }
        }
        if (any) {
          insert.executeBatch();
        }
      }
    } catch (SQLException e) {
      rollbackQuietly(c, e);
      if (!c.isValid(2)) {
        // The database is gone, not one append wrong: the others would only wait for it one by one.
        for (Pending p : group) {
          p.fail(new JournalStorageException("cannot append to " + kind.noun() + " " + p.id + " in "
              + description + "; nothing was stored", e));
        }
        return true;
      }
      return false;
    }
    try {
      c.commit();
    } catch (SQLException e) {
      for (Pending p : group) {
        p.fail(new JournalStorageException("the commit of an append to " + kind.noun() + " " + p.id + " in "
            + description + " failed: the events may or may not be stored; read the stream before deciding again",
            e));
      }
      return true;
    }
    for (Pending p : group) {
      p.succeed(new AppendResult.Appended(p.expected + p.payloads.size()));
    }
    return true;
  }

  /** One append in a transaction of its own. */
  private void alone(Pending p) {
    try {
      p.succeed(appendAlone(p.id, p.key, p.expected, p.types, p.payloads));
    } catch (RuntimeException e) {
      p.fail(e);
    }
  }

  private AppendResult appendAlone(K id, String key, long expectedVersion, List<String> types,
      List<String> payloads) {
    String stream = kind.noun() + " " + id;
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try {
        var at = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        // The first row carries the check: after a stored predecessor (or as the stream's first).
        boolean first = expectedVersion == 0;
        try (PreparedStatement insert = c.prepareStatement(first ? sqlInsert : sqlInsertAfter)) {
          row(insert, key, expectedVersion + 1, types.get(0), payloads.get(0), at);
          if (!first) {
            insert.setString(7, key);
            insert.setLong(8, expectedVersion);
          }
          if (insert.executeUpdate() != 1) {
            c.rollback(); // the stream has fewer events than the caller expects
            return new AppendResult.Conflict(expectedVersion, version(c, key));
          }
        }
        if (payloads.size() > 1) {
          try (PreparedStatement insert = c.prepareStatement(sqlInsert)) {
            for (int i = 1; i < payloads.size(); i++) {
              row(insert, key, expectedVersion + 1 + i, types.get(i), payloads.get(i), at);
              insert.addBatch();
            }
            insert.executeBatch();
          }
        }
      } catch (SQLException e) {
        rollbackQuietly(c, e);
        // Nothing of ours was committed. If the stream moved, someone else won the race.
        long actual;
        try {
          actual = version(c, key);
        } catch (SQLException again) {
          again.addSuppressed(e);
          throw again;
        }
        if (SqlStates.isUniqueViolation(e) || actual != expectedVersion) {
          return new AppendResult.Conflict(expectedVersion, actual);
        }
        throw new JournalStorageException("cannot append to " + stream + " in " + description
            + "; nothing was stored", e);
      }
      try {
        c.commit();
      } catch (SQLException e) {
        throw new JournalStorageException("the commit of an append to " + stream + " in " + description
            + " failed: the events may or may not be stored; read the stream before deciding again", e);
      }
      return new AppendResult.Appended(expectedVersion + payloads.size());
    } catch (SQLException e) {
      throw new JournalStorageException("cannot append to " + stream + " in " + description, e);
    }
  }

  /**
   * The events of stream {@code id} above {@code afterVersion}, in order.
   *
   * @throws RuntimeException the kind's unreadable exception for a row that cannot be read or a
   *     missing version
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
          out.add(kind.recorder().record(id, version, event));
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

  private void row(PreparedStatement insert, String key, long version, String type, String payload,
      OffsetDateTime at) throws SQLException {
    insert.setString(1, key);
    insert.setLong(2, version);
    insert.setString(3, type);
    insert.setInt(4, kind.schemaVersion());
    insert.setString(5, payload);
    insert.setObject(6, at);
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

  private static void rollbackQuietly(Connection c, SQLException cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }
}
