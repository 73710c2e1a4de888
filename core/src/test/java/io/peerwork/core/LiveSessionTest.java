package io.peerwork.core;

import static io.peerwork.core.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerwork.core.Command.*;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LiveSessionTest {
  private final InMemoryEventJournal journal = new InMemoryEventJournal();

  @Test
  void acceptedCommandsAreAppendedBeforeTheyAreApplied() {
    LiveSession live = LiveSession.load(ENGINE, journal, SID);
    live.handle(new ScheduleSession(plan(5, "fcfs")), T0);
    LiveSession.Outcome out = live.handle(new Join(HOST, "Hanna", Role.HOST), T0);
    assertThat(out.recorded()).singleElement().satisfies(r -> assertThat(r.version()).isEqualTo(2));
    assertThat(journal.version(SID)).isEqualTo(2);
    assertThat(live.state().version()).isEqualTo(2);
  }

  @Test
  void rejectedCommandsWriteNothing() {
    LiveSession live = LiveSession.load(ENGINE, journal, SID);
    live.handle(new ScheduleSession(plan(5, "fcfs")), T0);
    LiveSession.Outcome out = live.handle(new StartSession(ANA), T0);
    assertThat(out.decision().isAccepted()).isFalse();
    assertThat(out.recorded()).isEmpty();
    assertThat(journal.version(SID)).isEqualTo(1);
  }

  @Test
  void aSecondWriterIsCaughtUpWithAndTheCommandDecidedAgain() {
    LiveSession a = LiveSession.load(ENGINE, journal, SID);
    a.handle(new ScheduleSession(plan(5, "fcfs")), T0);
    LiveSession b = LiveSession.load(ENGINE, journal, SID);
    b.handle(new Join(HOST, "Hanna", Role.HOST), T0);
    // a has not seen the host join; its append conflicts, it reads, decides again and succeeds.
    LiveSession.Outcome out = a.handle(new Join(EXPERT, "Eva", Role.EXPERT), T0);
    assertThat(out.decision().isAccepted()).isTrue();
    assertThat(out.recorded()).singleElement().satisfies(r -> assertThat(r.version()).isEqualTo(3));
    assertThat(a.state().isPresent(HOST)).isTrue();
    assertThat(a.state().isPresent(EXPERT)).isTrue();
    assertThat(ENGINE.replay(SID, journal.readAll(SID).stream().map(RecordedEvent::event).toList()))
        .isEqualTo(a.state());
  }

  @Test
  void loadingReplaysTheJournal() {
    LiveSession a = LiveSession.load(ENGINE, journal, SID);
    a.handle(new ScheduleSession(plan(5, "fcfs")), T0);
    a.handle(new Join(HOST, "Hanna", Role.HOST), T0);
    a.handle(new OpenSession(HOST), T0);
    a.handle(new Join(ANA, "Ana", Role.PARTICIPANT), T0);
    a.handle(new DeclareGoal(ANA, "Posts", Optional.empty()), T0);
    assertThat(LiveSession.load(ENGINE, journal, SID).state()).isEqualTo(a.state());
  }

  @Test
  void inMemoryJournalConflictWritesNothing() {
    SessionEvent e = new SessionEvent.SessionOpened(T0, Optional.empty());
    assertThat(journal.append(SID, 0, List.of(e, e))).isEqualTo(new AppendResult.Appended(2));
    assertThat(journal.append(SID, 1, List.of(e))).isEqualTo(new AppendResult.Conflict(1, 2));
    assertThat(journal.readAll(SID)).hasSize(2);
    assertThat(journal.read(SID, 1)).extracting(RecordedEvent::version).containsExactly(2L);
    assertThat(journal.sessions()).containsExactly(SID);
  }
}
