package io.peerwork.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerwork.core.CommandId;
import io.peerwork.core.GoalId;
import io.peerwork.core.ParticipantId;
import io.peerwork.core.RecordedEvent;
import io.peerwork.core.SessionEngine;
import io.peerwork.core.SessionEvent;
import io.peerwork.core.SessionEvent.GoalEdited;
import io.peerwork.core.SessionId;
import io.peerwork.core.SessionSnapshot;
import io.peerwork.core.series.SeriesEvent;
import io.peerwork.core.series.SeriesId;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How the JDBC journals rewrite rows, on H2 and PostgreSQL, seen in the rows themselves: only the
 * rows of changed events are written, each keeping its version, type, command id and stored time;
 * a rewrite the database rejects halfway, or one that meets a row it cannot read, changes nothing;
 * without a connection it is storage unavailable.
 */
class JdbcRewriteTest {
  private static final Instant T0 = Instant.parse("2026-03-03T08:00:00Z");
  private static final SessionId S = SessionId.of("room-1");

  /** A fresh database: an H2 file or a new PostgreSQL schema. */
  private record Db(String url, String schema) {
    static Db of(String kind) {
      if (kind.equals("h2")) {
        return new Db(TestDatabases.newH2FileUrl("rewrite"), null);
      }
      return new Db(TestDatabases.postgresUrlOrSkip(), TestDatabases.newPostgresSchema("rewrite"));
    }

    JdbcEventJournal.Builder builder() {
      var b = JdbcEventJournal.builder(url).clock(Clock.fixed(T0.plusSeconds(3600), ZoneOffset.UTC));
      if (schema != null) {
        b.schema(schema);
      }
      return b;
    }

    String table(String name) {
      return schema == null ? name : schema + "." + name;
    }

    void execute(String sql) {
      TestDatabases.execute(url, sql);
    }

