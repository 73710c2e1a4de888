package io.peerwork.jdbc.internal;

import io.peerwork.core.EventRewriter;
import io.peerwork.core.JournalException;
import io.peerwork.jdbc.JournalStorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * Rewrites the stored events of one stream in a {@link StreamTable}'s table, for erasing a person's
 * personal data ({@code io.peerwork.core.Erasure}); what {@code JdbcEventJournal} and {@code
 * JdbcSeriesJournal} offer as their rewriter. One transaction per call: it locks the stream's rows
 * ({@code SELECT ... FOR UPDATE}, in version order), reads them with the table's codec, applies the
 * change, checks that it kept the number and types of the events ({@link
 * EventRewriter#checkSameShape}), updates the rows whose event changed (their JSON and schema
 * version; the version, type, command id and time of each row stay), runs the kind's {@link Also
 * other statement} (dropping a session's snapshots) and commits. Rows whose event did not change are
 * not written. Thread-safe.
 *
 * <p>A reader sees the old rows or the new ones, never a mix. Appends to the stream are not
 * stopped: an event appended while a rewrite runs is not in the change's list, and stays as it was
 * appended.
 *
 * <p>Failures: a change that throws, or returns another shape ({@link IllegalArgumentException}),
 * a row that cannot be read (the kind's {@link JournalException.UnreadableEvent}) and a database
 * failure before the commit ({@link JournalStorageException}) all roll back: nothing is changed. A
 * commit that fails throws {@link JournalException.OutcomeUnknown}.
 *
 * @param <K> the stream's id
 * @param <E> the events
 */
public final class StreamRewriter<K, E> {

  /** A statement that goes in the rewrite's transaction, after the rows are updated. */
  @FunctionalInterface
  public interface Also {
    /** Runs on {@code c} (in the rewrite's transaction) for the stream stored as {@code key}. */
    void run(Connection c, String key) throws SQLException;

    /** Nothing more. */
    static Also nothing() {
      return (c, key) -> {};
    }
  }

  private final StreamTable.Kind<K, E, ?> kind;
  private final DataSource pool;
  private final EventCodec<E> codec;
  private final Also also;
  private final String description;
  private final String sqlLock;
  private final String sqlUpdate;

  /**
   * @param kind the table and its rows, as the stream table has them
   * @param pool the connections; the caller closes it
   * @param codec the table's codec: reads the rows and writes the changed events
   * @param also what else to do in each rewrite's transaction
   * @param description the database, for messages (without a password)
   */
  public StreamRewriter(StreamTable.Kind<K, E, ?> kind, DataSource pool, EventCodec<E> codec, Also also,
      String description) {
    this.kind = Objects.requireNonNull(kind, "kind");
    this.pool = Objects.requireNonNull(pool, "pool");
    this.codec = Objects.requireNonNull(codec, "codec");
    this.also = Objects.requireNonNull(also, "also");
    this.description = Objects.requireNonNull(description, "description");
    this.sqlLock = "SELECT version, event_type, schema_version, payload FROM " + kind.table()
        + " WHERE " + kind.idColumn() + " = ? ORDER BY version FOR UPDATE";
    this.sqlUpdate = "UPDATE " + kind.table() + " SET payload = ?, schema_version = ? WHERE " + kind.idColumn()
        + " = ? AND version = ?";
  }

  /**
   * Replaces the events of stream {@code id} with {@code change} applied to them, in one
   * transaction (see the class comment).
   *
   * @return how many events changed
   * @throws IllegalArgumentException if {@code change} returns another number or type of events
   * @throws JournalException.UnreadableEvent if a row of the stream cannot be read
   * @throws JournalStorageException if the database failed before the commit (nothing changed)
   * @throws JournalException.OutcomeUnknown if the commit failed
   */
  public int rewrite(K id, UnaryOperator<List<E>> change) {
    Objects.requireNonNull(id, kind.noun());
    Objects.requireNonNull(change, "change");
    String key = kind.idText().apply(id);
    Connection c;
    try {
      c = pool.getConnection();
    } catch (SQLException e) {
      throw new JournalStorageException("cannot rewrite " + kind.noun() + " " + id + " in " + description
          + ": no connection; nothing was changed", e);
    }
    try {
      int changed;
      try {
        c.setAutoCommit(false);
        List<E> before = lockAndRead(c, id, key);
        List<E> after = List.copyOf(change.apply(before));
        EventRewriter.checkSameShape(before, after);
        changed = update(c, key, before, after);
        also.run(c, key);
      } catch (SQLException e) {
        rollback(c, e);
        throw new JournalStorageException("cannot rewrite " + kind.noun() + " " + id + " in " + description
            + "; nothing was changed", e);
      } catch (RuntimeException e) {
        rollback(c, e);
        throw e;
      }
      try {
        c.commit();
      } catch (SQLException e) {
        throw new JournalException.OutcomeUnknown("the commit of a rewrite of " + kind.noun() + " " + id + " in "
            + description + " failed: the events may or may not be rewritten; read the stream", e);
      }
      return changed;
    } finally {
      try {
        c.close();
      } catch (SQLException e) {
        // The outcome is known already; a connection that cannot be closed is the pool's.
      }
    }
  }

  /** The stream's events, in version order, with their rows locked until the transaction ends. */
  private List<E> lockAndRead(Connection c, K id, String key) throws SQLException {
    var events = new ArrayList<E>();
    try (PreparedStatement q = c.prepareStatement(sqlLock)) {
      q.setString(1, key);
      q.setFetchSize(500);
      try (ResultSet rs = q.executeQuery()) {
        long expected = 1;
        while (rs.next()) {
          long version = rs.getLong(1);
          if (version != expected) {
            throw kind.unreadable().of(id, expected,
                "the stream has no event " + expected + " (the next stored is " + version + ")", null);
          }
          try {
            events.add(codec.decode(rs.getString(2), rs.getInt(3), rs.getString(4)));
          } catch (EventCodec.Undecodable e) {
            throw kind.unreadable().of(id, version, e.problem(), e.getCause());
          }
          expected++;
        }
      }
    }
    return events;
  }

  /** Updates the rows whose event changed; answers how many. */
  private int update(Connection c, String key, List<E> before, List<E> after) throws SQLException {
    int changed = 0;
    try (PreparedStatement update = c.prepareStatement(sqlUpdate)) {
      for (int i = 0; i < before.size(); i++) {
        if (before.get(i).equals(after.get(i))) {
          continue;
        }
        update.setString(1, codec.encode(after.get(i)));
        update.setInt(2, kind.schemaVersion());
        update.setString(3, key);
        update.setLong(4, i + 1);
        update.addBatch();
        changed++;
      }
      if (changed > 0) {
        for (int count : update.executeBatch()) {
          if (count != 1 && count != Statement.SUCCESS_NO_INFO) {
            throw new SQLException("a locked row of the stream was not updated (" + count + " rows)");
          }
        }
      }
    }
    return changed;
  }

  private static void rollback(Connection c, Throwable cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }
}
