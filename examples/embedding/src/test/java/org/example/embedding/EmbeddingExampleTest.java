package org.example.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerwork.core.EventJournal;
import io.peerwork.core.InMemoryEventJournal;
import io.peerwork.core.ParticipantId;
import io.peerwork.core.Recap;
import io.peerwork.core.RecordedEvent;
import io.peerwork.core.SessionId;
import io.peerwork.core.SessionStatus;
import io.peerwork.testkit.EventJournalContract;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Runs the example of docs/embedding.md and checks what it promises. */
class EmbeddingExampleTest {

  @Test
  void theExampleRunsASessionToItsRecap() {
    Recap recap = OneSession.run(new InMemoryEventJournal(), line -> {});
    assertThat(recap.status()).isEqualTo(SessionStatus.ENDED);
    Recap.ParticipantRecap ana = recap.of(ParticipantId.of("ana")).orElseThrow();
    assertThat(ana.done()).isEqualTo(1);
    assertThat(ana.helpsReceived()).isEqualTo(1);
    assertThat(ana.minutesInFocus()).isEqualTo(13); // from the first focus block's start to the end
    assertThat(recap.medianHelpTime()).contains(Duration.ofMinutes(8));
  }

  @Test
  void everyDecisionIsPrintedWithItsEventsOrItsRejection() {
    List<String> printed = new ArrayList<>();
    OneSession.run(new InMemoryEventJournal(), printed::add);
    assertThat(printed).contains(
        "Join accepted: [ParticipantJoined]",
        "FinishHelp accepted: [HelpFinished]");
    assertThat(printed).filteredOn(line -> line.contains("rejected"))
        .singleElement().asString()
        .startsWith("AdvancePhase rejected: ROLE_NOT_ALLOWED (");
  }

  @Test
  void theOrganisationsOwnJournalSeesEveryEventOnceInOrder() {
    List<RecordedEvent> forwarded = new ArrayList<>();
    ForwardingJournal journal = new ForwardingJournal(forwarded::add);
    OneSession.run(journal, line -> {});
    SessionId id = SessionId.of("kitchen-2027-03");
    assertThat(forwarded).isEqualTo(journal.readAll(id));
    assertThat(forwarded).extracting(RecordedEvent::version)
        .containsExactlyElementsOf(LongStream.rangeClosed(1, forwarded.size()).boxed().toList());
  }

  /** The organisation's journal passes the same contract as Peerwork's own journals. */
  @Nested
  class ForwardingJournalContract extends EventJournalContract {
    @Override
    protected EventJournal newJournal() {
      return new ForwardingJournal(e -> {});
    }
  }
}
