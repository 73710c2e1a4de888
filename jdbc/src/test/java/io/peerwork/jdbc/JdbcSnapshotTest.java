package io.peerwork.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerwork.core.Command;
import io.peerwork.core.CommandId;
import io.peerwork.core.LiveSession;
import io.peerwork.core.ParticipantId;
import io.peerwork.core.SessionEngine;
import io.peerwork.core.SessionEvent;
import io.peerwork.core.SessionId;
import io.peerwork.core.SessionSnapshot;
import io.peerwork.core.SessionState;
import io.peerwork.core.SnapshotStore;
import io.peerwork.jdbc.internal.SnapshotTable;
import io.peerwork.testkit.SessionSimulator;
import io.peerwork.testkit.Simulation;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Snapshots in the JDBC journal, on H2 and PostgreSQL: a session loads from its newest snapshot
 * without reading the events before it, an unreadable snapshot is skipped with one warning and the
 * session rebuilt from its events, only the newest snapshot is kept, one ahead of the events is not
 * used, and the migration from V3 adds the table to a journal with events.
 */
class JdbcSnapshotTest {
  private static final SessionEngine ENGINE = SessionEngine.builder().formats(RealSessionFixture.FORMAT).build();
  private static final Simulation SIM = SessionSimulator.of(RealSessionFixture.FORMAT).withSeed(7).withParticipants(6)
      .withExperts(2).run();
  private static final SessionId SESSION = SIM.state().id();

  /** A fresh database: H2 file or a new PostgreSQL schema. */
  private record Db(String url, String schema) {
    static Db of(String kind) {
      if (kind.equals("h2")) {
        return new Db(TestDatabases.newH2FileUrl("snapshots"), null);
      }
      return new Db(TestDatabases.postgresUrlOrSkip(), TestDatabases.newPostgresSchema("snapshots"));
    }

    JdbcEventJournal open(int interval) {
      var b = JdbcEventJournal.builder(url).snapshotInterval(interval);
      if (schema != null) {
        b.schema(schema);
      }
      return b.open();
    }

    String table(String name) {
      return schema == null ? name : schema + "." + name;
    }

    void execute(String sql) {
      TestDatabases.execute(url, sql);
    }

    long count(String sql) throws Exception {
      try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(sql)) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** Appends the simulation's events one per append, each with the command id {@code c/<version>}. */
  private static void write(JdbcEventJournal journal) {
    List<SessionEvent> events = SIM.events();
    for (int i = 0; i < events.size(); i++) {
      journal.append(SESSION, i, List.of(events.get(i)), Optional.of(CommandId.of("c/" + (i + 1))));
    }
  }

