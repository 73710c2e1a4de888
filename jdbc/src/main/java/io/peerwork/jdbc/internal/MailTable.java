package io.peerwork.jdbc.internal;

import com.zaxxer.hikari.HikariDataSource;
import io.peerwork.core.series.OutgoingMessage;
import io.peerwork.core.series.SeriesState;
import io.peerwork.jdbc.JournalStorageException;
import io.peerwork.jdbc.MailQueue;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@link MailQueue} in the table {@code peerwork_mail_outbox} (migration V5). Each call is one
 * statement in auto-commit, except a claim: it reads the due rows, then moves each row's next
 * attempt to the lease's end with an update that succeeds only while the row is still due, so of
 * two senders racing for a row exactly one gets it, and {@link #forget}: it reads every row's
 * recipient, compares the addresses in Java (as {@code SeriesState.normalize} does, which SQL's
 * {@code LOWER} need not match for every letter) and deletes the matching rows by id, in one
 * transaction. Owns its connection pool. Thread-safe.
 */
public final class MailTable implements MailQueue {
  /** The longest error text kept per message. */
  static final int MAX_ERROR = 1000;

  private static final String SQL_INSERT = "INSERT INTO peerwork_mail_outbox"
      + " (recipient, language, subject, body, created_at, attempts, next_attempt_at) VALUES (?, ?, ?, ?, ?, 0, ?)";
  private static final String SQL_DUE = "SELECT id, recipient, language, subject, body, created_at, attempts"
      + " FROM peerwork_mail_outbox WHERE sent_at IS NULL AND next_attempt_at <= ? ORDER BY next_attempt_at, id";
  private static final String SQL_CLAIM = "UPDATE peerwork_mail_outbox SET next_attempt_at = ?"
      + " WHERE id = ? AND sent_at IS NULL AND next_attempt_at <= ?";
  private static final String SQL_SENT = "UPDATE peerwork_mail_outbox SET sent_at = ?, attempts = attempts + 1,"
      + " last_error = NULL WHERE id = ? AND sent_at IS NULL";
  private static final String SQL_FAILED = "UPDATE peerwork_mail_outbox SET attempts = attempts + 1,"
      + " next_attempt_at = ?, last_error = ? WHERE id = ? AND sent_at IS NULL";
  private static final String SQL_UNSENT = "SELECT COUNT(*) FROM peerwork_mail_outbox WHERE sent_at IS NULL";
  private static final String SQL_RECIPIENTS = "SELECT id, recipient FROM peerwork_mail_outbox";
  private static final String SQL_DELETE = "DELETE FROM peerwork_mail_outbox WHERE id = ?";
  private static final String SQL_DELETE_SENT = "DELETE FROM peerwork_mail_outbox"
      + " WHERE sent_at IS NOT NULL AND sent_at < ?";

  private final HikariDataSource pool;
  private final String description;

  /**
   * @param pool the connections to a migrated database; closed by {@link #close()}
   * @param description the database, for messages (without a password)
   */
  public MailTable(HikariDataSource pool, String description) {
    this.pool = Objects.requireNonNull(pool, "pool");
    this.description = Objects.requireNonNull(description, "description");
  }

  @Override
  public long enqueue(OutgoingMessage message, Instant now) {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(now, "now");
    try (Connection c = pool.getConnection();
        PreparedStatement insert = c.prepareStatement(SQL_INSERT, new String[] {"id"})) {
      insert.setString(1, message.to());
      insert.setString(2, message.language());
      insert.setString(3, message.subject());
      insert.setString(4, message.body());
      insert.setObject(5, time(now));
      insert.setObject(6, time(now));
      insert.executeUpdate();
      try (ResultSet keys = insert.getGeneratedKeys()) {
        if (!keys.next()) {
          throw new SQLException("no id was generated");
        }
        return keys.getLong(1);
      }
    } catch (SQLException e) {
      throw new JournalStorageException("cannot keep a message to " + message.to() + " in " + description, e);
    }
  }

  @Override
  public List<QueuedMail> claimDue(Instant now, int limit, Instant leaseUntil) {
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(leaseUntil, "leaseUntil");
    if (limit < 1) {
      return List.of();
    }
    try (Connection c = pool.getConnection()) {
      var due = new ArrayList<QueuedMail>();
      try (PreparedStatement q = c.prepareStatement(SQL_DUE)) {
        q.setMaxRows(limit);
        q.setObject(1, time(now));
        try (ResultSet rs = q.executeQuery()) {
          while (rs.next()) {
            due.add(new QueuedMail(rs.getLong(1),
                new OutgoingMessage(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)),
                rs.getObject(6, OffsetDateTime.class).toInstant(), rs.getInt(7)));
          }
        }
      }
      var claimed = new ArrayList<QueuedMail>();
      try (PreparedStatement claim = c.prepareStatement(SQL_CLAIM)) {
        for (QueuedMail m : due) {
          claim.setObject(1, time(leaseUntil));
          claim.setLong(2, m.id());
          claim.setObject(3, time(now));
          if (claim.executeUpdate() == 1) {
            claimed.add(m);
          }
        }
      }
      return claimed;
    } catch (SQLException e) {
      throw new JournalStorageException("cannot read the messages due in " + description, e);
    }
  }

  @Override
  public void markSent(long id, Instant at) {
    Objects.requireNonNull(at, "at");
    update(SQL_SENT, "mark message " + id + " sent", s -> {
      s.setObject(1, time(at));
      s.setLong(2, id);
    });
  }

  @Override
  public void markFailed(long id, Instant nextAttempt, String error) {
    Objects.requireNonNull(nextAttempt, "nextAttempt");
    Objects.requireNonNull(error, "error");
    update(SQL_FAILED, "record the failed attempt of message " + id, s -> {
      s.setObject(1, time(nextAttempt));
      s.setString(2, shorten(error));
      s.setLong(3, id);
    });
  }

  @Override
  public long unsent() {
    try (Connection c = pool.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(SQL_UNSENT)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new JournalStorageException("cannot count the messages waiting in " + description, e);
    }
  }

  @Override
  public int deleteSentBefore(Instant before) {
    Objects.requireNonNull(before, "before");
    return update(SQL_DELETE_SENT, "delete sent messages", s -> s.setObject(1, time(before)));
  }

  @Override
  public int forget(String email) {
    String address = SeriesState.normalize(Objects.requireNonNull(email, "email"));
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try {
        var ids = new ArrayList<Long>();
        try (Statement q = c.createStatement(); ResultSet rs = q.executeQuery(SQL_RECIPIENTS)) {
          while (rs.next()) {
            if (SeriesState.normalize(rs.getString(2)).equals(address)) {
              ids.add(rs.getLong(1));
            }
          }
        }
        int deleted = 0;
        if (!ids.isEmpty()) {
          try (PreparedStatement delete = c.prepareStatement(SQL_DELETE)) {
            for (long id : ids) {
              delete.setLong(1, id);
              delete.addBatch();
            }
            for (int count : delete.executeBatch()) {
              deleted += count == Statement.SUCCESS_NO_INFO ? 1 : count;
            }
          }
        }
        c.commit();
        return deleted;
      } catch (SQLException e) {
        try {
          c.rollback();
        } catch (SQLException again) {
          e.addSuppressed(again);
        }
        throw e;
      }
    } catch (SQLException e) {
      throw new JournalStorageException("cannot delete the messages to an address in " + description, e);
    }
  }

  @Override
  public void close() {
    pool.close();
  }

  @Override
  public String toString() {
    return "MailTable[" + description + "]";
  }

  private interface Parameters {
    void set(PreparedStatement s) throws SQLException;
  }

  private int update(String sql, String what, Parameters parameters) {
    try (Connection c = pool.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      parameters.set(s);
      return s.executeUpdate();
    } catch (SQLException e) {
      throw new JournalStorageException("cannot " + what + " in " + description, e);
    }
  }

  private static OffsetDateTime time(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  /** An error text as kept: at most {@value #MAX_ERROR} characters. */
  static String shorten(String error) {
    return error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR - 1) + "…";
  }
}
