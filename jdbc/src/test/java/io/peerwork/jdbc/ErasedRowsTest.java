package io.peerwork.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerwork.core.Command;
import io.peerwork.core.CommandId;
import io.peerwork.core.Erasure;
import io.peerwork.core.FormatRegistry;
import io.peerwork.core.Goal;
import io.peerwork.core.GoalStatus;
import io.peerwork.core.LiveSession;
import io.peerwork.core.ParticipantId;
import io.peerwork.core.RecordedEvent;
import io.peerwork.core.Role;
import io.peerwork.core.SessionEngine;
import io.peerwork.core.SessionEvent;
import io.peerwork.core.SessionId;
import io.peerwork.core.SessionPlan;
import io.peerwork.core.SessionSnapshot;
import io.peerwork.core.SessionState;
import io.peerwork.core.StreamOwners;
import io.peerwork.core.series.GoalOutcome;
import io.peerwork.core.series.HelpTally;
import io.peerwork.core.series.LiveSeries;
import io.peerwork.core.series.OutgoingMessage;
import io.peerwork.core.series.Place;
import io.peerwork.core.series.RecordedSeriesEvent;
import io.peerwork.core.series.Recurrence;
import io.peerwork.core.series.SeriesCommand;
import io.peerwork.core.series.SeriesEngine;
import io.peerwork.core.series.SeriesEvent;
import io.peerwork.core.series.SeriesId;
import io.peerwork.core.series.SeriesPlan;
import io.peerwork.core.series.SeriesState;
import io.peerwork.core.spi.Cadence;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Erasing one person from a JDBC database, on H2 and PostgreSQL, read back raw: after her session's
 * and her series' events are rewritten ({@link JdbcEventJournal#rewriter()}, {@link
 * JdbcSeriesJournal#rewriter()}) and her mails forgotten ({@link MailQueue#forget}), no column that
 * can hold text, in any table of the schema (found through the JDBC metadata, so a table or column
 * added later is read too), holds her name, her address (in any case) or her texts. The session
 * and the series then load from the rewritten rows, with her erased and everyone else as before.
 */
class ErasedRowsTest {
  private static final SessionEngine ENGINE = SessionEngine.builder().formats(RealSessionFixture.FORMAT).build();
  private static final SeriesEngine SERIES_ENGINE = new SeriesEngine(FormatRegistry.of(new SeriesSampleFormat()));

  private static final String NAME = "Zoe Quastenflosser";
  private static final String EMAIL = "zoe.q@example.org";
  private static final String GOAL = "Kaltakquise-Liste Tauchschule Barrakuda";
  private static final String NOTE = "Wie formuliere ich die Barrakuda-Mail";
  /** What must be in no row after the erasure: compared exactly, and the address ignoring case. */
  private static final List<String> HERS = List.of(NAME, "Quastenflosser", GOAL, "Barrakuda", NOTE);

  private static final Instant T0 = Instant.parse("2026-03-03T08:00:00Z");
  private static final SessionId SESSION = SessionId.of("kitchen-2026-03-03");
  private static final ParticipantId HOST = ParticipantId.of("host");
  private static final ParticipantId ZOE = ParticipantId.of("p-7f3a9c");
  private static final ParticipantId ANA = ParticipantId.of("ana");

  private static final SeriesId SERIES = SeriesId.of("smk-wien");
  private static final LocalDate MARCH = LocalDate.of(2026, 3, 3);
  private static final String PSEUDONYM = Erasure.pseudonym("abcdefgh1234");

  /** A fresh database: an H2 file or a new PostgreSQL schema. */
  private record Db(String url, String schema) {
    static Db of(String kind) {
      if (kind.equals("h2")) {
        return new Db(TestDatabases.newH2FileUrl("erasure"), null);
      }
      return new Db(TestDatabases.postgresUrlOrSkip(), TestDatabases.newPostgresSchema("erasure"));
    }

    JdbcEventJournal.Builder builder() {
      var b = JdbcEventJournal.builder(url).snapshotInterval(4);
      if (schema != null) {
        b.schema(schema);
      }
      return b;
    }

    Connection connect() throws SQLException {
      Connection c = DriverManager.getConnection(url);
      if (schema != null) {
        c.setSchema(schema);
      }
      return c;
    }
  }

