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
      Recap then = RealSessionFixture.json().readValue(expected, Recap.class);
      assertThat(Recap.of(state)).isEqualTo(then);
      assertThat(then.participants()).hasSize(6);
      assertThat(then.helpsFinished()).isPositive();
    }
  }
}