    /** Each row of {@code table} in version order, its columns as text joined by " | ". */
    List<String> rows(String table, String columns) throws SQLException {
      var out = new ArrayList<String>();
      try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT " + columns + " FROM " + table(table) + " ORDER BY version")) {
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          var row = new StringBuilder();
          for (int i = 1; i <= n; i++) {
            row.append(i > 1 ? " | " : "").append(rs.getString(i));
          }
          out.add(row.toString());
        }
      }
      return out;
    }
  }

  private static GoalEdited edit(String text) {
    return new GoalEdited(T0, GoalId.of("g1"), text);
  }

  private static SessionEvent declared(String text) {
    return new SessionEvent.GoalDeclared(T0, GoalId.of("g1"), ParticipantId.of("zoe"), 1, text, Optional.empty());
  }

  private static List<SessionEvent> replacing(List<SessionEvent> events, String text, SessionEvent with) {
    return events.stream().map(e -> e.equals(edit(text)) ? with : e).toList();
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "pg"})
  void onlyTheRowsOfChangedEventsAreWrittenAndEachKeepsItsVersionTypeCommandIdAndTime(String kind) throws Exception {
    Db db = Db.of(kind);
    try (JdbcEventJournal journal = db.builder().open()) {
      journal.append(S, 0, List.of(edit("a"), edit("zoe")), Optional.of(CommandId.of("c/1")));
      journal.append(S, 2, List.of(edit("b"), edit("zoe")), Optional.of(CommandId.of("c/2")));
    }
    // Row 1 is written as an older writer would have spaced it: it reads as the same event.
    db.execute("UPDATE " + db.table("peerwork_event") + " SET payload = REPLACE(payload, '\"text\":', '\"text\" : ')"
        + " WHERE version = 1");
    String kept = "version, event_type, command_id, recorded_at";
    List<String> before = db.rows("peerwork_event", kept);
    List<String> payloads = db.rows("peerwork_event", "payload");
    assertThat(payloads.get(0)).contains("\"text\" : ");

    try (JdbcEventJournal journal = db.builder().clock(Clock.fixed(T0.plusSeconds(7200), ZoneOffset.UTC)).open()) {
      assertThat(journal.rewriter().orElseThrow().rewrite(S, events -> replacing(events, "zoe", edit("∅")))).isEqualTo(2);
      assertThat(journal.readAll(S)).extracting(RecordedEvent::event)
          .containsExactly(edit("a"), edit("∅"), edit("b"), edit("∅"));
    }

    assertThat(db.rows("peerwork_event", kept)).isEqualTo(before);
    List<String> now = db.rows("peerwork_event", "payload");
    assertThat(now.get(0)).as("an unchanged row is not written").isEqualTo(payloads.get(0));
    assertThat(now.get(2)).isEqualTo(payloads.get(2));
    assertThat(now.get(1)).contains("∅").doesNotContain("zoe");
    assertThat(now.get(3)).contains("∅").doesNotContain("zoe");
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "pg"})
  void aRewriteTheDatabaseRejectsHalfwayIsStorageUnavailableAndChangesNothing(String kind) throws Exception {
    Db db = Db.of(kind);
    try (JdbcEventJournal journal = db.builder().open()) {
      List<SessionEvent> events = List.of(declared("Zoes Ziel"), edit("b"), edit("c"));
      journal.append(S, 0, events);
      SessionSnapshot snapshot = SessionSnapshot.of(SessionEngine.builder().build().replay(S, events));
      journal.snapshots().orElseThrow().save(snapshot);
      List<String> before = db.rows("peerwork_event", "version, payload, schema_version");

      // The payload column holds up to 1,000,000 characters: the second changed row fails.
      assertThatThrownBy(() -> journal.rewriter().orElseThrow().rewrite(S, e -> List.of(declared("∅"), edit("b"),
          edit("x".repeat(1_000_001)))))
          .isInstanceOf(JournalStorageException.class)
          .hasMessageContaining("room-1")
          .hasMessageContaining("nothing was changed");

      assertThat(db.rows("peerwork_event", "version, payload, schema_version")).isEqualTo(before);
      assertThat(journal.snapshots().orElseThrow().latest(S)).contains(snapshot);
      assertThat(journal.rewriter().orElseThrow().rewrite(S, e -> List.of(declared("∅"), e.get(1), e.get(2))))
          .isEqualTo(1);
      assertThat(journal.snapshots().orElseThrow().latest(S)).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "pg"})
  void aRowThatCannotBeReadStopsTheRewriteWithItsVersionAndChangesNothing(String kind) throws Exception {
    Db db = Db.of(kind);
    SeriesId series = SeriesId.of("smk");
    LocalDate march = LocalDate.of(2026, 3, 3);
    try (JdbcEventJournal journal = db.builder().open(); JdbcSeriesJournal seriesJournal = db.builder().openSeriesJournal()) {
      journal.append(S, 0, List.of(edit("zoe"), edit("b"), edit("c")));
      seriesJournal.append(series, 0, List.of(new SeriesEvent.DateCancelled(T0, march, "zoe"),
          new SeriesEvent.DateCancelled(T0, march, "b")));
      db.execute("UPDATE " + db.table("peerwork_event") + " SET payload = 'not json' WHERE version = 3");
      db.execute("UPDATE " + db.table("peerwork_series_event") + " SET payload = 'not json' WHERE version = 2");
      List<String> before = db.rows("peerwork_event", "version, payload");
      List<String> seriesBefore = db.rows("peerwork_series_event", "version, payload");

      assertThatThrownBy(() -> journal.rewriter().orElseThrow().rewrite(S, e -> {
        throw new AssertionError("the change must not be called");
      })).isInstanceOfSatisfying(UnreadableEventException.class, e -> assertThat(e.version()).isEqualTo(3));
      assertThatThrownBy(() -> seriesJournal.rewriter().orElseThrow().rewrite(series, e -> List.of(
          new SeriesEvent.DateCancelled(T0, march, "∅"), e.get(1))))
          .isInstanceOfSatisfying(UnreadableSeriesEventException.class, e -> assertThat(e.version()).isEqualTo(2));

      assertThat(db.rows("peerwork_event", "version, payload")).isEqualTo(before);
      assertThat(db.rows("peerwork_series_event", "version, payload")).isEqualTo(seriesBefore);
    }
  }

  @Test
  void withoutAConnectionARewriteIsStorageUnavailable() {
    Db db = Db.of("h2");
    JdbcEventJournal journal = db.builder().open();
    JdbcSeriesJournal series = db.builder().openSeriesJournal();
    journal.append(S, 0, List.of(edit("zoe")));
    journal.close();
    series.close();

    assertThatThrownBy(() -> journal.rewriter().orElseThrow().rewrite(S, e -> e))
        .isInstanceOf(JournalStorageException.class)
        .hasMessageContaining("nothing was changed");
    assertThatThrownBy(() -> series.rewriter().orElseThrow().rewrite(SeriesId.of("smk"), e -> e))
        .isInstanceOf(JournalStorageException.class)
        .hasMessageContaining("nothing was changed");
  }
}
