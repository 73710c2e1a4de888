package io.peerwork.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.peerwork.core.AppendResult;
import io.peerwork.core.EventJournal;
import io.peerwork.core.RecordedEvent;
import io.peerwork.core.SessionEvent;
import io.peerwork.core.SessionId;
import io.peerwork.jdbc.internal.EventCodec;
import io.peerwork.jdbc.internal.Migrations;
import io.peerwork.jdbc.internal.SqlStates;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * An {@link EventJournal} in a relational database: an embedded H2 file (the default, under
 * {@code ./data}) or PostgreSQL, shared by the nodes of a cluster.
 *
 * <pre>{@code
 * try (var journal = JdbcEventJournal.builder("jdbc:h2:file:./data/peerwork").open()) {
 *   journal.append(session, 0, events);
 * }
 * }</pre>
 *
 * <p>{@link Builder#open()} migrates the schema with Flyway (one table, {@code peerwork_event},
 * and Flyway's history table {@code peerwork_schema_history}) and keeps a small connection pool
 * (HikariCP) until {@link #close()}.
 *
 * <p>Each event is one row: the session id, its version, its type name, the {@link
 * #SCHEMA_VERSION} of its JSON, the JSON (written by {@code peerwork-jackson}) and the time it was
 * stored. An append is one transaction: it checks the stream's version and inserts its rows;
 * the primary key on (session, version) makes a concurrent append to the same version fail, and
 * that failure is reported as an {@link AppendResult.Conflict} with nothing written. When {@code
 * append} returns {@link AppendResult.Appended}, the transaction is committed: on PostgreSQL
 * flushed to its write-ahead log, on an H2 file written to the file (the journal sets H2's {@code
 * WRITE_DELAY} to 0 unless the URL says otherwise), so it survives a crash of the process.
 *
 * <p>{@link #read} throws {@link UnreadableEventException} for a row it cannot read; other
 * sessions read on. Database failures throw {@link JournalStorageException}. Thread-safe.
 */
public final class JdbcEventJournal implements EventJournal, AutoCloseable {
  /** The schema version of the JSON this code writes. Rows of older versions go through the {@link EventUpcaster}. */
  public static final int SCHEMA_VERSION = 1;

  /** The database a journal uses when nothing is configured: an H2 file under {@code ./data}. */
  public static final String DEFAULT_URL = "jdbc:h2:file:./data/peerwork";

  private static final String SQL_VERSION =
      "SELECT MAX(version) FROM peerwork_event WHERE session_id = ?";
  private static final String SQL_INSERT =
      "INSERT INTO peerwork_event (session_id, version, event_type, schema_version, payload, recorded_at)"
          + " VALUES (?, ?, ?, ?, ?, ?)";
  private static final String SQL_READ =
      "SELECT version, event_type, schema_version, payload FROM peerwork_event"
          + " WHERE session_id = ? AND version > ? ORDER BY version";
  private static final String SQL_SESSIONS = "SELECT DISTINCT session_id FROM peerwork_event";

  private final HikariDataSource pool;
  private final EventCodec codec;
  private final Clock clock;
  private final String description;

  private JdbcEventJournal(HikariDataSource pool, EventCodec codec, Clock clock, String description) {
    this.pool = pool;
    this.codec = codec;
    this.clock = clock;
    this.description = description;
  }

  /** A builder for a journal in the database at {@code jdbcUrl}. */
  public static Builder builder(String jdbcUrl) {
    return new Builder(jdbcUrl);
  }

  @Override
  public AppendResult append(SessionId session, long expectedVersion, List<? extends SessionEvent> events) {
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(events, "events");
    // Encode before touching the database: a failure here is a programming error, not storage.
    var types = new ArrayList<String>(events.size());
    var payloads = new ArrayList<String>(events.size());
    for (SessionEvent e : events) {
      types.add(codec.typeName(Objects.requireNonNull(e, "event")));
      payloads.add(codec.encode(e));
    }
    try (Connection c = pool.getConnection()) {
      if (events.isEmpty()) {
        long actual = version(c, session);
        return actual == expectedVersion
            ? new AppendResult.Appended(actual)
            : new AppendResult.Conflict(expectedVersion, actual);
      }
      c.setAutoCommit(false);
      try {
        long actual = version(c, session);
        if (actual != expectedVersion) {
          c.rollback();
          return new AppendResult.Conflict(expectedVersion, actual);
        }
        var at = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        try (PreparedStatement insert = c.prepareStatement(SQL_INSERT)) {
          long v = expectedVersion;
          for (int i = 0; i < payloads.size(); i++) {
            insert.setString(1, session.value());
            insert.setLong(2, ++v);
            insert.setString(3, types.get(i));
            insert.setInt(4, SCHEMA_VERSION);
            insert.setString(5, payloads.get(i));
            insert.setObject(6, at);
            insert.addBatch();
          }
          insert.executeBatch();
        }
      } catch (SQLException e) {
        rollbackQuietly(c, e);
        // Nothing of ours was committed. If the stream moved, someone else won the race.
        long actual;
        try {
          actual = version(c, session);
        } catch (SQLException again) {
          again.addSuppressed(e);
          throw again;
        }
        if (SqlStates.isUniqueViolation(e) || actual != expectedVersion) {
          return new AppendResult.Conflict(expectedVersion, actual);
        }
        throw new JournalStorageException("cannot append to session " + session + " in " + description
            + "; nothing was stored", e);
      }
      try {
        c.commit();
      } catch (SQLException e) {
        throw new JournalStorageException("the commit of an append to session " + session + " in " + description
            + " failed: the events may or may not be stored; read the stream before deciding again", e);
      }
      return new AppendResult.Appended(expectedVersion + events.size());
    } catch (SQLException e) {
      throw new JournalStorageException("cannot append to session " + session + " in " + description, e);
    }
  }

  /**
   * {@inheritDoc}
   *
   * @throws UnreadableEventException if a stored event cannot be read (corrupt JSON, unknown
   *     type, invalid values) or a version is missing; it names the session and version
   */
  @Override
  public List<RecordedEvent> read(SessionId session, long afterVersion) {
    Objects.requireNonNull(session, "session");
    long after = Math.max(afterVersion, 0);
    try (Connection c = pool.getConnection();
        PreparedStatement read = c.prepareStatement(SQL_READ)) {
      read.setString(1, session.value());
      read.setLong(2, after);
      read.setFetchSize(500);
      var out = new ArrayList<RecordedEvent>();
      try (ResultSet rs = read.executeQuery()) {
        long expected = after + 1;
        while (rs.next()) {
          long version = rs.getLong(1);
          if (version != expected) {
            throw new UnreadableEventException(session, expected,
                "the stream has no event " + expected + " (the next stored is " + version + ")", null);
          }
          SessionEvent event = codec.decode(session, version, rs.getString(2), rs.getInt(3), rs.getString(4));
          out.add(new RecordedEvent(session, version, event));
          expected++;
        }
      }
      return out;
    } catch (SQLException e) {
      throw new JournalStorageException("cannot read session " + session + " from " + description, e);
    }
  }

  @Override
  public long version(SessionId session) {
    Objects.requireNonNull(session, "session");
    try (Connection c = pool.getConnection()) {
      return version(c, session);
    } catch (SQLException e) {
      throw new JournalStorageException("cannot read the version of session " + session + " from " + description, e);
    }
  }

  @Override
  public List<SessionId> sessions() {
    try (Connection c = pool.getConnection();
        PreparedStatement q = c.prepareStatement(SQL_SESSIONS);
        ResultSet rs = q.executeQuery()) {
      var out = new ArrayList<SessionId>();
      while (rs.next()) {
        out.add(SessionId.of(rs.getString(1)));
      }
      return out;
    } catch (SQLException e) {
      throw new JournalStorageException("cannot list the sessions in " + description, e);
    }
  }

  /** Closes the connection pool. Appends and reads after this fail. */
  @Override
  public void close() {
    pool.close();
  }

  @Override
  public String toString() {
    return "JdbcEventJournal[" + description + "]";
  }

  private static long version(Connection c, SessionId session) throws SQLException {
    try (PreparedStatement q = c.prepareStatement(SQL_VERSION)) {
      q.setString(1, session.value());
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

  /**
   * Configures and opens a {@link JdbcEventJournal}.
   *
   * <pre>{@code
   * JdbcEventJournal journal = JdbcEventJournal.builder("jdbc:postgresql://db:5432/peerwork")
   *     .user("peerwork").password(secret).maxPoolSize(10).open();
   * }</pre>
   */
  public static final class Builder {
    /** The environment variable with the JDBC URL. */
    public static final String ENV_URL = "PEERWORK_DB_URL";
    /** The environment variable with the database user, if it is not in the URL. */
    public static final String ENV_USER = "PEERWORK_DB_USER";
    /** The environment variable with the database password, if it is not in the URL. */
    public static final String ENV_PASSWORD = "PEERWORK_DB_PASSWORD";

    private final String url;
    private String user;
    private String password;
    private String schema;
    private int maxPoolSize = 10;
    private EventUpcaster upcaster = EventUpcaster.none();
    private Clock clock = Clock.systemUTC();

    private Builder(String url) {
      Objects.requireNonNull(url, "url");
      if (!url.startsWith("jdbc:")) {
        throw new IllegalArgumentException("not a JDBC URL: " + url);
      }
      this.url = url;
    }

    /**
     * A builder configured from environment variables: {@value #ENV_URL} (default {@value
     * JdbcEventJournal#DEFAULT_URL}), and {@value #ENV_USER} and {@value #ENV_PASSWORD} if set.
     *
     * @param env the environment, usually {@code System.getenv()}
     */
    public static Builder fromEnvironment(Map<String, String> env) {
      String url = env.get(ENV_URL);
      var b = new Builder(url == null || url.isBlank() ? DEFAULT_URL : url.strip());
      String user = env.get(ENV_USER);
      if (user != null && !user.isEmpty()) {
        b.user(user);
      }
      String password = env.get(ENV_PASSWORD);
      if (password != null && !password.isEmpty()) {
        b.password(password);
      }
      return b;
    }

    /** The database user, if it is not in the URL. */
    public Builder user(String user) {
      this.user = Objects.requireNonNull(user, "user");
      return this;
    }

    /** The database password, if it is not in the URL. */
    public Builder password(String password) {
      this.password = Objects.requireNonNull(password, "password");
      return this;
    }

    /**
     * The schema to keep the tables in, created if missing. By default the connection's own
     * ({@code public} on PostgreSQL, {@code PUBLIC} on H2).
     */
    public Builder schema(String schema) {
      this.schema = Objects.requireNonNull(schema, "schema");
      return this;
    }

    /** The most connections the pool opens; 10 by default. */
    public Builder maxPoolSize(int maxPoolSize) {
      if (maxPoolSize < 1) {
        throw new IllegalArgumentException("maxPoolSize must be at least 1: " + maxPoolSize);
      }
      this.maxPoolSize = maxPoolSize;
      return this;
    }

    /** What brings rows of older schema versions up to date; {@link EventUpcaster#none()} by default. */
    public Builder upcaster(EventUpcaster upcaster) {
      this.upcaster = Objects.requireNonNull(upcaster, "upcaster");
      return this;
    }

    /** The clock for the time each row is stored; the system clock (UTC) by default. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Connects, migrates the schema and returns the journal.
     *
     * @throws JournalStorageException if the database cannot be reached or migrated
     */
    public JdbcEventJournal open() {
      var config = new HikariConfig();
      config.setJdbcUrl(effectiveUrl(url));
      if (user != null) {
        config.setUsername(user);
      }
      if (password != null) {
        config.setPassword(password);
      }
      if (schema != null) {
        config.setSchema(schema);
      }
      config.setMaximumPoolSize(maxPoolSize);
      config.setMinimumIdle(Math.min(2, maxPoolSize));
      config.setPoolName("peerwork-journal");
      config.setConnectionTimeout(10_000);
      String description = redacted(url) + (schema != null ? " (schema " + schema + ")" : "");
      HikariDataSource pool;
      try {
        pool = new HikariDataSource(config);
      } catch (RuntimeException e) {
        throw new JournalStorageException("cannot connect to the journal database " + description, e);
      }
      try {
        Migrations.migrate(pool, schema);
      } catch (RuntimeException e) {
        pool.close();
        throw new JournalStorageException("cannot migrate the journal database " + description, e);
      }
      return new JdbcEventJournal(pool, new EventCodec(upcaster), clock, description);
    }

    /** An H2 file database writes each commit to its file at once, unless the URL says otherwise. */
    static String effectiveUrl(String url) {
      String lower = url.toLowerCase(Locale.ROOT);
      boolean h2File = lower.startsWith("jdbc:h2:") && !lower.startsWith("jdbc:h2:mem:")
          && !lower.startsWith("jdbc:h2:tcp:") && !lower.startsWith("jdbc:h2:ssl:");
      if (h2File && !lower.contains("write_delay")) {
        return url + ";WRITE_DELAY=0";
      }
      return url;
    }

    /** The URL without a password in its query, for messages. */
    static String redacted(String url) {
      return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }
  }
}
