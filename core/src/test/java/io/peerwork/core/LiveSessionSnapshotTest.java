package io.peerwork.core;

import static io.peerwork.core.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerwork.core.Command.*;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** A live session with a journal that keeps snapshots: when it saves them, and how it loads. */
class LiveSessionSnapshotTest {
  private static Optional<CommandId> id(String text) {
    return Optional.of(CommandId.of(text));
  }

  private static void open(LiveSession live) {
    live.handle(new ScheduleSession(plan(5, "fcfs")), id("host/1"), T0);
    live.handle(new Join(HOST, "Hanna", Role.HOST), id("host/2"), T0);
    live.handle(new OpenSession(HOST), id("host/3"), T0);
    live.handle(new Join(ANA, "Ana", Role.PARTICIPANT), id("ana/1"), T0);
    live.handle(new Join(BEN, "Ben", Role.PARTICIPANT), id("ben/1"), T0);
    live.handle(new StartSession(HOST), id("host/4"), T0);
    live.handle(new Leave(BEN), id("ben/2"), T0);
  }

  @Test
  void aSnapshotIsSavedAfterEachAppendThatReachesAMultipleOfTheInterval() {
    var journal = new SnapshotJournal(3);
    LiveSession live = LiveSession.load(ENGINE, journal, SID);
    open(live);
    assertThat(journal.version(SID)).isEqualTo(7);
    assertThat(journal.saved).extracting(SessionSnapshot::version).containsExactly(3L, 6L);
    assertThat(journal.saved.get(1).state())
        .isEqualTo(ENGINE.replay(SID, journal.all(SID).subList(0, 6)));
  }

  @Test
  void aSessionLoadsFromItsNewestSnapshotAndReadsOnlyTheEventsAfterIt() {
    var journal = new SnapshotJournal(3);
    LiveSession first = LiveSession.load(ENGINE, journal, SID);
    open(first);
    journal.readsAfter.clear();
    LiveSession again = LiveSession.load(ENGINE, journal, SID);
    assertThat(journal.readsAfter).containsExactly(6L);
    assertThat(again.state()).isEqualTo(first.state());
    // A command applied before the snapshot, sent again: the journal knows its id; nothing changes.
    LiveSession.Outcome out = again.handle(new Join(ANA, "Ana", Role.PARTICIPANT), id("ana/1"), T0);
    assertThat(out.duplicate()).isTrue();
    assertThat(out.version()).isEqualTo(4);
    assertThat(journal.version(SID)).isEqualTo(7);
  }

  @Test
  void aSessionWithoutASnapshotReplaysEverythingAndSavesOneIfItReplayedAnInterval() {
    var journal = new SnapshotJournal(5);
    journal.failSaves = true;
    try (LogCapture log = LogCapture.of(LiveSession.class)) {
      open(LiveSession.load(ENGINE, journal, SID));
      assertThat(log.records()).singleElement().satisfies(r ->
          assertThat(r.getMessage()).contains("cannot save its snapshot at version 5"));
    }
    journal.failSaves = false;
    assertThat(journal.saved).isEmpty();
    LiveSession live = LiveSession.load(ENGINE, journal, SID);
    assertThat(journal.saved).extracting(SessionSnapshot::version).containsExactly(7L);
    assertThat(live.state()).isEqualTo(ENGINE.replay(SID, journal.all(SID)));
  }

  @Test
  void aSnapshotThatCannotBeSavedIsLoggedAndTheCommandStillSucceeds() {
    var journal = new SnapshotJournal(2);
    journal.failSaves = true;
    var logged = new ArrayList<LogRecord>();
    try (LogCapture log = LogCapture.of(LiveSession.class)) {
      LiveSession live = LiveSession.load(ENGINE, journal, SID);
      live.handle(new ScheduleSession(plan(5, "fcfs")), id("host/1"), T0);
      LiveSession.Outcome out = live.handle(new Join(HOST, "Hanna", Role.HOST), id("host/2"), T0);
      assertThat(out.decision().isAccepted()).isTrue();
      assertThat(out.version()).isEqualTo(2);
      assertThat(journal.version(SID)).isEqualTo(2);
      logged.addAll(log.records());
    }
    assertThat(logged).singleElement().satisfies(r -> {
      assertThat(r.getLevel()).isEqualTo(Level.WARNING);
      assertThat(r.getMessage()).contains("cannot save its snapshot at version 2", "snapshot store is down");
    });
  }

  @Test
  void aSnapshotRoundTripsEveryPartOfAState() {
    var journal = new SnapshotJournal(1000);
    LiveSession live = LiveSession.load(ENGINE, journal, SID);
    open(live);
    live.handle(new AdvancePhase(HOST), id("host/5"), T0.plusSeconds(60));
    live.handle(new DeclareGoal(ANA, "Posts planen", Optional.empty()), id("ana/2"), T0.plusSeconds(61));
    live.handle(new RaiseHand(ANA, "image-tools", "Canva?"), id("ana/3"), T0.plusSeconds(62));
    SessionState s = live.state();
    assertThat(s.goals()).isNotEmpty();
    assertThat(s.requests()).isNotEmpty();
    assertThat(s.completedPhases()).isNotEmpty();
    assertThat(s.members().get(BEN).earlierVisits()).isNotEmpty();
    SessionSnapshot snapshot = SessionSnapshot.of(s);
    assertThat(snapshot.state()).isEqualTo(s);
    assertThat(snapshot.state().members().keySet()).containsExactlyElementsOf(s.members().keySet());
    assertThat(List.of(snapshot.state().version(), (long) snapshot.state().goals().size()))
        .containsExactly(s.version(), (long) s.goals().size());
  }
}
