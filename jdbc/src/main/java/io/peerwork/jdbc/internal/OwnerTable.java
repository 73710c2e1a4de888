package io.peerwork.jdbc.internal;

import io.peerwork.core.StreamOwners;
import io.peerwork.jdbc.JournalStorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link StreamOwners} in the table {@code peerwork_stream_owner} (migration V6), shared by every
 * node that uses the database. A take is one transaction: it raises the stream's epoch with an
 * {@code UPDATE} (which locks the row, and waits for any append that holds it: see {@link
 * StreamTable}'s fence), inserts the row at epoch 1 if there is none (and, if a racing take
 * inserted it first, updates it after all), and reads the epoch back. An append fenced by an epoch
 * locks the same row with {@code SELECT ... FOR UPDATE} in its own transaction, so a take and a
 * fenced append of one stream are serialized by the database: the append either commits before the
 * take, or sees the new epoch and stores nothing.
 *
 * <p>Failures throw {@link JournalStorageException}. If a take's commit fails, the epoch may or may
 * not have been raised; that can only refuse more appends, never let a stale one in, and the next
 * take raises it again. Uses connections of the journal's pool; thread-safe.
 */
public final class OwnerTable implements StreamOwners {
  /** The table, created by migration V6. */
  public static final String TABLE = "peerwork_stream_owner";
  /** The fence of an append: locks the stream's row and reads its epoch. */
  static final String SQL_LOCK_EPOCH =
      "SELECT epoch FROM " + TABLE + " WHERE stream_kind = ? AND stream_id = ? FOR UPDATE";

  private static final String SQL_RAISE =
      "UPDATE " + TABLE + " SET epoch = epoch + 1, node = ?, taken_at = ? WHERE stream_kind = ? AND stream_id = ?";
  private static final String SQL_FIRST =
      "INSERT INTO " + TABLE + " (stream_kind, stream_id, node, epoch, taken_at) VALUES (?, ?, ?, 1, ?)";
  private static final String SQL_OWNER = "SELECT node, epoch FROM " + TABLE + " WHERE stream_kind = ? AND stream_id = ?";
  /** How often a take tries again after losing the race to insert a stream's first row. */
  private static final int TRIES = 3;

  private final DataSource pool;
  private final Clock clock;
  private final String description;

  /**
   * @param pool the connections to a migrated database; the caller closes it
   * @param clock for the time of a take
   * @param description the database, for messages (without a password)
   */
  public OwnerTable(DataSource pool, Clock clock, String description) {
    this.pool = Objects.requireNonNull(pool, "pool");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.description = Objects.requireNonNull(description, "description");
  }

  @Override
  public long take(Stream stream, String node) {
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(node, "node");
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false); // the pool restores it
      for (int attempt = 1; ; attempt++) {
        var at = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        try {
          if (raise(c, stream, node, at) == 0) {
            insertFirst(c, stream, node, at);
          }
          long epoch = epoch(c, stream);
          c.commit();
          return epoch;
        } catch (SQLException e) {
          try {
            c.rollback();
          } catch (SQLException again) {
            e.addSuppressed(again);
          }
          if (!SqlStates.isUniqueViolation(e) || attempt == TRIES) {
            throw e;
          }
          // Another take inserted the row first: raise it now.
        }
      }
    } catch (SQLException e) {
      throw new JournalStorageException("cannot take the " + stream.kind() + " " + stream.id() + " for " + node
          + " in " + description, e);
    }
  }

  @Override
  public Optional<Owner> owner(Stream stream) {
    Objects.requireNonNull(stream, "stream");
    try (Connection c = pool.getConnection(); PreparedStatement q = c.prepareStatement(SQL_OWNER)) {
      q.setString(1, stream.kind());
      q.setString(2, stream.id());
      try (ResultSet rs = q.executeQuery()) {
        return rs.next() ? Optional.of(new Owner(rs.getString(1), rs.getLong(2))) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new JournalStorageException("cannot read the owner of the " + stream.kind() + " " + stream.id()
          + " from " + description, e);
    }
  }

  /**
   * Locks the row of {@code stream} until {@code c}'s transaction ends, and returns its epoch (0 if
   * it has no row: it was never taken). What a fenced append does before it inserts.
   */
  static long lockEpoch(Connection c, Stream stream) throws SQLException {
    try (PreparedStatement q = c.prepareStatement(SQL_LOCK_EPOCH)) {
      q.setString(1, stream.kind());
      q.setString(2, stream.id());
      try (ResultSet rs = q.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  private static int raise(Connection c, Stream stream, String node, OffsetDateTime at) throws SQLException {
    try (PreparedStatement u = c.prepareStatement(SQL_RAISE)) {
      u.setString(1, node);
      u.setObject(2, at);
      u.setString(3, stream.kind());
      u.setString(4, stream.id());
      return u.executeUpdate();
    }
  }

  private static void insertFirst(Connection c, Stream stream, String node, OffsetDateTime at) throws SQLException {
    try (PreparedStatement i = c.prepareStatement(SQL_FIRST)) {
      i.setString(1, stream.kind());
      i.setString(2, stream.id());
      i.setString(3, node);
      i.setObject(4, at);
      i.executeUpdate();
    }
  }

  private static long epoch(Connection c, Stream stream) throws SQLException {
    try (PreparedStatement q = c.prepareStatement(SQL_OWNER)) {
      q.setString(1, stream.kind());
      q.setString(2, stream.id());
      try (ResultSet rs = q.executeQuery()) {
        if (!rs.next()) {
          throw new SQLException("the row of the " + stream.kind() + " " + stream.id() + " is gone");
        }
        return rs.getLong(2);
      }
    }
  }

  @Override
  public String toString() {
    return "OwnerTable[" + description + "]";
  }
}
