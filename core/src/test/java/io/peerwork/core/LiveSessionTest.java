package io.peerwork.core;

import static io.peerwork.core.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
  // ---------------------------------------------------------------- command ids

  private static Optional<CommandId> id(String text) {
    return Optional.of(CommandId.of(text));
  }

  /** The in-memory journal, failing the next calls as a test says. */
  private final class FailingJournal implements EventJournal {
    boolean unavailable;
    boolean storedThenUnknown;
    boolean lostThenUnknown;
    boolean readsFail;

    @Override
    public AppendResult append(SessionId session, long expectedVersion, List<? extends SessionEvent> events,
        Optional<CommandId> command) {
      if (unavailable) {
        throw new JournalException.StorageUnavailable("no connection (test)", null);
      }
      if (lostThenUnknown) {
        lostThenUnknown = false;
        throw new JournalException.OutcomeUnknown("commit failed (test)", null);
      }
      AppendResult r = journal.append(session, expectedVersion, events, command);
      if (storedThenUnknown) {
        storedThenUnknown = false;
        throw new JournalException.OutcomeUnknown("committed, answer lost (test)", null);
      }
      return r;
    }

    @Override
    public List<RecordedEvent> read(SessionId session, long afterVersion) {
      if (readsFail) {
        throw new JournalException.StorageUnavailable("no connection for a read (test)", null);
      }
      return journal.read(session, afterVersion);
    }

    @Override
    public long version(SessionId session) {
      return journal.version(session);
    }

    @Override
    public List<SessionId> sessions() {
      return journal.sessions();
    }
  }

  @Test
  void aCommandIdAppliedBeforeIsAnsweredAsADuplicateWithItsFirstVersion() {
    LiveSession live = LiveSession.load(ENGINE, journal, SID);
    live.handle(new ScheduleSession(plan(5, "fcfs")), T0);
    LiveSession.Outcome first = live.handle(new Join(HOST, "Hanna", Role.HOST), id("host/1"), T0);
    live.handle(new OpenSession(HOST), id("host/2"), T0);

    LiveSession.Outcome again = live.handle(new Join(HOST, "Hanna", Role.HOST), id("host/1"), T0);

    assertThat(first).isEqualTo(new LiveSession.Outcome(first.decision(), first.recorded(), false, 2));
    assertThat(first.recorded()).singleElement().satisfies(r -> assertThat(r.commandId()).isEqualTo(id("host/1")));
    assertThat(again).isEqualTo(LiveSession.Outcome.duplicate(2));
    assertThat(again.decision().isAccepted()).isTrue();
    assertThat(journal.version(SID)).isEqualTo(3);
    // Known after loading too, from the journal.
    assertThat(LiveSession.load(ENGINE, journal, SID).handle(new OpenSession(HOST), id("host/2"), T0))
        .isEqualTo(LiveSession.Outcome.duplicate(3));
  }

  @Test
  void aRejectedCommandLeavesItsIdFreeAndIsDecidedAgain() {
    LiveSession live = LiveSession.load(ENGINE, journal, SID);
    live.handle(new ScheduleSession(plan(5, "fcfs")), T0);
    LiveSession.Outcome rejected = live.handle(new StartSession(HOST), id("host/1"), T0);
    assertThat(rejected.decision().isAccepted()).isFalse();
    assertThat(rejected.duplicate()).isFalse();
    assertThat(rejected.version()).isEqualTo(1);

    live.handle(new Join(HOST, "Hanna", Role.HOST), id("host/0"), T0);
    live.handle(new OpenSession(HOST), id("host/00"), T0);
    LiveSession.Outcome now = live.handle(new StartSession(HOST), id("host/1"), T0);
    assertThat(now.decision().isAccepted()).isTrue();
    assertThat(now.duplicate()).isFalse();
  }

  @Test
  void afterAnUnknownOutcomeThatWasStoredTheRetryIsADuplicate() {
    var failing = new FailingJournal();
    LiveSession live = LiveSession.load(ENGINE, failing, SID);
    live.handle(new ScheduleSession(plan(5, "fcfs")), T0);
    failing.storedThenUnknown = true;

    assertThatThrownBy(() -> live.handle(new Join(HOST, "Hanna", Role.HOST), id("host/1"), T0))
        .isInstanceOf(JournalException.OutcomeUnknown.class);
    assertThat(live.state().version()).as("not applied in memory: unknown").isEqualTo(1);

    assertThat(live.handle(new Join(HOST, "Hanna", Role.HOST), id("host/1"), T0))
        .isEqualTo(LiveSession.Outcome.duplicate(2));
    assertThat(live.state().isPresent(HOST)).as("caught up").isTrue();
    assertThat(journal.readAll(SID)).hasSize(2);
  }

  @Test
  void afterAnUnknownOutcomeThatStoredNothingTheRetryAppliesItOnce() {
    var failing = new FailingJournal();
    LiveSession live = LiveSession.load(ENGINE, failing, SID);
    live.handle(new ScheduleSession(plan(5, "fcfs")), T0);
    failing.lostThenUnknown = true;

    assertThatThrownBy(() -> live.handle(new Join(HOST, "Hanna", Role.HOST), id("host/1"), T0))
        .isInstanceOf(JournalException.OutcomeUnknown.class);
    LiveSession.Outcome retry = live.handle(new Join(HOST, "Hanna", Role.HOST), id("host/1"), T0);

    assertThat(retry.duplicate()).isFalse();
    assertThat(retry.recorded()).singleElement().satisfies(r -> assertThat(r.version()).isEqualTo(2));
    assertThat(live.handle(new Join(HOST, "Hanna", Role.HOST), id("host/1"), T0))
        .isEqualTo(LiveSession.Outcome.duplicate(2));
    assertThat(journal.readAll(SID)).hasSize(2);
  }

  @Test
  void storageUnavailableChangesNothing() {
    var failing = new FailingJournal();
    LiveSession live = LiveSession.load(ENGINE, failing, SID);
    live.handle(new ScheduleSession(plan(5, "fcfs")), T0);
    SessionState before = live.state();
    failing.unavailable = true;

    assertThatThrownBy(() -> live.handle(new Join(HOST, "Hanna", Role.HOST), id("host/1"), T0))
        .isInstanceOf(JournalException.StorageUnavailable.class);

    assertThat(live.state()).isSameAs(before);
    failing.unavailable = false;
    assertThat(live.handle(new Join(HOST, "Hanna", Role.HOST), id("host/1"), T0).version()).isEqualTo(2);
  }

  @Test
  void aCatchUpThatFailsAfterAnUnknownOutcomeLeavesTheOutcomeUnknownAndIsTriedAgain() {
    var failing = new FailingJournal();
    LiveSession live = LiveSession.load(ENGINE, failing, SID);
    live.handle(new ScheduleSession(plan(5, "fcfs")), T0);
    failing.storedThenUnknown = true;
    assertThatThrownBy(() -> live.handle(new Join(HOST, "Hanna", Role.HOST), id("host/1"), T0))
        .isInstanceOf(JournalException.OutcomeUnknown.class);
    SessionState before = live.state();
    failing.readsFail = true;

    // The retry cannot learn whether it was stored (it was): "not applied" would be false, so unknown again.
    assertThatThrownBy(() -> live.handle(new Join(HOST, "Hanna", Role.HOST), id("host/1"), T0))
        .isInstanceOf(JournalException.OutcomeUnknown.class);
    // A command without an id is not the one in doubt: nothing of it is stored, and that is true.
    assertThatThrownBy(() -> live.handle(new OpenSession(HOST), T0))
        .isInstanceOf(JournalException.StorageUnavailable.class);
    assertThat(live.state()).isSameAs(before);
    assertThat(journal.readAll(SID)).hasSize(2);

    failing.readsFail = false;
    assertThat(live.handle(new Join(HOST, "Hanna", Role.HOST), id("host/1"), T0))
        .isEqualTo(LiveSession.Outcome.duplicate(2));
  }

  @Test
  void aCommandIdThatAnotherWriterAppliedIsADuplicateHereToo() {
    LiveSession a = LiveSession.load(ENGINE, journal, SID);
    a.handle(new ScheduleSession(plan(5, "fcfs")), T0);
    LiveSession b = LiveSession.load(ENGINE, journal, SID);
    b.handle(new Join(HOST, "Hanna", Role.HOST), id("host/1"), T0);

    // a has not seen it: its append conflicts, it catches up and finds the id.
    assertThat(a.handle(new Join(HOST, "Hanna", Role.HOST), id("host/1"), T0)).isEqualTo(LiveSession.Outcome.duplicate(2));
    assertThat(journal.readAll(SID)).hasSize(2);
  }
}
