package io.peerwork.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerwork.core.AppendResult;
import io.peerwork.core.CommandId;
import io.peerwork.core.GoalId;
import io.peerwork.core.ParticipantId;
import io.peerwork.core.RecordedEvent;
import io.peerwork.core.RequestId;
import io.peerwork.core.SessionEvent;
import io.peerwork.core.SessionEvent.GoalEdited;
import io.peerwork.core.SessionEvent.HandRaised;
import io.peerwork.core.SessionId;
import io.peerwork.jackson.PeerworkJackson;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Journals written by earlier versions keep reading: the checked-in v1 fixture, fields added or
 * renamed later, and the upcaster hook that gets each row's schema version.
 */
class JournalCompatibilityTest {
  private static final SessionId S = SessionId.of("compat");
  private static final Instant T = Instant.parse("2026-03-03T08:00:00Z");

  @Test
  void aJournalWrittenByTheFirstVersionReadsBackEqualOnH2() throws Exception {
    String url = TestDatabases.newH2FileUrl("fixture");
    try (var journal = JdbcEventJournal.builder(url).open()) {
      try (Connection c = DriverManager.getConnection(url)) {
        JournalFixtures.load(c, JournalFixtures.V1_RESOURCE);
      }
      assertReadsTheV1Fixture(journal);
    }
  }

  @Test
  void aJournalWrittenByTheFirstVersionReadsBackEqualOnPostgres() throws Exception {
    String url = TestDatabases.postgresUrlOrSkip();
    String schema = TestDatabases.newPostgresSchema("fixture");
    try (var journal = JdbcEventJournal.builder(url).schema(schema).open()) {
      try (Connection c = DriverManager.getConnection(url)) {
        c.setSchema(schema);
        JournalFixtures.load(c, JournalFixtures.V1_RESOURCE);
      }
      assertReadsTheV1Fixture(journal);
    }
  }

  private static void assertReadsTheV1Fixture(JdbcEventJournal journal) {
    List<SessionEvent> expected = JournalFixtures.v1Events();
    List<RecordedEvent> read = journal.readAll(JournalFixtures.V1_SESSION);

    assertThat(read).extracting(RecordedEvent::event).containsExactlyElementsOf(expected);
    for (int i = 0; i < read.size(); i++) {
      assertThat(read.get(i).version()).isEqualTo(i + 1L);
    }
    assertThat(read.stream().map(r -> PeerworkJackson.typeName(r.event().getClass())).distinct())
        .as("the v1 fixture has every event type of v1")
        .containsExactlyInAnyOrderElementsOf(JournalFixtures.V1_TYPES);
    assertThat(journal.version(JournalFixtures.V1_SESSION)).isEqualTo(expected.size());
    assertThat(journal.sessions()).containsExactly(JournalFixtures.V1_SESSION);
    // and the stream goes on where the old version left it
    assertThat(journal.append(JournalFixtures.V1_SESSION, expected.size(), List.of(new GoalEdited(T, GoalId.of("g1"), "weiter"))))
        .isEqualTo(new AppendResult.Appended(expected.size() + 1));
  }

  @Test
  void everyEventTypeOfTodayIsInTheV1FixtureOrNewerOnes() {
    // When this fails, an event type was added: add a journal-v2.sql fixture with it (see JournalFixtures).
    List<String> today = new ArrayList<>();
    for (Class<?> c : SessionEvent.class.getPermittedSubclasses()) {
      today.add(PeerworkJackson.typeName(c));
    }
    var known = new ArrayList<String>(JournalFixtures.V1_TYPES);
    known.addAll(JournalFixtures.V2_TYPES);
    known.addAll(JournalFixtures.V3_TYPES);
    known.addAll(JournalFixtures.V4_TYPES);
    known.addAll(JournalFixtures.V5_TYPES);
    assertThat(known).containsExactlyInAnyOrderElementsOf(today);
  }

