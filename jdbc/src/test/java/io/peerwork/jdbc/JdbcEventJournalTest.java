package io.peerwork.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerwork.core.AppendResult;
import io.peerwork.core.GoalId;
import io.peerwork.core.RecordedEvent;
import io.peerwork.core.SessionEvent;
import io.peerwork.core.SessionEvent.GoalEdited;
import io.peerwork.core.SessionId;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What the JDBC journal does beyond the journal contract: configuration, rows, several nodes. */
class JdbcEventJournalTest {
  private static final SessionId S = SessionId.of("room-1");
  private static final Instant T = Instant.parse("2026-03-03T08:00:00Z");

  private static SessionEvent edit(String text) {
    return new GoalEdited(T, GoalId.of("g1"), text);
  }

  @Test
  void eachRowHoldsTheJsonTheTypeTheSchemaVersionAndTheTime() throws Exception {
    String url = TestDatabases.newH2FileUrl("rows");
    Clock clock = Clock.fixed(Instant.parse("2026-03-03T08:00:05Z"), ZoneOffset.UTC);
    try (var journal = JdbcEventJournal.builder(url).clock(clock).open()) {
      journal.append(S, 0, List.of(edit("Grüße 👋")));
    }
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT session_id, version, event_type, schema_version, payload, recorded_at FROM peerwork_event")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("room-1");
      assertThat(rs.getLong(2)).isEqualTo(1);
      assertThat(rs.getString(3)).isEqualTo("GoalEdited");
      assertThat(rs.getInt(4)).isEqualTo(JdbcEventJournal.SCHEMA_VERSION).isEqualTo(1);
      assertThat(rs.getString(5)).isEqualTo(
          "{\"type\":\"GoalEdited\",\"at\":\"2026-03-03T08:00:00Z\",\"goal\":\"g1\",\"text\":\"Grüße 👋\"}");
      assertThat(rs.getObject(6, OffsetDateTime.class).toInstant()).isEqualTo(Instant.parse("2026-03-03T08:00:05Z"));
      assertThat(rs.next()).isFalse();
    }
  }

  @Test
  void anAppendThatTheDatabaseRejectsHalfwayStoresNothingOnH2() {
    try (var journal = JdbcEventJournal.builder(TestDatabases.newH2FileUrl("too-long")).open()) {
      assertAnAppendRejectedHalfwayStoresNothing(journal);
    }
  }

  @Test
  void anAppendThatTheDatabaseRejectsHalfwayStoresNothingOnPostgres() {
    String url = TestDatabases.postgresUrlOrSkip();
    try (var journal = JdbcEventJournal.builder(url).schema(TestDatabases.newPostgresSchema("too_long")).open()) {
      assertAnAppendRejectedHalfwayStoresNothing(journal);
    }
  }

  private static void assertAnAppendRejectedHalfwayStoresNothing(JdbcEventJournal journal) {
    journal.append(S, 0, List.of(edit("before")));
    // The payload column holds up to 1,000,000 characters: the third row of this append fails.
    List<SessionEvent> events = List.of(edit("fine"), edit("fine too"), edit("x".repeat(1_000_001)), edit("after"));

    assertThatThrownBy(() -> journal.append(S, 1, events))
        .isInstanceOf(JournalStorageException.class)
        .hasMessageContaining("room-1")
        .hasMessageContaining("nothing was stored");

    assertThat(journal.version(S)).isEqualTo(1);
    assertThat(journal.readAll(S)).extracting(RecordedEvent::event).containsExactly(edit("before"));
    assertThat(journal.append(S, 1, List.of(edit("next")))).isEqualTo(new AppendResult.Appended(2));
  }

  @Test
  void eventsSurviveClosingAndReopening() {
    String url = TestDatabases.newH2FileUrl("reopen");
    try (var journal = JdbcEventJournal.builder(url).open()) {
      journal.append(S, 0, List.of(edit("a"), edit("b")));
    }
    try (var journal = JdbcEventJournal.builder(url).open()) { // migrating again changes nothing
      assertThat(journal.readAll(S)).extracting(RecordedEvent::event).containsExactly(edit("a"), edit("b"));
      assertThat(journal.append(S, 2, List.of(edit("c")))).isEqualTo(new AppendResult.Appended(3));
    }
  }

  @Test
  void theEnvironmentConfiguresUrlUserAndPassword() {
    String url = TestDatabases.newH2FileUrl("env");
    Map<String, String> env = Map.of("PEERWORK_DB_URL", url, "PEERWORK_DB_USER", "peerwork", "PEERWORK_DB_PASSWORD", "s3cret");
    try (var journal = JdbcEventJournal.Builder.fromEnvironment(env).open()) {
      journal.append(S, 0, List.of(edit("a")));
    }
    // H2 made "peerwork" the database's owner: the password is checked from now on
    Map<String, String> wrong = Map.of("PEERWORK_DB_URL", url, "PEERWORK_DB_USER", "peerwork", "PEERWORK_DB_PASSWORD", "guess");
    assertThatThrownBy(() -> JdbcEventJournal.Builder.fromEnvironment(wrong).open())
        .isInstanceOf(JournalStorageException.class)
        .hasMessageContaining(url)
        .hasMessageNotContaining("guess");
    try (var journal = JdbcEventJournal.Builder.fromEnvironment(env).open()) {
      assertThat(journal.version(S)).isEqualTo(1);
    }
  }

  @Test
  void withoutEnvironmentTheJournalIsAnH2FileUnderData() {
    assertThat(JdbcEventJournal.DEFAULT_URL).isEqualTo("jdbc:h2:file:./data/peerwork");
    assertThat(JdbcEventJournal.Builder.effectiveUrl(JdbcEventJournal.DEFAULT_URL))
        .isEqualTo("jdbc:h2:file:./data/peerwork;WRITE_DELAY=0");
    assertThat(JdbcEventJournal.Builder.effectiveUrl("jdbc:h2:file:./x;WRITE_DELAY=100")).endsWith("WRITE_DELAY=100");
    assertThat(JdbcEventJournal.Builder.effectiveUrl("jdbc:h2:mem:x")).isEqualTo("jdbc:h2:mem:x");
    assertThat(JdbcEventJournal.Builder.effectiveUrl("jdbc:postgresql://db/p")).isEqualTo("jdbc:postgresql://db/p");
  }

  @Test
  void anUnreachableDatabaseFailsAtOpenWithoutShowingThePassword() {
    assertThatThrownBy(() -> JdbcEventJournal.builder("jdbc:postgresql://127.0.0.1:1/peerwork?user=u&password=topsecret").open())
        .isInstanceOf(JournalStorageException.class)
        .hasMessageContaining("127.0.0.1:1")
        .hasMessageContaining("password=***")
        .hasMessageNotContaining("topsecret");
  }

  @Test
  void twoNodesOnOneH2DatabaseSeeEachOtherAndExactlyOneWins() throws Exception {
    String url = TestDatabases.newH2FileUrl("nodes");
    try (var first = JdbcEventJournal.builder(url).open(); var second = JdbcEventJournal.builder(url).open()) {
      assertTwoNodesShareOneJournal(first, second);
    }
  }

  @Test
  void twoNodesOnOnePostgresDatabaseSeeEachOtherAndExactlyOneWins() throws Exception {
    String url = TestDatabases.postgresUrlOrSkip();
    String schema = TestDatabases.newPostgresSchema("nodes");
    try (var first = JdbcEventJournal.builder(url).schema(schema).open();
        var second = JdbcEventJournal.builder(url).schema(schema).open()) {
      assertTwoNodesShareOneJournal(first, second);
    }
  }

  private static void assertTwoNodesShareOneJournal(JdbcEventJournal first, JdbcEventJournal second) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      long version = 0;
      for (int round = 0; round < 20; round++) {
        var barrier = new CyclicBarrier(2);
        final long v = version;
        final int r = round;
        Future<AppendResult> a = pool.submit(() -> {
          barrier.await(10, TimeUnit.SECONDS);
          return first.append(S, v, List.of(edit("first-" + r)));
        });
        Future<AppendResult> b = pool.submit(() -> {
          barrier.await(10, TimeUnit.SECONDS);
          return second.append(S, v, List.of(edit("second-" + r)));
        });
        List<AppendResult> results = List.of(a.get(30, TimeUnit.SECONDS), b.get(30, TimeUnit.SECONDS));
        assertThat(results).as("round %d", round)
            .containsExactlyInAnyOrder(new AppendResult.Appended(v + 1), new AppendResult.Conflict(v, v + 1));
        version = v + 1;
      }
      List<RecordedEvent> seenByFirst = first.readAll(S);
      assertThat(seenByFirst).hasSize(20).isEqualTo(second.readAll(S));
      var texts = new ArrayList<String>();
      seenByFirst.forEach(e -> texts.add(((GoalEdited) e.event()).text()));
      for (int round = 0; round < 20; round++) {
        assertThat(texts.get(round)).isIn("first-" + round, "second-" + round);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