  /** A text of hers found in a column: where, and the value. */
  private record Found(String column, String value) {
    @Override
    public String toString() {
      return column + ": " + (value.length() <= 200 ? value : value.substring(0, 200) + "…");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "pg"})
  void afterAnErasureNoTableHoldsHerNameAddressOrTextsAndEverythingStillLoads(String kind) throws Exception {
    Db db = Db.of(kind);
    List<SessionEvent> sessionEvents;
    List<SeriesEvent> seriesEvents;
    try (JdbcEventJournal journal = db.builder().open(); JdbcSeriesJournal series = db.builder().openSeriesJournal();
        MailQueue queue = db.builder().openMailQueue()) {
      sessionEvents = holdTheSession(journal);
      seriesEvents = runTheSeries(series);
      journal.owners().orElseThrow().take(StreamOwners.Stream.of(SESSION), "node-1");
      series.owners().orElseThrow().take(StreamOwners.Stream.of(SERIES), "node-1");
      long recap = queue.enqueue(new OutgoingMessage(EMAIL, "de", "Deine Zusammenfassung",
          "Hallo " + NAME + ",\n\nErledigt:\n  ✓ " + GOAL + "\n"), T0);
      long link = queue.enqueue(new OutgoingMessage(" Zoe.Q@Example.ORG", "de", "Dein Link", "Hallo " + NAME + "\n"), T0);
      queue.enqueue(new OutgoingMessage("bo@example.org", "en", "Your recap", "Hi Bo,\n"), T0);
      queue.claimDue(T0, 10, T0.plusSeconds(60));
      queue.markSent(recap, T0.plusSeconds(1));
      queue.markFailed(link, T0.plusSeconds(60), "550 5.1.1 <" + EMAIL + ">: mailbox unavailable");
    }
    // The scan sees her where she is: in every table that holds what she gave.
    assertThat(hers(db)).extracting(f -> f.column().substring(0, f.column().indexOf('.')))
        .contains("peerwork_event", "peerwork_session_snapshot", "peerwork_series_event", "peerwork_mail_outbox");

    List<SessionEvent> erasedSession = Erasure.session(sessionEvents, ZOE);
    List<SeriesEvent> erasedSeries = Erasure.series(seriesEvents, EMAIL, PSEUDONYM);
    try (JdbcEventJournal journal = db.builder().open(); JdbcSeriesJournal series = db.builder().openSeriesJournal();
        MailQueue queue = db.builder().openMailQueue()) {
      assertThat(journal.rewriter().orElseThrow().rewrite(SESSION, events -> Erasure.session(events, ZOE)))
          .isEqualTo(changed(sessionEvents, erasedSession)).isPositive();
      assertThat(series.rewriter().orElseThrow().rewrite(SERIES, events -> Erasure.series(events, EMAIL, PSEUDONYM)))
          .isEqualTo(changed(seriesEvents, erasedSeries)).isPositive();
      assertThat(queue.forget(EMAIL)).isEqualTo(2);
    }

    assertThat(hers(db)).as("her data in any row of the schema").isEmpty();

    try (JdbcEventJournal journal = db.builder().open(); JdbcSeriesJournal series = db.builder().openSeriesJournal();
        MailQueue queue = db.builder().openMailQueue()) {
      assertThat(journal.readAll(SESSION)).extracting(RecordedEvent::event).containsExactlyElementsOf(erasedSession);
      assertThat(journal.snapshots().orElseThrow().latest(SESSION)).as("the old snapshot").isEmpty();
      LiveSession live = LiveSession.load(ENGINE, journal, SESSION);
      SessionState state = live.state();
      assertThat(state).isEqualTo(ENGINE.replay(SESSION, erasedSession));
      assertThat(state.version()).isEqualTo(sessionEvents.size());
      assertThat(state.member(ZOE).orElseThrow().displayName()).isEqualTo(Erasure.ERASED);
      assertThat(state.member(ANA).orElseThrow().displayName()).isEqualTo("Ana Beispiel");
      assertThat(state.goals()).extracting(Goal::owner, Goal::text).containsExactly(
          org.assertj.core.groups.Tuple.tuple(ZOE, Erasure.ERASED), org.assertj.core.groups.Tuple.tuple(ANA, "Newsletter"));
      assertThat(live.handle(new Command.Join(ParticipantId.of("cem"), "Cem", Role.PARTICIPANT),
          Optional.of(CommandId.of("c/cem")), T0.plus(Duration.ofMinutes(40))).decision().isAccepted()).isTrue();

      assertThat(series.readAll(SERIES)).extracting(RecordedSeriesEvent::event).containsExactlyElementsOf(erasedSeries);
      SeriesState s = LiveSeries.load(SERIES_ENGINE, series, SERIES).state();
      assertThat(s.registration(MARCH, PSEUDONYM).orElseThrow().name()).isEqualTo(Erasure.ERASED);
      assertThat(s.registration(MARCH, EMAIL)).isEmpty();
      assertThat(s.registration(MARCH, "bo@example.org").orElseThrow().name()).isEqualTo("Bo");
      assertThat(s.toString()).doesNotContainIgnoringCase(EMAIL).doesNotContain("Quastenflosser").doesNotContain(GOAL);
      assertThat(queue.unsent()).as("Bo's message").isEqualTo(1);
    }
    // The load saved a new snapshot, of the erased state: still nothing of hers.
    assertThat(hers(db)).isEmpty();
  }

