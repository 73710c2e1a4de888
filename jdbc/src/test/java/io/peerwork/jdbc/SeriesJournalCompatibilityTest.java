package io.peerwork.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerwork.core.AppendResult;
import io.peerwork.core.GoalId;
import io.peerwork.core.SessionEvent.GoalEdited;
import io.peerwork.core.SessionId;
import io.peerwork.core.series.RecordedSeriesEvent;
import io.peerwork.core.series.SeriesEvent;
import io.peerwork.core.series.SeriesId;
import io.peerwork.core.spi.Cadence;
import io.peerwork.jackson.PeerworkJackson;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Series journals written by earlier versions keep reading: the checked-in v1 fixture, and the
 * series upcaster that gets each series row's schema version (and only series rows).
 */
class SeriesJournalCompatibilityTest {
  private static final Instant T = Instant.parse("2026-02-01T08:00:00Z");

  @Test
  void aSeriesJournalWrittenByTheFirstVersionReadsBackEqualOnH2() throws Exception {
    String url = TestDatabases.newH2FileUrl("series-fixture");
    try (var journal = JdbcEventJournal.builder(url).openSeriesJournal()) {
      try (Connection c = DriverManager.getConnection(url)) {
        JournalFixtures.load(c, SeriesJournalFixtures.V1_RESOURCE);
      }
      assertReadsTheV1Fixture(journal);
    }
  }

  @Test
  void aSeriesJournalWrittenByTheFirstVersionReadsBackEqualOnPostgres() throws Exception {
    String url = TestDatabases.postgresUrlOrSkip();
    String schema = TestDatabases.newPostgresSchema("series_fixture");
    try (var journal = JdbcEventJournal.builder(url).schema(schema).openSeriesJournal()) {
      try (Connection c = DriverManager.getConnection(url)) {
        c.setSchema(schema);
        JournalFixtures.load(c, SeriesJournalFixtures.V1_RESOURCE);
      }
      assertReadsTheV1Fixture(journal);
    }
  }

