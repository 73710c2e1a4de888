package io.peerwork.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.peerwork.core.AppendResult;
import io.peerwork.core.CommandId;
import io.peerwork.core.JournalException;
import io.peerwork.core.EventJournal;
import io.peerwork.core.EventRewriter;
import io.peerwork.core.RecordedEvent;
import io.peerwork.core.SessionEvent;
import io.peerwork.core.SessionId;
import io.peerwork.core.SnapshotStore;
import io.peerwork.core.StreamOwners;
import io.peerwork.core.internal.FencedJournals;
import io.peerwork.jdbc.internal.EventCodec;
import io.peerwork.jdbc.internal.MailTable;
import io.peerwork.jdbc.internal.Migrations;
import io.peerwork.jdbc.internal.OwnerTable;
import io.peerwork.jdbc.internal.SnapshotTable;
import io.peerwork.jdbc.internal.StreamRewriter;
import io.peerwork.jdbc.internal.StreamTable;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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
 * <p>{@link Builder#open()} migrates the schema with Flyway (the tables {@code peerwork_event} for
 * sessions, {@code peerwork_series_event} for series and {@code peerwork_stream_owner} for the
 * owners of both, and Flyway's history table {@code
 * peerwork_schema_history}) and keeps a small connection pool (HikariCP) until {@link #close()}.
 * The same builder opens the {@link JdbcSeriesJournal} of the same database: {@link
 * Builder#openSeriesJournal()}.
 *
 * <p>Each event is one row: the session id, its version, its type name, the {@link
 * #SCHEMA_VERSION} of its JSON, the JSON (written by {@code peerwork-jackson}) and the time it was
 * stored. An append is one transaction that inserts its rows after the expected version, the first
 * only if the row of that version exists and its own version is free (no {@code MAX(version)} is
 * read); the primary key on (session, version) still stops two appends racing for one version, and
 * either failure is reported as an {@link AppendResult.Conflict} with nothing written.
 * Appends that threads ask for at the same time are committed together (group commit): one
 * transaction, one commit, for the appends of many rooms; if one of them conflicts, each is written
 * on its own instead, so every caller gets the outcome it would have had alone.
 * When {@code append} returns {@link AppendResult.Appended}, the transaction is committed: on PostgreSQL
 * flushed to its write-ahead log, on an H2 file written to the file (the journal sets H2's {@code
 * WRITE_DELAY} to 0 unless the URL says otherwise), so it survives a crash of the process.
 *
 * <p>An append's command id, if it has one, is stored in the column {@code command_id} of its last
 * row; a unique index on (session, command id) keeps each once per session, and an append whose
 * command id is stored already writes nothing and answers {@link AppendResult.Duplicate}.
 *
 * <p>Snapshots: the journal keeps a {@link SnapshotStore} ({@link #snapshots()}) in the table
 * {@code peerwork_session_snapshot}: a live session saves its state there every {@link
 * Builder#snapshotInterval(int)} events (1,000 by default) and loads from the newest snapshot and
 * the events after it. A snapshot is a cache of the events: one that cannot be read (damaged, or of
 * a schema version this code does not know) is skipped with a warning, and the session is rebuilt
 * from its events; the table may be emptied at any time.
 *
 * <p>Owners: on a cluster, the node that loads a session {@linkplain StreamOwners#take takes} it in
 * {@link #owners()} (the table {@code peerwork_stream_owner}, shared by every node and by the
 * series journal) and appends through {@link #fenced(SessionId, long) fenced(session, epoch)}: each
 * such append locks the session's row in that table in its own transaction ({@code SELECT ... FOR
 * UPDATE}) and stores its events only if the epoch is still the one taken, else it throws {@link
 * JournalException.Fenced} and stores nothing. Appends through the journal itself are not fenced.
 *
 * <p>Erasure: {@link #rewriter()} rewrites a session's stored events in one transaction (its rows
 * locked with {@code SELECT ... FOR UPDATE}); only the rows whose event changed are written, each
 * keeping its version, command id and time, and the session's snapshots are deleted in the same
 * transaction, since they hold the old state.
 *
 * <p>{@link #read} throws {@link UnreadableEventException} (a {@link
 * JournalException.UnreadableEvent}) for a row it cannot read; other sessions read on. Database
 * failures are classified by what can have been stored: a failure before the commit (no
 * connection, a statement that failed and was rolled back) throws {@link JournalStorageException}
 * (a {@link JournalException.StorageUnavailable}: nothing stored); a commit that fails throws
 * {@link JournalException.OutcomeUnknown}: the rows may or may not be stored. Thread-safe.
 */
public final class JdbcEventJournal implements EventJournal, AutoCloseable {
  /** The schema version of the JSON this code writes. Rows of older versions go through the {@link EventUpcaster}. */
  public static final int SCHEMA_VERSION = 1;

  /** The database a journal uses when nothing is configured: an H2 file under {@code ./data}. */
  public static final String DEFAULT_URL = "jdbc:h2:file:./data/peerwork";

  private static final StreamTable.Kind<SessionId, SessionEvent, RecordedEvent> KIND = new StreamTable.Kind<>(
      "peerwork_event", "session_id", "session", "sessions", SCHEMA_VERSION,
      SessionId::value, SessionId::of, RecordedEvent::new, UnreadableEventException::new, true);

  /** How many events apart live sessions save snapshots unless configured otherwise. */
  public static final int DEFAULT_SNAPSHOT_INTERVAL = 1000;

  private final HikariDataSource pool;
  private final StreamTable<SessionId, SessionEvent, RecordedEvent> table;
  private final Optional<SnapshotStore> snapshots;
  private final StreamRewriter<SessionId, SessionEvent> rewriter;
  private final OwnerTable owners;
  private final String description;

  private JdbcEventJournal(HikariDataSource pool, EventUpcaster upcaster, Clock clock, int snapshotInterval,
      String description) {
    this.pool = pool;
    var codec = new EventCodec<>(SessionEvent.class, upcaster);
    this.table = new StreamTable<>(KIND, pool, codec, clock, description);
    this.rewriter = new StreamRewriter<>(KIND, pool, codec, SnapshotTable::deleteAll, description);
    this.snapshots = snapshotInterval == 0 ? Optional.empty()
        : Optional.of(new SnapshotTable(pool, clock, snapshotInterval, description));
    this.owners = new OwnerTable(pool, clock, description);
    this.description = description;
  }

  /** A builder for a journal in the database at {@code jdbcUrl}. */
  public static Builder builder(String jdbcUrl) {
    return new Builder(jdbcUrl);
  }

  @Override
  public AppendResult append(SessionId session, long expectedVersion, List<? extends SessionEvent> events,
      Optional<CommandId> command) {
    return table.append(session, expectedVersion, events, command);
  }

  /**
   * {@inheritDoc}
   *
   * @throws UnreadableEventException if a stored event cannot be read (corrupt JSON, unknown
   *     type, invalid values) or a version is missing; it names the session and version
   */
  @Override
  public List<RecordedEvent> read(SessionId session, long afterVersion) {
    return table.read(session, afterVersion);
  }

  @Override
  public long version(SessionId session) {
    return table.version(session);
  }

  @Override
  public List<SessionId> sessions() {
    return table.ids();
  }

  /** One look-up in the unique index on (session, command id). */
  @Override
  public Optional<Long> commandVersion(SessionId session, CommandId command) {
    return table.commandVersion(session, command);
  }

  /**
   * The snapshots of this journal's sessions, in the same database (table {@code
   * peerwork_session_snapshot}); empty if {@link Builder#snapshotInterval(int)} is 0.
   */
  @Override
  public Optional<SnapshotStore> snapshots() {
    return snapshots;
  }

  /**
   * Rewrites a session's events in this database, for erasure: in one transaction, the session's
   * rows are locked and read in version order, the change applied and checked, the rows whose event
   * changed updated (their JSON; version, type, command id and time stay) and the session's rows in
   * {@code peerwork_session_snapshot} deleted, also if this journal reads no snapshots ({@link
   * Builder#snapshotInterval(int)} 0). A row that cannot be read throws {@link
   * UnreadableEventException}; a database failure before the commit {@link JournalStorageException}
   * (nothing changed). Events appended while a rewrite runs are not part of it.
   */
  @Override
  public Optional<EventRewriter> rewriter() {
    return Optional.of(rewriter::rewrite);
  }

  /**
   * The owners of sessions, in the table {@code peerwork_stream_owner} of the same database: what
   * every node using the database sees.
   */
  @Override
  public Optional<StreamOwners> owners() {
    return Optional.of(owners);
  }

  /**
   * {@inheritDoc}
   *
   * <p>A fenced append locks the session's row in {@code peerwork_stream_owner} in its
   * transaction; it may share its transaction (group commit) with other appends, fenced or not,
   * which a fenced-out append does not affect.
   */
  @Override
  public EventJournal fenced(SessionId session, long epoch) {
    var fence = new StreamTable.Fence(StreamOwners.Stream.of(session), epoch);
    return FencedJournals.session(this, session, epoch, (expectedVersion, events, command) ->
        table.append(session, expectedVersion, events, command, Optional.of(fence)));
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
    private int snapshotInterval = DEFAULT_SNAPSHOT_INTERVAL;
    private EventUpcaster upcaster = EventUpcaster.none();
    private EventUpcaster seriesUpcaster = EventUpcaster.none();
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

    /**
     * How many events apart live sessions save snapshots of their state ({@value
     * JdbcEventJournal#DEFAULT_SNAPSHOT_INTERVAL} by default); 0 for none: then sessions load
     * from all their events, and stored snapshots are not read.
     */
    public Builder snapshotInterval(int events) {
      if (events < 0) {
        throw new IllegalArgumentException("snapshotInterval must not be negative: " + events);
      }
      this.snapshotInterval = events;
      return this;
    }

    /** What brings session events of older schema versions up to date; {@link EventUpcaster#none()} by default. */
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
     * What brings series events of older schema versions up to date, for {@link
     * #openSeriesJournal()}; {@link EventUpcaster#none()} by default.
     */
    public Builder seriesUpcaster(EventUpcaster upcaster) {
      this.seriesUpcaster = Objects.requireNonNull(upcaster, "upcaster");
      return this;
    }

    /**
     * Connects, migrates the schema and returns the journal of sessions.
     *
     * @throws JournalStorageException if the database cannot be reached or migrated
     */
    public JdbcEventJournal open() {
      HikariDataSource pool = openPool("peerwork-journal", maxPoolSize);
      return new JdbcEventJournal(pool, upcaster, clock, snapshotInterval, description());
    }

    /**
     * Connects, migrates the schema and returns the journal of series, in the same database (its
     * own table, {@code peerwork_series_event}) with the same settings. It has its own connection
     * pool of up to {@link #maxPoolSize(int)} connections; close it as well as the session journal.
     *
     * <pre>{@code
     * var config = JdbcEventJournal.Builder.fromEnvironment(System.getenv());
     * try (JdbcEventJournal sessions = config.open(); JdbcSeriesJournal series = config.openSeriesJournal()) {
     *   ...
     * }
     * }</pre>
     *
     * @throws JournalStorageException if the database cannot be reached or migrated
     */
    public JdbcSeriesJournal openSeriesJournal() {
      HikariDataSource pool = openPool("peerwork-series-journal", maxPoolSize);
      return new JdbcSeriesJournal(pool, seriesUpcaster, clock, description());
    }

    /**
     * Connects, migrates the schema and returns the queue of messages waiting to be sent by
     * e-mail, in the same database (table {@code peerwork_mail_outbox}). It has its own connection
     * pool of up to two connections; close it as well as the journals.
     *
     * @throws JournalStorageException if the database cannot be reached or migrated
     */
    public MailQueue openMailQueue() {
      HikariDataSource pool = openPool("peerwork-mail-queue", Math.min(2, maxPoolSize));
      return new MailTable(pool, description());
    }

    private String description() {
      return redacted(url) + (schema != null ? " (schema " + schema + ")" : "");
    }

    /** A pool on the database, whose schema is migrated (both tables, whichever journal opens it). */
    private HikariDataSource openPool(String poolName, int maxSize) {
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
      config.setMaximumPoolSize(maxSize);
      config.setMinimumIdle(Math.min(2, maxSize));
      config.setPoolName(poolName);
      config.setConnectionTimeout(10_000);
      String description = description();
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
      return pool;
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
