package io.peerwork.jdbc;

import static io.peerwork.jdbc.JournalCompatibilityTest.insertRow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import io.peerwork.core.AppendResult;
import io.peerwork.core.GoalId;
import io.peerwork.core.PeerworkException;
import io.peerwork.core.RecordedEvent;
import io.peerwork.core.SessionEvent;
import io.peerwork.core.SessionEvent.GoalEdited;
import io.peerwork.core.SessionId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A row that cannot be read stops reading of its own session with a clear exception (session,
 * version, cause), and no other session.
 */
class UnreadableEventTest {
  private static final SessionId BROKEN = SessionId.of("broken-room");
  private static final SessionId HEALTHY = SessionId.of("healthy-room");
  private static final Instant T = Instant.parse("2026-03-03T08:00:00Z");

  private String url;
  private JdbcEventJournal journal;

  @BeforeEach
  void open() {
    url = TestDatabases.newH2FileUrl("unreadable");
    journal = JdbcEventJournal.builder(url).open();
    journal.append(BROKEN, 0, List.of(edit("one")));
    journal.append(HEALTHY, 0, List.of(edit("a"), edit("b")));
  }

  @AfterEach
  void close() {
    journal.close();
  }

  private static SessionEvent edit(String text) {
    return new GoalEdited(T, GoalId.of("g1"), text);
  }

  @Test
  void corruptJsonNamesTheSessionTheVersionAndTheCause() {
    insertRow(url, BROKEN, 2, "GoalEdited", 1, "{\"type\":\"GoalEdited\",\"at\":\"2026-03-03T08:0");
    insertRow(url, BROKEN, 3, "GoalEdited", 1, "{\"type\":\"GoalEdited\",\"at\":\"2026-03-03T08:00:00Z\",\"goal\":\"g1\",\"text\":\"three\"}");

    assertThatThrownBy(() -> journal.readAll(BROKEN))
        .isInstanceOf(PeerworkException.class)
        .isInstanceOfSatisfying(UnreadableEventException.class, e -> {
          assertThat(e.session()).isEqualTo(BROKEN);
          assertThat(e.version()).isEqualTo(2);
        })
        .hasMessageContaining("broken-room")
        .hasMessageContaining("event 2")
        .hasMessageContaining("corrupt JSON")
        .hasCauseInstanceOf(JsonProcessingException.class);
    // what comes before and after the bad row still reads, for whoever wants to salvage it
    assertThat(journal.read(BROKEN, 2)).extracting(RecordedEvent::version).containsExactly(3L);
    assertThat(journal.version(BROKEN)).isEqualTo(3);
    assertHealthyRoomUnaffected();
  }

  @Test
  void anUnknownEventTypeIsUnreadable() {
    insertRow(url, BROKEN, 2, "Teleported", 1, "{\"type\":\"Teleported\",\"at\":\"2026-03-03T08:00:00Z\",\"to\":\"Mars\"}");

    assertThatThrownBy(() -> journal.readAll(BROKEN))
        .isInstanceOfSatisfying(UnreadableEventException.class, e -> assertThat(e.version()).isEqualTo(2))
        .hasMessageContaining("broken-room")
        .hasMessageContaining("Teleported")
        .hasCauseInstanceOf(InvalidTypeIdException.class);
    assertHealthyRoomUnaffected();
  }

  @Test
  void valuesThatFailValidationAreUnreadable() {
    // a participant id with a space, and an event without its required text
    insertRow(url, BROKEN, 2, "ParticipantLeft", 1,
        "{\"type\":\"ParticipantLeft\",\"at\":\"2026-03-03T08:00:00Z\",\"participant\":\"no spaces allowed\"}");
    insertRow(url, SessionId.of("other-broken"), 1, "GoalEdited", 1,
        "{\"type\":\"GoalEdited\",\"at\":\"2026-03-03T08:00:00Z\",\"goal\":\"g1\"}");

    assertThatThrownBy(() -> journal.readAll(BROKEN))
        .isInstanceOfSatisfying(UnreadableEventException.class, e -> assertThat(e.version()).isEqualTo(2))
        .hasMessageContaining("ParticipantLeft");
    assertThatThrownBy(() -> journal.readAll(SessionId.of("other-broken")))
        .isInstanceOfSatisfying(UnreadableEventException.class, e -> assertThat(e.version()).isEqualTo(1))
        .hasMessageContaining("other-broken");
    assertHealthyRoomUnaffected();
  }

  @Test
  void aRowWhoseTypeDisagreesWithItsJsonIsUnreadable() {
    insertRow(url, BROKEN, 2, "HandWithdrawn", 1, "{\"type\":\"GoalEdited\",\"at\":\"2026-03-03T08:00:00Z\",\"goal\":\"g1\",\"text\":\"x\"}");

    assertThatThrownBy(() -> journal.readAll(BROKEN))
        .isInstanceOfSatisfying(UnreadableEventException.class, e -> assertThat(e.version()).isEqualTo(2))
        .hasMessageContaining("HandWithdrawn");
    assertHealthyRoomUnaffected();
  }

  @Test
  void aMissingVersionIsReportedRatherThanSkipped() {
    journal.append(BROKEN, 1, List.of(edit("two"), edit("three")));
    TestDatabases.execute(url, "DELETE FROM peerwork_event WHERE session_id = 'broken-room' AND version = 2");

    assertThatThrownBy(() -> journal.readAll(BROKEN))
        .isInstanceOfSatisfying(UnreadableEventException.class, e -> {
          assertThat(e.session()).isEqualTo(BROKEN);
          assertThat(e.version()).isEqualTo(2);
        })
        .hasMessageContaining("no event 2");
    assertHealthyRoomUnaffected();
  }

  private void assertHealthyRoomUnaffected() {
    assertThat(journal.readAll(HEALTHY)).extracting(RecordedEvent::event).containsExactly(edit("a"), edit("b"));
    assertThat(journal.append(HEALTHY, 2, List.of(edit("c")))).isEqualTo(new AppendResult.Appended(3));
    assertThat(journal.sessions()).contains(HEALTHY, BROKEN);
  }
}
