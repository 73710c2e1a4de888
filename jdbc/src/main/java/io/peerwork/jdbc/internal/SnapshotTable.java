package io.peerwork.jdbc.internal;

import io.peerwork.core.SessionId;
import io.peerwork.core.SessionSnapshot;
import io.peerwork.core.SnapshotStore;
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
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Snapshots of sessions' states in the table {@code peerwork_session_snapshot} (migration V4),
 * beside the session journal's {@code peerwork_event}. A save inserts the snapshot and deletes the
 * session's older ones, in one transaction, so a session has one row (two for a moment at most).
 * {@link #latest} reads the newest snapshot whose version the session's stream holds (a snapshot
 * ahead of its events, say after the events were restored from an older backup, is not used); a
 * row it cannot read is skipped with a warning in the log ({@code java.util.logging}, this class's
 * name), and the next older one tried. {@link #deleteAll} drops a session's snapshots in a
 * caller's transaction (when its events are rewritten, the snapshots hold the old state). Thread-safe.
 */
public final class SnapshotTable implements SnapshotStore {
  private static final Logger LOG = Logger.getLogger(SnapshotTable.class.getName());

  private static final String SQL_LATEST = "SELECT s.version, s.schema_version, s.state FROM peerwork_session_snapshot s"
      + " WHERE s.session_id = ? AND EXISTS (SELECT 1 FROM peerwork_event e"
      + " WHERE e.session_id = s.session_id AND e.version = s.version) ORDER BY s.version DESC";
  private static final String SQL_INSERT = "INSERT INTO peerwork_session_snapshot"
      + " (session_id, version, schema_version, state, recorded_at) VALUES (?, ?, ?, ?, ?)";
  private static final String SQL_DELETE_OLDER = "DELETE FROM peerwork_session_snapshot"
      + " WHERE session_id = ? AND version < ?";
  private static final String SQL_DELETE_ALL = "DELETE FROM peerwork_session_snapshot WHERE session_id = ?";

  private final DataSource pool;
  private final SnapshotCodec codec = new SnapshotCodec();
  private final Clock clock;
  private final int interval;
  private final String description;

  /**
   * @param pool the connections; the caller closes it
   * @param clock for the time each snapshot is stored
   * @param interval how many events apart live sessions save snapshots, at least 1
   * @param description the database, for messages (without a password)
   */
  public SnapshotTable(DataSource pool, Clock clock, int interval, String description) {
    this.pool = Objects.requireNonNull(pool, "pool");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (interval < 1) {
      throw new IllegalArgumentException("interval must be at least 1: " + interval);
    }
    this.interval = interval;
    this.description = Objects.requireNonNull(description, "description");
  }

  @Override
  public int interval() {
    return interval;
  }

  @Override
  public Optional<SessionSnapshot> latest(SessionId session) {
    Objects.requireNonNull(session, "session");
    try (Connection c = pool.getConnection();
        PreparedStatement q = c.prepareStatement(SQL_LATEST)) {
      q.setString(1, session.value());
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          long version = rs.getLong(1);
          try {
            SessionSnapshot s = codec.decode(rs.getInt(2), rs.getString(3));
            if (!s.id().equals(session) || s.version() != version) {
              throw new EventCodec.Undecodable("it holds " + s.id() + " at version " + s.version(), null);
            }
            return Optional.of(s);
          } catch (EventCodec.Undecodable e) {
            LOG.log(Level.WARNING, "session " + session + ": its snapshot at version " + version + " in " + description
                + " cannot be read (" + e.problem() + "); loading from an older one or from its events");
          }
        }
      }
      return Optional.empty();
    } catch (SQLException e) {
      throw new JournalStorageException("cannot read the snapshots of session " + session + " from " + description, e);
    }
  }

  @Override
  public void save(SessionSnapshot snapshot) {
    Objects.requireNonNull(snapshot, "snapshot");
    if (snapshot.version() < 1) {
      return; // the state of no events: nothing to save
    }
    String json = codec.encode(snapshot);
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement insert = c.prepareStatement(SQL_INSERT);
          PreparedStatement delete = c.prepareStatement(SQL_DELETE_OLDER)) {
        insert.setString(1, snapshot.id().value());
        insert.setLong(2, snapshot.version());
        insert.setInt(3, SnapshotCodec.SCHEMA_VERSION);
        insert.setString(4, json);
        insert.setObject(5, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
        insert.executeUpdate();
        delete.setString(1, snapshot.id().value());
        delete.setLong(2, snapshot.version());
        delete.executeUpdate();
        c.commit();
      } catch (SQLException e) {
        try {
          c.rollback();
        } catch (SQLException again) {
          e.addSuppressed(again);
        }
        throw e;
      }
    } catch (SQLException e) {
      throw new JournalStorageException("cannot save the snapshot of session " + snapshot.id() + " at version "
          + snapshot.version() + " in " + description, e);
    }
  }

  /**
   * Deletes every snapshot of the session stored as {@code sessionId}, on {@code c} (in the caller's
   * transaction); also those of a journal that reads none ({@code snapshotInterval} 0), since they
   * may be left from before.
   */
  public static void deleteAll(Connection c, String sessionId) throws SQLException {
    try (PreparedStatement delete = c.prepareStatement(SQL_DELETE_ALL)) {
      delete.setString(1, sessionId);
      delete.executeUpdate();
    }
  }
}