  /** Schedules and runs the session through the engine: Zoe joins, declares a goal and raises her hand. */
  private static List<SessionEvent> holdTheSession(JdbcEventJournal journal) {
    LiveSession live = LiveSession.load(ENGINE, journal, SESSION);
    var plan = new SessionPlan(SESSION, RealSessionFixture.FORMAT.id(), "Küche im März", T0.plus(Duration.ofMinutes(10)),
        ZoneId.of("Europe/Vienna"), 8, RealSessionFixture.FORMAT.agenda(), "fair");
    List<Command> commands = List.of(
        new Command.ScheduleSession(plan),
        new Command.Join(HOST, "Hanna Host", Role.HOST),
        new Command.OpenSession(HOST),
        new Command.Join(ZOE, NAME, Role.PARTICIPANT),
        new Command.Join(ANA, "Ana Beispiel", Role.PARTICIPANT),
        new Command.StartSession(HOST),
        new Command.AdvancePhase(HOST),
        new Command.DeclareGoal(ZOE, GOAL, Optional.of("plan-posts")),
        new Command.DeclareGoal(ANA, "Newsletter", Optional.empty()),
        new Command.AdvancePhase(HOST),
        new Command.RaiseHand(ZOE, "ideas", NOTE));
    Instant now = T0;
    int n = 0;
    for (Command c : commands) {
      now = now.plus(Duration.ofMinutes(2));
      LiveSession.Outcome out = live.handle(c, Optional.of(CommandId.of("c/" + ++n)), now);
      assertThat(out.decision().isAccepted()).as("%s: %s", c, out.decision()).isTrue();
    }
    journal.snapshots().orElseThrow().save(SessionSnapshot.of(live.state()));
    assertThat(live.state().member(ZOE).orElseThrow().displayName()).isEqualTo(NAME);
    return journal.readAll(SESSION).stream().map(RecordedEvent::event).toList();
  }

  /** Creates the series; Zoe and Bo register, Zoe checks in and her outcomes are recorded. */
  private static List<SeriesEvent> runTheSeries(JdbcSeriesJournal journal) {
    LiveSeries live = LiveSeries.load(SERIES_ENGINE, journal, SERIES);
    var plan = new SeriesPlan(SERIES, "series-sample", "Social Media Kitchen Wien",
        new Recurrence.MonthlyWeekday(1, DayOfWeek.TUESDAY, LocalTime.of(9, 0), Duration.ofHours(4)),
        ZoneId.of("Europe/Vienna"), 12, List.of("Eva Expertin"), Place.at("Gumpendorfer Straße 12, 1060 Wien"));
    Instant february = Instant.parse("2026-02-10T09:00:00Z");
    Instant during = Instant.parse("2026-03-03T08:30:00Z");
    record Step(SeriesCommand command, Instant at) {}
    for (Step step : List.of(
        new Step(new SeriesCommand.CreateSeries(plan), february),
        new Step(new SeriesCommand.Register(MARCH, NAME, "Zoe.Q@Example.org", "de", Optional.empty()), february),
        new Step(new SeriesCommand.Register(MARCH, "Bo", "bo@example.org", "en", Optional.empty()), february),
        new Step(new SeriesCommand.ChooseRoutine(EMAIL, "inbox", Cadence.WEEKLY), february),
        new Step(new SeriesCommand.CheckIn(MARCH, EMAIL), during),
        new Step(new SeriesCommand.RecordOutcomes(MARCH, EMAIL,
            List.of(new GoalOutcome(GOAL, Optional.of("inbox"), GoalStatus.DONE)), new HelpTally(1, 0)), during))) {
      LiveSeries.Outcome out = live.handle(step.command(), step.at());
      assertThat(out.decision().isAccepted()).as("%s: %s", step.command(), out.decision()).isTrue();
    }
    return journal.readAll(SERIES).stream().map(RecordedSeriesEvent::event).toList();
  }

