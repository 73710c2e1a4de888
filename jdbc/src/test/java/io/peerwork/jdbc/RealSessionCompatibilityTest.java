package io.peerwork.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerwork.core.Recap;
import io.peerwork.core.RecordedEvent;
import io.peerwork.core.SessionEngine;
import io.peerwork.core.SessionState;
import io.peerwork.core.SessionStatus;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A whole session recorded by the first version replays, with today's engine, to the recap the
 * first version made of it: old journals keep their meaning, not only their shape.
 */
class RealSessionCompatibilityTest {

  @Test
  void aSessionRecordedByTheFirstVersionReplaysToTheSameRecap() throws Exception {
    String url = TestDatabases.newH2FileUrl("real-session");
    try (var journal = JdbcEventJournal.builder(url).open()) {
      try (Connection c = DriverManager.getConnection(url)) {
        JournalFixtures.load(c, RealSessionFixture.SQL);
      }
      List<RecordedEvent> rows = journal.readAll(RealSessionFixture.SESSION);
      assertThat(rows).hasSizeGreaterThan(50);
      // Replaying needs no format: events are facts.
      SessionState state = SessionEngine.builder().build()
          .replay(RealSessionFixture.SESSION, rows.stream().map(RecordedEvent::event).toList());
      assertThat(state.status()).isEqualTo(SessionStatus.ENDED);
      assertThat(state.version()).isEqualTo(rows.size());

      String expected;
      try (var in = getClass().getResourceAsStream(RealSessionFixture.RECAP)) {
        expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      // Every fact the first version's recap held is the same today; later versions add facts
      // (help lengths, holds, answers, peer helps), which a session of the first version has none of.
      var json = RealSessionFixture.json();
      com.fasterxml.jackson.databind.JsonNode then = json.readTree(expected);
      Recap now = Recap.of(state);
      assertSameWhereThenSaid(then, json.valueToTree(now), "recap");
      assertThat(then.path("participants")).hasSize(6);
      assertThat(now.helpsFinished()).isPositive().isEqualTo(then.path("helpsFinished").asInt());
      assertThat(now.holds()).isZero();
      assertThat(now.peerHelps()).isZero();
      assertThat(now.helps()).hasSize(now.helpsFinished()).allSatisfy(h -> assertThat(h.helped()).hasSize(1));
    }
  }

  /** Every field of {@code then} is in {@code now} with the same value; {@code now} may have more fields. */
  private static void assertSameWhereThenSaid(com.fasterxml.jackson.databind.JsonNode then,
      com.fasterxml.jackson.databind.JsonNode now, String path) {
    if (then.isObject()) {
      assertThat(now.isObject()).as(path).isTrue();
      then.fieldNames().forEachRemaining(f -> {
        assertThat(now.has(f)).as(path + "." + f).isTrue();
        assertSameWhereThenSaid(then.get(f), now.get(f), path + "." + f);
      });
    } else if (then.isArray()) {
      assertThat(now.size()).as(path).isEqualTo(then.size());
      for (int i = 0; i < then.size(); i++) {
        assertSameWhereThenSaid(then.get(i), now.get(i), path + "[" + i + "]");
      }
    } else {
      assertThat(now).as(path).isEqualTo(then);
    }
  }
}
