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
 * @param <K> the stream's id (a session id, a series id)
 * @param <E> the events
 * @param <R> an event as recorded, with its id and version
 */
public final class StreamTable<K, E, R> {

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

  /** Appends all of {@code events} if the stream {@code id} is at {@code expectedVersion}, or none. */
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
    String stream = kind.noun() + " " + id;
    try (Connection c = pool.getConnection()) {
      if (events.isEmpty()) {
        long actual = version(c, key);
        return actual == expectedVersion
            ? new AppendResult.Appended(actual)
            : new AppendResult.Conflict(expectedVersion, actual);
      }
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
      return new AppendResult.Appended(expectedVersion + events.size());
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