  @Test
  void aJournalWrittenByTheSecondVersionReadsBackEqual() throws Exception {
    String url = TestDatabases.newH2FileUrl("fixture-v2");
    try (var journal = JdbcEventJournal.builder(url).open()) {
      try (Connection c = DriverManager.getConnection(url)) {
        JournalFixtures.load(c, JournalFixtures.V2_RESOURCE);
      }
      assertThat(journal.readAll(JournalFixtures.V2_SESSION)).extracting(RecordedEvent::event)
          .containsExactlyElementsOf(JournalFixtures.v2Events());
    }
  }

  @Test
  void aJournalWrittenByTheThirdVersionReadsBackEqual() throws Exception {
    String url = TestDatabases.newH2FileUrl("fixture-v3");
    try (var journal = JdbcEventJournal.builder(url).open()) {
      try (Connection c = DriverManager.getConnection(url)) {
        JournalFixtures.load(c, JournalFixtures.V3_RESOURCE);
      }
      assertThat(journal.readAll(JournalFixtures.V3_SESSION)).extracting(RecordedEvent::event)
          .containsExactlyElementsOf(JournalFixtures.v3Events());
    }
  }

  @Test
  void aJournalWrittenByTheFourthVersionReadsBackEqual() throws Exception {
    String url = TestDatabases.newH2FileUrl("fixture-v4");
    try (var journal = JdbcEventJournal.builder(url).open()) {
      try (Connection c = DriverManager.getConnection(url)) {
        JournalFixtures.load(c, JournalFixtures.V4_RESOURCE);
      }
      assertThat(journal.readAll(JournalFixtures.V4_SESSION)).extracting(RecordedEvent::event)
          .containsExactlyElementsOf(JournalFixtures.v4Events());
    }
  }

  @Test
  void aJournalWrittenByTheFifthVersionReadsBackEqualAndReplays() throws Exception {
    String url = TestDatabases.newH2FileUrl("fixture-v5");
    try (var journal = JdbcEventJournal.builder(url).open()) {
      try (Connection c = DriverManager.getConnection(url)) {
        JournalFixtures.load(c, JournalFixtures.V5_RESOURCE);
      }
      List<io.peerwork.core.SessionEvent> events = journal.readAll(JournalFixtures.V5_SESSION).stream()
          .map(RecordedEvent::event).toList();
      assertThat(events).containsExactlyElementsOf(JournalFixtures.v5Events());
      var state = io.peerwork.core.SessionState.initial(JournalFixtures.V5_SESSION);
      for (var e : events) {
        state = io.peerwork.core.SessionEngine.builder().build().evolve(state, e);
      }
      assertThat(state.helpsReceived(io.peerwork.core.ParticipantId.of("p-ben"))).isEqualTo(1);
      assertThat(state.peerHelpsGiven(io.peerwork.core.ParticipantId.of("p-ana"))).isEqualTo(1);
    }
  }

  @Test
  void everyRowGoesThroughTheUpcasterWithItsSchemaVersion() {
    var seen = new CopyOnWriteArrayList<String>();
    EventUpcaster spy = (type, schemaVersion, json) -> {
      seen.add(type + "@" + schemaVersion);
      return json;
    };
    try (var journal = JdbcEventJournal.builder(TestDatabases.newH2FileUrl("upcast")).upcaster(spy).open()) {
      journal.append(S, 0, List.of(new GoalEdited(T, GoalId.of("g1"), "a"),
          new HandRaised(T, RequestId.of("r1"), ParticipantId.of("ana"), "t", "n")));

      assertThat(journal.readAll(S)).hasSize(2);
      assertThat(seen).containsExactly("GoalEdited@1", "HandRaised@1");
    }
  }