  private static <E> int changed(List<E> before, List<E> after) {
    int n = 0;
    for (int i = 0; i < before.size(); i++) {
      if (!before.get(i).equals(after.get(i))) {
        n++;
      }
    }
    return n;
  }

  /** Column types that hold no text: numbers, truth values, times. Every other column is read. */
  private static final Set<Integer> NOT_TEXT = Set.of(Types.BIT, Types.TINYINT, Types.SMALLINT, Types.INTEGER,
      Types.BIGINT, Types.FLOAT, Types.REAL, Types.DOUBLE, Types.NUMERIC, Types.DECIMAL, Types.BOOLEAN, Types.DATE,
      Types.TIME, Types.TIMESTAMP, Types.TIME_WITH_TIMEZONE, Types.TIMESTAMP_WITH_TIMEZONE);
  private static final Set<Integer> BINARY = Set.of(Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB);

  /**
   * Every value of hers in the schema: each table the metadata lists, each column that can hold
   * text (character, CLOB, JSON, anything not a number or a time; bytes read as UTF-8).
   */
  private static List<Found> hers(Db db) throws SQLException {
    var found = new ArrayList<Found>();
    var columnsRead = new ArrayList<String>();
    try (Connection c = db.connect()) {
      DatabaseMetaData md = c.getMetaData();
      String schema = c.getSchema();
      var tables = new ArrayList<String>();
      try (ResultSet rs = md.getTables(c.getCatalog(), schema, "%", null)) {
        while (rs.next()) {
          String type = rs.getString("TABLE_TYPE");
          if (type.equals("TABLE") || type.equals("BASE TABLE")) {
            tables.add(rs.getString("TABLE_NAME"));
          }
        }
      }
      assertThat(tables).extracting(t -> t.toLowerCase(Locale.ROOT)).as("the tables of %s", schema)
          .contains("peerwork_event", "peerwork_series_event", "peerwork_session_snapshot", "peerwork_mail_outbox",
              "peerwork_stream_owner", "peerwork_schema_history");
      for (String table : tables) {
        var columns = new ArrayList<String>();
        var binary = new ArrayList<Boolean>();
        try (ResultSet rs = md.getColumns(c.getCatalog(), schema, table, "%")) {
          while (rs.next()) {
            int type = rs.getInt("DATA_TYPE");
            if (!NOT_TEXT.contains(type)) {
              columns.add(rs.getString("COLUMN_NAME"));
              binary.add(BINARY.contains(type));
            }
          }
        }
        if (columns.isEmpty()) {
          continue;
        }
        String select = "SELECT " + String.join(", ", columns.stream().map(ErasedRowsTest::quoted).toList())
            + " FROM " + quoted(schema) + "." + quoted(table);
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(select)) {
          while (rs.next()) {
            for (int i = 0; i < columns.size(); i++) {
              String value = binary.get(i) ? utf8(rs.getBytes(i + 1)) : rs.getString(i + 1);
              if (value != null && isHers(value)) {
                found.add(new Found((table + "." + columns.get(i)).toLowerCase(Locale.ROOT), value));
              }
            }
          }
        }
        columns.forEach(col -> columnsRead.add((table + "." + col).toLowerCase(Locale.ROOT)));
      }
    }
    assertThat(columnsRead).as("the columns read").contains("peerwork_event.payload", "peerwork_event.command_id",
        "peerwork_series_event.payload", "peerwork_session_snapshot.state", "peerwork_mail_outbox.recipient",
        "peerwork_mail_outbox.subject", "peerwork_mail_outbox.body", "peerwork_mail_outbox.last_error",
        "peerwork_stream_owner.stream_id");
    return found;
  }

  private static boolean isHers(String value) {
    return HERS.stream().anyMatch(value::contains) || value.toLowerCase(Locale.ROOT).contains(EMAIL);
  }

  private static String utf8(byte[] bytes) {
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }

  private static String quoted(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }
}