  private static SessionState stateAt(int version) {
    return ENGINE.replay(SESSION, SIM.events().subList(0, version));
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "pg"})
  void aSessionLoadsFromItsSnapshotWithoutReadingTheEventsBeforeIt(String kind) {
    Db db = Db.of(kind);
    int n = SIM.events().size();
    try (JdbcEventJournal journal = db.open(1000)) {
      write(journal);
      journal.snapshots().orElseThrow().save(SessionSnapshot.of(stateAt(n - 5)));
    }
    // Event 3 is damaged: a session that needs it cannot load; one that starts after it can.
    db.execute("UPDATE " + db.table("peerwork_event") + " SET payload = 'not json' WHERE session_id = '"
        + SESSION.value() + "' AND version = 3");
    try (JdbcEventJournal journal = db.open(1000)) {
      LiveSession live = LiveSession.load(ENGINE, journal, SESSION);
      assertThat(live.state()).isEqualTo(SIM.state());
      // A command applied before the snapshot, sent again: found by its id, not applied again.
      LiveSession.Outcome out = live.handle(new Command.Leave(ParticipantId.of("nobody")),
          Optional.of(CommandId.of("c/2")), SIM.state().lastEventAt().orElseThrow());
      assertThat(out.duplicate()).isTrue();
      assertThat(out.version()).isEqualTo(2);
      assertThat(journal.version(SESSION)).isEqualTo(n);
    }
    try (JdbcEventJournal journal = db.open(0)) {
      assertThat(journal.snapshots()).isEmpty();
      assertThatThrownBy(() -> LiveSession.load(ENGINE, journal, SESSION))
          .isInstanceOfSatisfying(UnreadableEventException.class, e -> assertThat(e.version()).isEqualTo(3));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2-json", "h2-schema", "h2-values", "pg-json", "pg-schema", "pg-values"})
  void anUnreadableSnapshotIsSkippedWithOneWarningAndTheSessionRebuiltFromItsEvents(String kindAndDamage)
      throws Exception {
    String kind = kindAndDamage.substring(0, 2);
    String damage = kindAndDamage.substring(3);
    Db db = Db.of(kind);
    int n = SIM.events().size();
    try (JdbcEventJournal journal = db.open(10)) {
      write(journal);
      journal.snapshots().orElseThrow().save(SessionSnapshot.of(stateAt(n - 1)));
    }
    String where = " WHERE session_id = '" + SESSION.value() + "'";
    db.execute("UPDATE " + db.table("peerwork_session_snapshot") + switch (damage) {
      case "json" -> " SET state = '{\"id\": '";
      case "schema" -> " SET schema_version = 99";
      default -> " SET state = REPLACE(state, '\"version\":" + (n - 1) + "', '\"version\":-4')";
    } + where);
    var logged = new ArrayList<LogRecord>();
    Logger logger = Logger.getLogger(SnapshotTable.class.getName());
    Handler handler = new Handler() {
      @Override public void publish(LogRecord r) { logged.add(r); }
      @Override public void flush() {}
      @Override public void close() {}
    };
    boolean parents = logger.getUseParentHandlers();
    logger.addHandler(handler);
    logger.setUseParentHandlers(false);
    try (JdbcEventJournal journal = db.open(10)) {
      assertThat(LiveSession.load(ENGINE, journal, SESSION).state()).isEqualTo(SIM.state());
      assertThat(logged).singleElement().satisfies(r -> {
        assertThat(r.getLevel()).isEqualTo(Level.WARNING);
        assertThat(r.getMessage()).contains("session " + SESSION, "snapshot at version " + (n - 1), "cannot be read",
            "from its events");
      });
      // Having replayed more than an interval, it saved a good one, which the next load uses quietly.
      logged.clear();
      assertThat(db.count("SELECT MAX(version) FROM " + db.table("peerwork_session_snapshot") + where)).isEqualTo(n);
      assertThat(LiveSession.load(ENGINE, journal, SESSION).state()).isEqualTo(SIM.state());
      assertThat(logged).isEmpty();
    } finally {
      logger.removeHandler(handler);
      logger.setUseParentHandlers(parents);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "pg"})
  void onlyTheNewestSnapshotIsKeptAndOneAheadOfTheEventsIsNotUsed(String kind) throws Exception {
    Db db = Db.of(kind);
    int n = SIM.events().size();
    String rows = "SELECT COUNT(*) FROM " + db.table("peerwork_session_snapshot");
    try (JdbcEventJournal journal = db.open(10)) {
      write(journal);
      SnapshotStore store = journal.snapshots().orElseThrow();
      store.save(SessionSnapshot.of(stateAt(5)));
      store.save(SessionSnapshot.of(stateAt(n - 2)));
      assertThat(db.count(rows)).isEqualTo(1);
      assertThat(store.latest(SESSION)).hasValueSatisfying(s -> {
        assertThat(s.version()).isEqualTo(n - 2);
        assertThat(s.state()).isEqualTo(stateAt(n - 2));
      });
      assertThat(store.latest(SessionId.of("other"))).isEmpty();
    }
    // Events restored from an older backup: the snapshot is ahead of them and is not used.
    db.execute("DELETE FROM " + db.table("peerwork_event") + " WHERE session_id = '" + SESSION.value()
        + "' AND version > " + (n - 4));
    try (JdbcEventJournal journal = db.open(10)) {
      assertThat(journal.snapshots().orElseThrow().latest(SESSION)).isEmpty();
      assertThat(LiveSession.load(ENGINE, journal, SESSION).state()).isEqualTo(stateAt(n - 4));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "pg"})
  void aJournalMigratedFromV3GainsTheSnapshotTableAndKeepsItsSessions(String kind) throws Exception {
    Db db = Db.of(kind);
    JournalFixtures.createSchemaUpTo(db.url(), db.schema(), "3");
    try (Connection c = DriverManager.getConnection(db.url())) {
      if (db.schema() != null) {
        c.setSchema(db.schema());
      }
      JournalFixtures.load(c, JournalFixtures.V1_RESOURCE);
    }
    try (JdbcEventJournal journal = db.open(3)) {
      assertThat(db.count("SELECT MAX(CAST(\"version\" AS INTEGER)) FROM " + db.table("\"peerwork_schema_history\"")))
          .as("migrations up to V4 (and any later) applied").isGreaterThanOrEqualTo(4);
      assertThat(db.count("SELECT COUNT(*) FROM " + db.table("peerwork_session_snapshot"))).isZero();
      LiveSession live = LiveSession.load(ENGINE, journal, JournalFixtures.V1_SESSION);
      assertThat(live.state()).isEqualTo(ENGINE.replay(JournalFixtures.V1_SESSION, JournalFixtures.v1Events()));
      // It replayed more than an interval: the first snapshot is there, and the next load uses it.
      assertThat(journal.snapshots().orElseThrow().latest(JournalFixtures.V1_SESSION))
          .hasValueSatisfying(s -> assertThat(s.state()).isEqualTo(live.state()));
      assertThat(LiveSession.load(ENGINE, journal, JournalFixtures.V1_SESSION).state()).isEqualTo(live.state());
    }
  }
}