  @Test
  void anUpcasterBringsAnOldShapeUpToDate() {
    // Pretend HandRaised once called its note "comment", and rows of schema version 1 have it so.
    EventUpcaster renameComment = (type, schemaVersion, json) -> {
      if (type.equals("HandRaised") && schemaVersion < 2 && json.has("comment")) {
        json.set("note", json.remove("comment"));
      }
      return json;
    };
    String url = TestDatabases.newH2FileUrl("upcast");
    try (var journal = JdbcEventJournal.builder(url).upcaster(renameComment).open()) {
      insertRow(url, S, 1, "HandRaised", 1,
          "{\"type\":\"HandRaised\",\"at\":\"2026-03-03T08:00:00Z\",\"request\":\"r1\",\"participant\":\"ana\","
              + "\"topicId\":\"image-tools\",\"comment\":\"Canva?\"}");

      assertThat(journal.readAll(S)).extracting(RecordedEvent::event).containsExactly(
          new HandRaised(T, RequestId.of("r1"), ParticipantId.of("ana"), "image-tools", "Canva?"));
    }
  }

  @Test
  void fieldsThatANewerVersionAddedAreIgnoredAndMissingOptionalsAreEmpty() {
    String url = TestDatabases.newH2FileUrl("lenient");
    try (var journal = JdbcEventJournal.builder(url).open()) {
      insertRow(url, S, 1, "GoalDeclared", 1,
          "{\"type\":\"GoalDeclared\",\"at\":\"2026-03-03T08:00:00Z\",\"goal\":\"g1\",\"owner\":\"ana\","
              + "\"focusBlock\":2,\"text\":\"Alt\",\"priority\":\"high\",\"tags\":[\"x\"]}");

      assertThat(journal.readAll(S)).extracting(RecordedEvent::event).containsExactly(
          new SessionEvent.GoalDeclared(T, GoalId.of("g1"), ParticipantId.of("ana"), 2, "Alt", java.util.Optional.empty()));
    }
  }

  @Test
  void anUpcasterThatFailsMakesJustThatEventUnreadable() {
    EventUpcaster strict = (type, schemaVersion, json) -> {
      if (json.path("text").asText().equals("poison")) {
        throw new IllegalStateException("no way to upgrade this");
      }
      return json;
    };
    try (var journal = JdbcEventJournal.builder(TestDatabases.newH2FileUrl("upcast")).upcaster(strict).open()) {
      journal.append(S, 0, List.of(new GoalEdited(T, GoalId.of("g1"), "fine"), new GoalEdited(T, GoalId.of("g1"), "poison")));

      assertThatThrownBy(() -> journal.readAll(S))
          .isInstanceOfSatisfying(UnreadableEventException.class, e -> {
            assertThat(e.session()).isEqualTo(S);
            assertThat(e.version()).isEqualTo(2);
          })
          .hasMessageContaining("upcast")
          .hasRootCauseMessage("no way to upgrade this");
    }
  }

  // ---------------------------------------------------------------- schema V2 -> V3 (command ids)

  @Test
  void aJournalMigratedFromBeforeCommandIdsKeepsItsEventsAndGainsTheColumnOnH2() throws Exception {
    String url = TestDatabases.newH2FileUrl("migrate-v3");
    JournalFixtures.createSchemaBeforeCommandIds(url, null);
    try (Connection c = DriverManager.getConnection(url)) {
      assertThat(columns(c, null)).doesNotContain("command_id");
      JournalFixtures.load(c, JournalFixtures.V1_RESOURCE);
      JournalFixtures.load(c, JournalFixtures.V2_RESOURCE);
    }
    try (var journal = JdbcEventJournal.builder(url).open(); Connection c = DriverManager.getConnection(url)) {
      assertMigratedWithCommandIds(journal, c, null);
    }
  }