  private static void assertReadsTheV1Fixture(JdbcSeriesJournal journal) {
    List<SeriesEvent> expected = SeriesJournalFixtures.v1Events();
    List<RecordedSeriesEvent> read = journal.readAll(SeriesJournalFixtures.V1_SERIES);

    assertThat(read).extracting(RecordedSeriesEvent::event).containsExactlyElementsOf(expected);
    assertThat(read).extracting(RecordedSeriesEvent::version)
        .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, expected.size()).boxed().toList());
    assertThat(read.stream().map(r -> PeerworkJackson.typeName(r.event().getClass())).distinct())
        .as("the v1 fixture has every series event type of v1")
        .containsExactlyInAnyOrderElementsOf(SeriesJournalFixtures.V1_TYPES);
    assertThat(journal.series()).containsExactly(SeriesJournalFixtures.V1_SERIES);
    // and the stream goes on where the old version left it
    assertThat(journal.append(SeriesJournalFixtures.V1_SERIES, expected.size(),
        List.of(new SeriesEvent.RoutineChosen(T, "ana@example.org", "plan-posts", Cadence.WEEKLY))))
        .isEqualTo(new AppendResult.Appended(expected.size() + 1));
  }

  @Test
  void everySeriesEventTypeOfTodayIsInTheV1FixtureOrNewerOnes() {
    // When this fails, a series event type was added: add a series-journal-v2.sql fixture with it.
    List<String> today = new ArrayList<>();
    for (Class<?> c : SeriesEvent.class.getPermittedSubclasses()) {
      today.add(PeerworkJackson.typeName(c));
    }
    var known = new ArrayList<String>(SeriesJournalFixtures.V1_TYPES);
    known.addAll(SeriesJournalFixtures.V2_TYPES);
    known.addAll(SeriesJournalFixtures.V3_TYPES);
    known.addAll(SeriesJournalFixtures.V4_TYPES);
    known.addAll(SeriesJournalFixtures.V5_TYPES);
    known.addAll(SeriesJournalFixtures.V6_TYPES);
    assertThat(known).containsExactlyInAnyOrderElementsOf(today);
  }

  @Test
  void aSeriesJournalWrittenByTheSecondVersionReadsBackEqual() throws Exception {
    String url = TestDatabases.newH2FileUrl("series-fixture-v2");
    try (var journal = JdbcEventJournal.builder(url).openSeriesJournal()) {
      try (Connection c = DriverManager.getConnection(url)) {
        JournalFixtures.load(c, SeriesJournalFixtures.V2_RESOURCE);
      }
      assertThat(journal.readAll(SeriesJournalFixtures.V2_SERIES)).extracting(RecordedSeriesEvent::event)
          .containsExactlyElementsOf(SeriesJournalFixtures.v2Events());
    }
  }

  @Test
  void aSeriesJournalWrittenByTheThirdVersionReadsBackEqual() throws Exception {
    String url = TestDatabases.newH2FileUrl("series-fixture-v3");
    try (var journal = JdbcEventJournal.builder(url).openSeriesJournal()) {
      try (Connection c = DriverManager.getConnection(url)) {
        JournalFixtures.load(c, SeriesJournalFixtures.V3_RESOURCE);
      }
      assertThat(journal.readAll(SeriesJournalFixtures.V3_SERIES)).extracting(RecordedSeriesEvent::event)
          .containsExactlyElementsOf(SeriesJournalFixtures.v3Events());
    }
  }

  @Test
  void seriesRowsGoThroughTheSeriesUpcasterAndSessionRowsThroughTheirOwn() {
    var sessionRows = new CopyOnWriteArrayList<String>();
    var seriesRows = new CopyOnWriteArrayList<String>();
    var db = JdbcEventJournal.builder(TestDatabases.newH2FileUrl("series-upcast"))
        .upcaster((type, schemaVersion, json) -> {
          sessionRows.add(type + "@" + schemaVersion);
          return json;
        })
        .seriesUpcaster((type, schemaVersion, json) -> {
          seriesRows.add(type + "@" + schemaVersion);
          return json;
        });
    try (var sessions = db.open(); var series = db.openSeriesJournal()) {
      sessions.append(SessionId.of("s"), 0, List.of(new GoalEdited(T, GoalId.of("g1"), "a")));
      series.append(SeriesId.of("s"), 0, List.of(
          new SeriesEvent.DateCancelled(T, LocalDate.of(2026, 3, 3), "x"),
          new SeriesEvent.CheckedIn(T, LocalDate.of(2026, 3, 3), "a@example.org")));

      assertThat(sessions.readAll(SessionId.of("s"))).hasSize(1);
      assertThat(series.readAll(SeriesId.of("s"))).hasSize(2);
      assertThat(sessionRows).containsExactly("GoalEdited@1");
      assertThat(seriesRows).containsExactly("DateCancelled@1", "CheckedIn@1");
    }
  }

  @Test
  void aSeriesJournalWrittenByTheFourthVersionReadsBackEqualWithItsHelps() throws Exception {
    String url = TestDatabases.newH2FileUrl("series-fixture-v4");
    try (var journal = JdbcEventJournal.builder(url).openSeriesJournal()) {
      try (Connection c = DriverManager.getConnection(url)) {
        JournalFixtures.load(c, SeriesJournalFixtures.V4_RESOURCE);
      }
      assertThat(journal.readAll(SeriesJournalFixtures.V4_SERIES)).extracting(RecordedSeriesEvent::event)
          .containsExactlyElementsOf(SeriesJournalFixtures.v4Events());
    }
  }

  @Test
  void aSeriesJournalWrittenByTheFifthVersionReadsBackEqualWithItsWall() throws Exception {
    String url = TestDatabases.newH2FileUrl("series-fixture-v5");
    try (var journal = JdbcEventJournal.builder(url).openSeriesJournal()) {
      try (Connection c = DriverManager.getConnection(url)) {
        JournalFixtures.load(c, SeriesJournalFixtures.V5_RESOURCE);
      }
      List<SeriesEvent> read = journal.readAll(SeriesJournalFixtures.V5_SERIES).stream()
          .map(RecordedSeriesEvent::event).toList();
      assertThat(read).containsExactlyElementsOf(SeriesJournalFixtures.v5Events());
      assertThat(read.stream().map(e -> PeerworkJackson.typeName(e.getClass())).distinct().toList())
          .containsAll(SeriesJournalFixtures.V5_TYPES);
    }
  }

  @Test
  void aSeriesJournalWrittenByTheSixthVersionReadsBackEqualWithItsBuddies() throws Exception {
    String url = TestDatabases.newH2FileUrl("series-fixture-v6");
    try (var journal = JdbcEventJournal.builder(url).openSeriesJournal()) {
      try (Connection c = DriverManager.getConnection(url)) {
        JournalFixtures.load(c, SeriesJournalFixtures.V6_RESOURCE);
      }
      assertThat(journal.readAll(SeriesJournalFixtures.V6_SERIES)).extracting(RecordedSeriesEvent::event)
          .containsExactlyElementsOf(SeriesJournalFixtures.v6Events());
      assertThat(journal.readAll(SeriesJournalFixtures.V6_SERIES).stream()
          .map(r -> PeerworkJackson.typeName(r.event().getClass())).distinct())
          .containsAll(SeriesJournalFixtures.V6_TYPES);
    }
  }
}
