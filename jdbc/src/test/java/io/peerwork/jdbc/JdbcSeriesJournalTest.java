package io.peerwork.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerwork.core.FormatRegistry;
import io.peerwork.core.GoalId;
import io.peerwork.core.PeerworkException;
import io.peerwork.core.SessionEvent.GoalEdited;
import io.peerwork.core.SessionId;
import io.peerwork.core.series.LiveSeries;
import io.peerwork.core.series.Place;
import io.peerwork.core.series.RecordedSeriesEvent;
import io.peerwork.core.series.Recurrence;
import io.peerwork.core.series.Routine;
import io.peerwork.core.series.Seat;
import io.peerwork.core.series.SeriesCommand;
import io.peerwork.core.series.SeriesEngine;
import io.peerwork.core.series.SeriesEvent;
import io.peerwork.core.series.SeriesId;
import io.peerwork.core.series.SeriesPlan;
import io.peerwork.core.series.SeriesState;
import io.peerwork.core.spi.Cadence;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Series kept by the JDBC series journal: what survives a restart, and how it sits beside sessions. */
class JdbcSeriesJournalTest {
  private static final SeriesId SMK = SeriesId.of("smk-wien");
  private static final LocalDate MARCH = LocalDate.of(2026, 3, 3); // the first Tuesday
  private static final Instant FEBRUARY = Instant.parse("2026-02-10T09:00:00Z");
  private static final SeriesEngine ENGINE = new SeriesEngine(FormatRegistry.of(new SeriesSampleFormat()));

  private static SeriesPlan plan(int capacity) {
    return new SeriesPlan(SMK, "series-sample", "Social Media Kitchen Wien",
        new Recurrence.MonthlyWeekday(1, DayOfWeek.TUESDAY, LocalTime.of(9, 0), Duration.ofHours(4)),
        ZoneId.of("Europe/Vienna"), capacity, List.of("Eva Expertin"), Place.at("Gumpendorfer Straße 12, 1060 Wien"));
  }

  private static void accept(LiveSeries live, SeriesCommand command) {
    assertThat(live.handle(command, FEBRUARY).decision().isAccepted()).as("%s", command).isTrue();
  }

  private static List<String> emails(List<Seat> seats) {
    return seats.stream().map(Seat::email).toList();
  }

  @Test
  void registrationsWaitlistsAndRoutinesSurviveReopeningAnH2File() {
    var db = JdbcEventJournal.builder(TestDatabases.newH2FileUrl("series-reopen"));
    try (JdbcSeriesJournal journal = db.openSeriesJournal()) {
      LiveSeries live = LiveSeries.load(ENGINE, journal, SMK);
      accept(live, new SeriesCommand.CreateSeries(plan(1)));
      accept(live, new SeriesCommand.Register(MARCH, "Ana Müller", "ana@example.org", "de", Optional.of(2500L)));
      accept(live, new SeriesCommand.Register(MARCH, "Bo", "bo@example.org", "en", Optional.empty()));
      accept(live, new SeriesCommand.ChooseRoutine("ana@example.org", "inbox", Cadence.MONTHLY));
    }

    try (JdbcSeriesJournal journal = db.openSeriesJournal()) {
      LiveSeries live = LiveSeries.load(ENGINE, journal, SMK);
      SeriesState s = live.state();
      assertThat(s.version()).isEqualTo(4);
      assertThat(s.plan()).contains(plan(1));
      assertThat(emails(s.seated(MARCH))).containsExactly("ana@example.org");
      assertThat(emails(s.waitlist(MARCH))).containsExactly("bo@example.org");
      assertThat(s.registration(MARCH, "ana@example.org").orElseThrow().name()).isEqualTo("Ana Müller");
      assertThat(s.routines("ana@example.org")).extracting(Routine::taskId, Routine::cadence)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("inbox", Cadence.MONTHLY));

      // and it goes on from there: Ana's cancellation promotes Bo
      LiveSeries.Outcome out = live.handle(new SeriesCommand.CancelRegistration(MARCH, "ana@example.org"), FEBRUARY);
      assertThat(out.recorded()).extracting(RecordedSeriesEvent::version).containsExactly(5L, 6L);
      assertThat(out.recorded().get(1).event()).isInstanceOf(SeriesEvent.PromotedFromWaitlist.class);
    }

    try (JdbcSeriesJournal journal = db.openSeriesJournal()) {
      SeriesState s = LiveSeries.load(ENGINE, journal, SMK).state();
      assertThat(emails(s.seated(MARCH))).containsExactly("bo@example.org");
      assertThat(s.waitlist(MARCH)).isEmpty();
      assertThat(journal.series()).containsExactly(SMK);
    }
  }

  @Test
  void sessionsAndSeriesShareADatabaseInTablesOfTheirOwn() {
    var db = JdbcEventJournal.builder(TestDatabases.newH2FileUrl("series-beside-sessions"));
    try (JdbcEventJournal sessions = db.open(); JdbcSeriesJournal series = db.openSeriesJournal()) {
      // the same id text in both: a session and a series do not see each other
      sessions.append(SessionId.of("smk-wien"), 0, List.of(new GoalEdited(FEBRUARY, GoalId.of("g1"), "hi")));
      LiveSeries live = LiveSeries.load(ENGINE, series, SMK);
      accept(live, new SeriesCommand.CreateSeries(plan(12)));

      assertThat(sessions.sessions()).containsExactly(SessionId.of("smk-wien"));
      assertThat(series.series()).containsExactly(SMK);
      assertThat(sessions.version(SessionId.of("smk-wien"))).isEqualTo(1);
      assertThat(series.version(SMK)).isEqualTo(1);
    }
  }

  @Test
  void anUnreadableRowNamesTheSeriesAndTheVersionAndStopsNoOtherSeries() {
    String url = TestDatabases.newH2FileUrl("series-unreadable");
    try (JdbcSeriesJournal journal = JdbcEventJournal.builder(url).openSeriesJournal()) {
      SeriesId other = SeriesId.of("other");
      accept(LiveSeries.load(ENGINE, journal, SMK), new SeriesCommand.CreateSeries(plan(12)));
      journal.append(other, 0, List.of(new SeriesEvent.RoutineChosen(FEBRUARY, "a@example.org", "inbox", Cadence.WEEKLY)));
      TestDatabases.execute(url, "INSERT INTO peerwork_series_event (series_id, version, event_type, schema_version,"
          + " payload, recorded_at) VALUES ('smk-wien', 2, 'Registered', 1, '{\"type\":\"Registered\",\"at\":\"2026-0',"
          + " TIMESTAMP WITH TIME ZONE '2026-02-10 09:00:00+00')");

      assertThatThrownBy(() -> journal.readAll(SMK))
          .isInstanceOf(PeerworkException.class)
          .isInstanceOfSatisfying(UnreadableSeriesEventException.class, e -> {
            assertThat(e.series()).isEqualTo(SMK);
            assertThat(e.version()).isEqualTo(2);
          })
          .hasMessageContaining("series smk-wien")
          .hasMessageContaining("event 2")
          .hasMessageContaining("corrupt JSON");
      assertThatThrownBy(() -> LiveSeries.load(ENGINE, journal, SMK)).isInstanceOf(UnreadableSeriesEventException.class);
      assertThat(journal.read(SMK, 2)).as("reading past the bad row works").isEmpty();
      assertThat(journal.readAll(other)).hasSize(1);
      assertThat(journal.version(SMK)).isEqualTo(2);
    }
  }
}