  @Test
  void aJournalMigratedFromBeforeCommandIdsKeepsItsEventsAndGainsTheColumnOnPostgres() throws Exception {
    String url = TestDatabases.postgresUrlOrSkip();
    String schema = TestDatabases.newPostgresSchema("migrate_v3");
    JournalFixtures.createSchemaBeforeCommandIds(url, schema);
    try (Connection c = DriverManager.getConnection(url)) {
      c.setSchema(schema);
      assertThat(columns(c, schema)).doesNotContain("command_id");
      JournalFixtures.load(c, JournalFixtures.V1_RESOURCE);
      JournalFixtures.load(c, JournalFixtures.V2_RESOURCE);
    }
    try (var journal = JdbcEventJournal.builder(url).schema(schema).open(); Connection c = DriverManager.getConnection(url)) {
      c.setSchema(schema);
      assertMigratedWithCommandIds(journal, c, schema);
    }
  }

  private static void assertMigratedWithCommandIds(JdbcEventJournal journal, Connection c, String schema)
      throws Exception {
    assertThat(columns(c, schema)).contains("command_id");
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT \"version\", \"success\" FROM \"peerwork_schema_history\""
            + " WHERE \"version\" IS NOT NULL ORDER BY \"installed_rank\"")) {
      var applied = new ArrayList<String>();
      while (rs.next()) {
        assertThat(rs.getBoolean(2)).as("migration %s succeeded", rs.getString(1)).isTrue();
        applied.add(rs.getString(1));
      }
      assertThat(applied).startsWith("1", "2", "3");
    }
    // The old rows read as before, none with a command id.
    List<RecordedEvent> v1 = journal.readAll(JournalFixtures.V1_SESSION);
    assertThat(v1).extracting(RecordedEvent::event).containsExactlyElementsOf(JournalFixtures.v1Events());
    assertThat(journal.readAll(JournalFixtures.V2_SESSION)).extracting(RecordedEvent::event)
        .containsExactlyElementsOf(JournalFixtures.v2Events());
    assertThat(v1).allSatisfy(r -> assertThat(r.commandId()).isEmpty());
    // The stream goes on with command ids, which the new unique index keeps once per session.
    long v = v1.size();
    Optional<CommandId> id = Optional.of(CommandId.of("hanna.host/1"));
    GoalEdited next = new GoalEdited(T, GoalId.of("g1"), "weiter");
    assertThat(journal.append(JournalFixtures.V1_SESSION, v, List.of(next), id)).isEqualTo(new AppendResult.Appended(v + 1));
    assertThat(journal.append(JournalFixtures.V1_SESSION, v + 1, List.of(next), id))
        .isEqualTo(new AppendResult.Duplicate(id.get(), v + 1));
    assertThat(journal.append(JournalFixtures.V2_SESSION, 3, List.of(next), id)).isEqualTo(new AppendResult.Appended(4));
    assertThat(journal.readAll(JournalFixtures.V1_SESSION)).last()
        .isEqualTo(new RecordedEvent(JournalFixtures.V1_SESSION, v + 1, next, id));
  }

  /** The columns of the session table, in lower case. */
  private static List<String> columns(Connection c, String schema) throws Exception {
    var out = new ArrayList<String>();
    String table = c.getMetaData().getDatabaseProductName().startsWith("H2") ? "PEERWORK_EVENT" : "peerwork_event";
    String inSchema = schema == null ? null : (table.equals("PEERWORK_EVENT") ? schema.toUpperCase() : schema);
    try (ResultSet rs = c.getMetaData().getColumns(null, inSchema, table, null)) {
      while (rs.next()) {
        out.add(rs.getString("COLUMN_NAME").toLowerCase(java.util.Locale.ROOT));
      }
    }
    assertThat(out).as("the table's columns").contains("session_id");
    return out;
  }

  static void insertRow(String url, SessionId session, long version, String type, int schemaVersion, String json) {
    TestDatabases.execute(url, "INSERT INTO peerwork_event (session_id, version, event_type, schema_version, payload, recorded_at)"
        + " VALUES ('" + session.value() + "', " + version + ", '" + type.replace("'", "''") + "', " + schemaVersion + ", '"
        + json.replace("'", "''") + "', TIMESTAMP WITH TIME ZONE '2026-03-03 10:00:00+00:00')");
  }

}
