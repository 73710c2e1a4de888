package io.peerwork.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerwork.core.Agenda;
import io.peerwork.core.AppendResult;
import io.peerwork.core.CommandId;
import io.peerwork.core.Erasure;
import io.peerwork.core.EventJournal;
import io.peerwork.core.EventRewriter;
import io.peerwork.core.GoalId;
import io.peerwork.core.GoalStatus;
import io.peerwork.core.HelpOutcome;
import io.peerwork.core.JournalException;
import io.peerwork.core.ParticipantId;
import io.peerwork.core.Phase;
import io.peerwork.core.PhaseKind;
import io.peerwork.core.RecordedEvent;
import io.peerwork.core.RequestId;
import io.peerwork.core.Role;
import io.peerwork.core.SessionEvent;
import io.peerwork.core.SessionEvent.GoalEdited;
import io.peerwork.core.SessionId;
import io.peerwork.core.SessionEngine;
import io.peerwork.core.SessionPlan;
import io.peerwork.core.SessionSnapshot;
import io.peerwork.core.SnapshotStore;
import io.peerwork.core.StreamOwners;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link EventJournal} passes: extend this class in a test of your journal and
 * implement {@link #newJournal()}. Runs on JUnit Jupiter (plus one jqwik property, so the jqwik
 * engine should be on the test class path too).
 *
 * <pre>{@code
 * class MyJournalContractTest extends EventJournalContract {
 *   @Override
 *   protected EventJournal newJournal() {
 *     return new MyJournal(freshDatabase());
 *   }
 * }
 * }</pre>
 *
 * <p>What it checks: append, read, version and sessions; that an append with the wrong expected
 * version returns a {@link AppendResult.Conflict} and writes nothing, not even part of a batch;
 * reads in version order without gaps from any version; sessions independent of each other; real
 * threads appending to one session with the same expected version (exactly one wins, nothing is
 * lost or duplicated, readers never see half an append); every event type and awkward text (such
 * as {@code "Grüße 👋"}) read back equal; an empty append only checks the version. Command ids: an
 * append's id is read back on its last event only; an append whose id the session holds already
 * stores nothing and answers {@link AppendResult.Duplicate} (even with a wrong expected version);
 * the same id in another session is another command; appends without an id never collide; of
 * threads racing to append one command id, exactly one stores it. Owners and fences (for a journal
 * with {@link EventJournal#owners()}; skipped for one without): takes raise a stream's epoch by one
 * from 1 and name the last taker; a fenced append at the current epoch is stored (a stored command
 * id is still a duplicate), one fenced by an epoch taken since throws {@link
 * JournalException.Fenced} and stores nothing, whatever its version; a stream never taken takes no
 * fenced append; a fenced journal appends to its own stream only; fences of one stream leave the
 * others alone; and threads appending by an old epoch while the stream is taken store nothing
 * once the take has returned, and lose nothing they were told was stored. Rewrites (for a journal
 * with {@link EventJournal#rewriter()}; skipped for one without): the changed events are read back
 * in place, at their versions and with their command ids, the session goes on from its version,
 * other sessions are untouched; a change that alters the number or types of events throws {@link
 * IllegalArgumentException} and stores nothing, nor does a change that fails; the same erasure twice
 * changes nothing the second time; and a rewrite drops the session's snapshots (if the journal
 * keeps any), even when no event changed, and only that session's.
 *
 * <p>Journals that implement {@link AutoCloseable} are closed after each test (and after each try
 * of a property).
 */
public abstract class EventJournalContract extends JournalContract<EventJournal, SessionId, SessionEvent> {
  /** For the test class that extends it. */
  protected EventJournalContract() {}

  /**
   * A new, empty journal: no session has an event. Called once per test, and once per try of a
   * property. It may share a database with journals made before, as long as it starts empty and
   * journals made before are not used again.
   */
  @Override
  protected abstract EventJournal newJournal();

  /** One event of every {@link SessionEvent} type, with ids and texts that differ. */
  public static List<SessionEvent> oneOfEveryEventType() {
    ParticipantId ana = ParticipantId.of("ana");
    ParticipantId eva = ParticipantId.of("eva");
    var plan = new SessionPlan(SessionId.of("smk-2026-03-03"), "social-media-kitchen",
        "Social Media Kitchen, März", T0, ZoneId.of("Europe/Vienna"), 12,
        Agenda.of(Phase.of(PhaseKind.ARRIVAL, 10), Phase.of(PhaseKind.GOAL_ROUND, 15),
            Phase.of(PhaseKind.FOCUS_BLOCK, 50), Phase.of(PhaseKind.BREAK, 10),
            Phase.of(PhaseKind.EXPERT_INPUT, 20), Phase.of(PhaseKind.CLOSING_ROUND, 15)),
        "fair");
    List<SessionEvent> events = List.of(
        new SessionEvent.SessionScheduled(T0, plan),
        new SessionEvent.SessionOpened(T0.plusSeconds(1), Optional.of(ana)),
        new SessionEvent.SessionStarted(T0.plusSeconds(2), ana),
        new SessionEvent.PhaseAdvanced(T0.plusSeconds(3), 0, 1, Optional.empty()),
        new SessionEvent.PhaseExtended(T0.plusSeconds(4), 1, Duration.ofMinutes(5), ana),
        new SessionEvent.ParticipantJoined(T0.plusSeconds(5), eva, "Eva Müller-Lüdenscheidt", Role.EXPERT),
        new SessionEvent.ParticipantLeft(T0.plusSeconds(6), eva),
        new SessionEvent.GoalDeclared(T0.plusSeconds(7), GoalId.of("g1"), ana, 2, "Posts für März planen",
            Optional.of("plan-posts")),
        new SessionEvent.GoalEdited(T0.plusSeconds(8), GoalId.of("g1"), "Grüße 👋 an alle"),
        new SessionEvent.GoalMarked(T0.plusSeconds(9), GoalId.of("g1"), GoalStatus.PARTLY_DONE),
        new SessionEvent.GoalsCarriedOver(T0.plusSeconds(10), List.of(GoalId.of("g1"), GoalId.of("g2"))),
        new SessionEvent.HandRaised(T0.plusSeconds(11), RequestId.of("r1"), ana, "image-tools", "Canva?"),
        new SessionEvent.HandWithdrawn(T0.plusSeconds(12), RequestId.of("r1")),
        new SessionEvent.HelpClaimed(T0.plusSeconds(13), RequestId.of("r2"), eva),
        new SessionEvent.HelpReleased(T0.plusSeconds(14), RequestId.of("r2")),
        new SessionEvent.HelpFinished(T0.plusSeconds(15), RequestId.of("r2"), HelpOutcome.FOLLOW_UP),
        new SessionEvent.SessionEnded(T0.plusSeconds(16), Optional.empty()),
        new SessionEvent.SessionCancelled(T0.plusSeconds(17), java.util.Optional.of(ana), "Krankheit – sorry!"),
        new SessionEvent.SessionRescheduled(T0.plusSeconds(18), T0.plusSeconds(86400)),
        new SessionEvent.MemberRemoved(T0.plusSeconds(19), eva, Optional.of(ana), "Werbung – bitte nicht"),
        new SessionEvent.MemberReadmitted(T0.plusSeconds(20), eva, Optional.empty()),
        new SessionEvent.SeatReleased(T0.plusSeconds(21), ana, io.peerwork.core.SeatReleaseReason.NEVER_CONNECTED),
        new SessionEvent.NoShowMinutesSet(T0.plusSeconds(22), 15, ana),
        new SessionEvent.InviteRevoked(T0.plusSeconds(23), Role.PARTICIPANT, 1, ana),
        new SessionEvent.HelpPlaceSet(T0.plusSeconds(24), eva, "https://meet.example.org/raum-2?lang=de#start"),
        new SessionEvent.HelpHeld(T0.plusSeconds(25), RequestId.of("r1"), eva, Optional.of(T0.plusSeconds(625))),
        new SessionEvent.HoldEnded(T0.plusSeconds(26), RequestId.of("r1"), Optional.empty()),
        new SessionEvent.RequestJoined(T0.plusSeconds(27), RequestId.of("r1"), ana, "ich auch 🙋"),
        new SessionEvent.RequestLeft(T0.plusSeconds(28), RequestId.of("r1"), ana),
        new SessionEvent.QueueStateSet(T0.plusSeconds(29), io.peerwork.core.QueueStatus.PAUSED, "Zurück um 10:30", eva),
        new SessionEvent.AnnouncementPosted(T0.plusSeconds(30), eva, "Vorlagen im Chat\nbitte öffnen",
            io.peerwork.core.Announcement.Audience.WAITING),
        new SessionEvent.AnnouncementRemoved(T0.plusSeconds(31), eva),
        new SessionEvent.HelpRated(T0.plusSeconds(32), RequestId.of("r1"), ana, io.peerwork.core.HelpFeedback.NOT_YET),
        new SessionEvent.ExpertTopicsSet(T0.plusSeconds(33), eva, List.of("image-tools", "content-ideas")),
        new SessionEvent.PeerOfferSet(T0.plusSeconds(34), ana, List.of()),
        new SessionEvent.PeerHelpStarted(T0.plusSeconds(35), RequestId.of("r1"), ana),
        new SessionEvent.PeerHelpDeclined(T0.plusSeconds(36), RequestId.of("r1")));
    return events;
  }

  /** A small event that carries {@code text}, to tell events apart. */
  protected static SessionEvent marker(String text) {
    return new GoalEdited(T0, GoalId.of("g1"), text);
  }

  // ---------------------------------------------------------------- command ids

  private static final SessionId S1 = SessionId.of("commands-a");
  private static final SessionId S2 = SessionId.of("commands-b");

  private static List<SessionEvent> markers(String prefix, int count) {
    return IntStream.rangeClosed(1, count).mapToObj(i -> marker(prefix + i)).collect(Collectors.toList());
  }

  private static Optional<CommandId> command(String id) {
    return Optional.of(CommandId.of(id));
  }

  @Test
  void aCommandIdIsReadBackOnTheLastEventOfItsAppend() {
    EventJournal journal = openJournal();

    assertThat(journal.append(S1, 0, markers("a", 3), command("ana/1"))).isEqualTo(new AppendResult.Appended(3));
    assertThat(journal.append(S1, 3, markers("b", 1))).isEqualTo(new AppendResult.Appended(4));
    assertThat(journal.append(S1, 4, markers("c", 1), command("ben/1"))).isEqualTo(new AppendResult.Appended(5));
    assertThat(journal.append(S1, 5, markers("d", 2), Optional.empty())).isEqualTo(new AppendResult.Appended(7));

    assertThat(journal.readAll(S1)).extracting(RecordedEvent::commandId).containsExactly(
        Optional.empty(), Optional.empty(), command("ana/1"), Optional.empty(), command("ben/1"),
        Optional.empty(), Optional.empty());
    assertThat(journal.read(S1, 2)).first().isEqualTo(new RecordedEvent(S1, 3, marker("a3"), command("ana/1")));
    assertThat(journal.readAll(S1)).extracting(RecordedEvent::event)
        .containsExactlyElementsOf(concat(markers("a", 3), markers("b", 1), markers("c", 1), markers("d", 2)));
  }

  @Test
  void anAppendWithAStoredCommandIdIsADuplicateAndStoresNothing() {
    EventJournal journal = openJournal();
    journal.append(S1, 0, markers("first", 2), command("ana/7"));
    journal.append(S1, 2, markers("second", 1), command("ana/8"));
    List<RecordedEvent> before = journal.readAll(S1);

    // At the right version, behind it, ahead of it, empty: the id is known, nothing is stored.
    assertThat(journal.append(S1, 3, markers("again", 2), command("ana/7")))
        .isEqualTo(new AppendResult.Duplicate(CommandId.of("ana/7"), 2));
    assertThat(journal.append(S1, 0, markers("again", 1), command("ana/7")))
        .isEqualTo(new AppendResult.Duplicate(CommandId.of("ana/7"), 2));
    assertThat(journal.append(S1, 9, markers("again", 1), command("ana/8")))
        .isEqualTo(new AppendResult.Duplicate(CommandId.of("ana/8"), 3));
    assertThat(journal.append(S1, 3, List.of(), command("ana/8")))
        .isEqualTo(new AppendResult.Duplicate(CommandId.of("ana/8"), 3));

    assertThat(journal.readAll(S1)).isEqualTo(before);
    assertThat(journal.version(S1)).isEqualTo(3);
    // The stream goes on, and a new id is stored.
    assertThat(journal.append(S1, 3, markers("third", 1), command("ana/9"))).isEqualTo(new AppendResult.Appended(4));
  }

  @Test
  void aConflictingAppendStoresNotItsCommandId() {
    EventJournal journal = openJournal();
    journal.append(S1, 0, markers("e", 2));

    assertThat(journal.append(S1, 1, markers("stale", 1), command("ana/1"))).isEqualTo(new AppendResult.Conflict(1, 2));
    assertThat(journal.append(S1, 2, List.of(), command("ana/1"))).as("an empty append stores no id either")
        .isEqualTo(new AppendResult.Appended(2));

    assertThat(journal.append(S1, 2, markers("now", 1), command("ana/1"))).isEqualTo(new AppendResult.Appended(3));
    assertThat(journal.readAll(S1)).extracting(RecordedEvent::commandId)
        .containsExactly(Optional.empty(), Optional.empty(), command("ana/1"));
  }

  @Test
  void theSameCommandIdInTwoSessionsIsTwoCommands() {
    EventJournal journal = openJournal();

    assertThat(journal.append(S1, 0, markers("a", 1), command("ana/1"))).isEqualTo(new AppendResult.Appended(1));
    assertThat(journal.append(S2, 0, markers("b", 2), command("ana/1"))).isEqualTo(new AppendResult.Appended(2));

    assertThat(journal.readAll(S1)).containsExactly(new RecordedEvent(S1, 1, marker("a1"), command("ana/1")));
    assertThat(journal.readAll(S2)).extracting(RecordedEvent::commandId).containsExactly(Optional.empty(), command("ana/1"));
  }

  @Test
  void commandIdsAreMatchedExactly() {
    EventJournal journal = openJournal();
    // Ids that a case-insensitive collation, trimming or a careless LIKE would mix up.
    List<String> ids = List.of("ana/1", "Ana/1", "ana/1 ", " ana/1", "ana/%", "ana/_", "ana/10", "Grüße 👋/1",
        "x".repeat(CommandId.MAX_LENGTH));
    long v = 0;
    for (String id : ids) {
      assertThat(journal.append(S1, v, markers(id, 1), command(id))).as(id).isEqualTo(new AppendResult.Appended(++v));
    }
    assertThat(journal.readAll(S1)).extracting(r -> r.commandId().orElseThrow().value()).containsExactlyElementsOf(ids);
    for (int i = 0; i < ids.size(); i++) {
      assertThat(journal.append(S1, v, markers("again", 1), command(ids.get(i)))).as(ids.get(i))
          .isEqualTo(new AppendResult.Duplicate(CommandId.of(ids.get(i)), i + 1));
    }
  }

  @Test
  void appendsWithoutACommandIdAreNotAffected() {
    EventJournal journal = openJournal();
    long v = 0;
    for (int i = 0; i < 5; i++) {
      // Many rows without an id, in one stream and across appends, among rows with ids.
      assertThat(journal.append(S1, v, markers("plain" + i + "-", 2))).isEqualTo(new AppendResult.Appended(v + 2));
      v += 2;
      assertThat(journal.append(S1, v, markers("id" + i + "-", 1), command("c" + i)))
          .isEqualTo(new AppendResult.Appended(v + 1));
      v += 1;
      assertThat(journal.append(S1, v, markers("none" + i + "-", 1), Optional.empty()))
          .isEqualTo(new AppendResult.Appended(v + 1));
      v += 1;
    }
    assertThat(journal.append(S1, 3, markers("stale", 1))).isEqualTo(new AppendResult.Conflict(3, v));
    assertThat(journal.readAll(S1)).hasSize((int) v)
        .filteredOn(r -> r.commandId().isPresent()).extracting(RecordedEvent::version).containsExactly(3L, 7L, 11L, 15L, 19L);
  }

  @Test
  void ofThreadsRacingToAppendOneCommandIdExactlyOneStoresIt() throws Exception {
    EventJournal journal = openJournal();
    int threads = 6;
    int rounds = 10;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int round = 0; round < rounds; round++) {
        CommandId id = CommandId.of("ana/" + round);
        var barrier = new CyclicBarrier(threads);
        var futures = new ArrayList<Future<AppendResult>>();
        for (int t = 0; t < threads; t++) {
          List<SessionEvent> mine = markers("round" + round + "-thread" + t + "-", 1 + t % 2);
          futures.add(pool.submit(() -> {
            barrier.await(30, TimeUnit.SECONDS);
            // As a client whose retries go to any writer: on a conflict, read the version and retry.
            while (true) {
              AppendResult r = journal.append(S1, journal.version(S1), mine, Optional.of(id));
              if (!(r instanceof AppendResult.Conflict)) {
                return r;
              }
            }
          }));
        }
        var results = new ArrayList<AppendResult>();
        for (Future<AppendResult> f : futures) {
          results.add(f.get(60, TimeUnit.SECONDS));
        }
        List<AppendResult> appended = results.stream().filter(r -> r instanceof AppendResult.Appended).toList();
        assertThat(appended).as("round %d: %s", round, results).hasSize(1);
        long at = ((AppendResult.Appended) appended.get(0)).version();
        assertThat(results).filteredOn(r -> !(r instanceof AppendResult.Appended))
            .containsOnly(new AppendResult.Duplicate(id, at));
      }
      List<RecordedEvent> all = journal.readAll(S1);
      assertThat(all.stream().flatMap(r -> r.commandId().stream()).toList())
          .as("each id once").doesNotHaveDuplicates().hasSize(rounds);
      assertThat(all).extracting(RecordedEvent::version)
          .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, all.size()).boxed().toList());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aFencedAppendWithAStoredCommandIdIsADuplicateWhileItsEpochIsCurrent() {
    EventJournal journal = openJournal();
    Optional<StreamOwners> owners = journal.owners();
    org.junit.jupiter.api.Assumptions.assumeTrue(owners.isPresent(), "this journal cannot fence appends");
    StreamOwners.Stream stream = StreamOwners.Stream.of(S1);
    long epoch = owners.get().take(stream, "node-1");
    EventJournal owner = journal.fenced(S1, epoch);
    assertThat(owner.append(S1, 0, markers("first", 2), command("ana/1"))).isEqualTo(new AppendResult.Appended(2));

    assertThat(owner.append(S1, 2, markers("again", 1), command("ana/1")))
        .isEqualTo(new AppendResult.Duplicate(CommandId.of("ana/1"), 2));
    assertThat(owner.append(S1, 0, markers("again", 1), command("ana/1")))
        .isEqualTo(new AppendResult.Duplicate(CommandId.of("ana/1"), 2));
    assertThat(owner.commandVersion(S1, CommandId.of("ana/1"))).contains(2L);

    // Once the session is taken again, the old owner is refused, duplicate or not; the new one is told.
    long next = owners.get().take(stream, "node-2");
    assertThatThrownBy(() -> owner.append(S1, 2, markers("again", 1), command("ana/1")))
        .isInstanceOf(JournalException.Fenced.class);
    assertThat(journal.fenced(S1, next).append(S1, 2, markers("again", 1), command("ana/1")))
        .isEqualTo(new AppendResult.Duplicate(CommandId.of("ana/1"), 2));
    assertThat(journal.readAll(S1)).extracting(RecordedEvent::commandId).containsExactly(Optional.empty(), command("ana/1"));
  }

  // ---------------------------------------------------------------- rewrites (for erasure)

  private static final ParticipantId ZOE = ParticipantId.of("zoe");
  private static final String ZOES_NAME = "Zoe Quastenflosser";
  private static final String ZOES_GOAL = "Angebot für Quastenflosser-Tauchreisen schreiben";

  /** A short session in which Zoe joins, declares and edits a goal and raises her hand; Ana too. */
  private static List<SessionEvent> zoesSession(SessionId id) {
    ParticipantId ana = ParticipantId.of("ana");
    var plan = new SessionPlan(id, "social-media-kitchen", "Social Media Kitchen, März", T0,
        ZoneId.of("Europe/Vienna"), 12, Agenda.of(Phase.of(PhaseKind.ARRIVAL, 10), Phase.of(PhaseKind.GOAL_ROUND, 15),
            Phase.of(PhaseKind.FOCUS_BLOCK, 50)), "fair");
    return List.of(
        new SessionEvent.SessionScheduled(T0, plan),
        new SessionEvent.SessionOpened(T0.plusSeconds(1), Optional.of(ana)),
        new SessionEvent.ParticipantJoined(T0.plusSeconds(2), ana, "Ana", Role.HOST),
        new SessionEvent.ParticipantJoined(T0.plusSeconds(3), ZOE, ZOES_NAME, Role.PARTICIPANT),
        new SessionEvent.SessionStarted(T0.plusSeconds(4), ana),
        new SessionEvent.PhaseAdvanced(T0.plusSeconds(5), 0, 1, Optional.empty()),
        new SessionEvent.GoalDeclared(T0.plusSeconds(6), GoalId.of("g1"), ZOE, 2, ZOES_GOAL, Optional.empty()),
        new SessionEvent.GoalDeclared(T0.plusSeconds(7), GoalId.of("g2"), ana, 2, "Newsletter", Optional.empty()),
        new GoalEdited(T0.plusSeconds(8), GoalId.of("g1"), ZOES_GOAL + " (Entwurf)"),
        new SessionEvent.HandRaised(T0.plusSeconds(9), RequestId.of("r1"), ZOE, "image-tools", "Reels für Quastenflosser?"));
  }

  /** The events of {@code session} appended in three appends, each with a command id. */
  private static List<SessionEvent> appendZoesSession(EventJournal journal, SessionId session) {
    List<SessionEvent> events = zoesSession(session);
    assertThat(journal.append(session, 0, events.subList(0, 3), command("host/1"))).isEqualTo(new AppendResult.Appended(3));
    assertThat(journal.append(session, 3, events.subList(3, 7), command("zoe/1"))).isEqualTo(new AppendResult.Appended(7));
    assertThat(journal.append(session, 7, events.subList(7, 10))).isEqualTo(new AppendResult.Appended(10));
    return events;
  }

  @Test
  void anErasureThroughTheRewriterKeepsVersionsAndCommandIdsAndASecondChangesNothing() {
    EventJournal journal = openJournal();
    EventRewriter rewriter = rewriterOrSkip(journal.rewriter());
    List<SessionEvent> events = appendZoesSession(journal, S1);
    appendZoesSession(journal, S2);
    List<SessionEvent> erased = Erasure.session(events, ZOE);

    assertThat(rewriter.rewrite(S1, e -> Erasure.session(e, ZOE))).isEqualTo(4);

    List<RecordedEvent> now = journal.readAll(S1);
    assertThat(now).extracting(RecordedEvent::event).containsExactlyElementsOf(erased);
    assertThat(now).extracting(RecordedEvent::version).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
    assertThat(now).extracting(RecordedEvent::commandId).containsExactly(Optional.empty(), Optional.empty(),
        command("host/1"), Optional.empty(), Optional.empty(), Optional.empty(), command("zoe/1"),
        Optional.empty(), Optional.empty(), Optional.empty());
    assertThat(now.toString()).doesNotContain("Quastenflosser");
    assertThat(journal.readAll(S2)).as("another session").extracting(RecordedEvent::event)
        .containsExactlyElementsOf(zoesSession(S2));
    // The command ids still answer as before.
    assertThat(journal.commandVersion(S1, CommandId.of("zoe/1"))).contains(7L);
    assertThat(journal.append(S1, 3, markers("again", 1), command("zoe/1")))
        .isEqualTo(new AppendResult.Duplicate(CommandId.of("zoe/1"), 7));

    assertThat(rewriter.rewrite(S1, e -> Erasure.session(e, ZOE))).as("the same erasure again").isZero();
    assertThat(journal.readAll(S1)).isEqualTo(now);
  }

  @Test
  void aRewriteDropsTheSessionsSnapshotsAndNoOther() {
    EventJournal journal = openJournal();
    EventRewriter rewriter = rewriterOrSkip(journal.rewriter());
    org.junit.jupiter.api.Assumptions.assumeTrue(journal.snapshots().isPresent(), "this journal keeps no snapshots");
    SnapshotStore snapshots = journal.snapshots().get();
    var engine = SessionEngine.builder().build();
    List<SessionEvent> events = appendZoesSession(journal, S1);
    appendZoesSession(journal, S2);
    SessionSnapshot one = SessionSnapshot.of(engine.replay(S1, events));
    SessionSnapshot two = SessionSnapshot.of(engine.replay(S2, zoesSession(S2)));
    snapshots.save(one);
    snapshots.save(two);
    assertThat(snapshots.latest(S1)).contains(one);

    assertThat(rewriter.rewrite(S1, e -> Erasure.session(e, ZOE))).isEqualTo(4);

    assertThat(snapshots.latest(S1)).as("the snapshot held Zoe's name").isEmpty();
    assertThat(snapshots.latest(S2)).contains(two);
    // Also when no event changes: a snapshot saved since may hold the old state.
    snapshots.save(one);
    assertThat(rewriter.rewrite(S1, e -> Erasure.session(e, ZOE))).isZero();
    assertThat(snapshots.latest(S1)).isEmpty();
    assertThat(engine.replay(S1, journal.readAll(S1).stream().map(RecordedEvent::event).toList())
        .member(ZOE).orElseThrow().displayName()).isEqualTo(Erasure.ERASED);
  }

  @SafeVarargs
  private static List<SessionEvent> concat(List<SessionEvent>... lists) {
    var out = new ArrayList<SessionEvent>();
    for (List<SessionEvent> l : lists) {
      out.addAll(l);
    }
    return out;
  }

  @Override
  final Streams<SessionId, SessionEvent> streams(EventJournal journal) {
    return new Streams<>() {
      @Override
      public AppendResult append(SessionId id, long expectedVersion, List<? extends SessionEvent> events) {
        return journal.append(id, expectedVersion, events);
      }

      @Override
      public List<Stored<SessionId, SessionEvent>> read(SessionId id, long afterVersion) {
        return journal.read(id, afterVersion).stream()
            .map(r -> new Stored<>(r.session(), r.version(), r.event())).toList();
      }

      @Override
      public long version(SessionId id) {
        return journal.version(id);
      }

      @Override
      public List<SessionId> ids() {
        return journal.sessions();
      }

      @Override
      public Optional<StreamOwners> owners() {
        return journal.owners();
      }

      @Override
      public Streams<SessionId, SessionEvent> fenced(SessionId id, long epoch) {
        return streams(journal.fenced(id, epoch));
      }

      @Override
      public StreamOwners.Stream stream(SessionId id) {
        return StreamOwners.Stream.of(id);
      }

      @Override
      public Optional<Rewriter<SessionId, SessionEvent>> rewriter() {
        return journal.rewriter().<Rewriter<SessionId, SessionEvent>>map(r -> r::rewrite);
      }
    };
  }

  @Override
  final SessionId id(String text) {
    return SessionId.of(text);
  }

  @Override
  final SessionEvent marker(Instant at, String text) {
    return new GoalEdited(at, GoalId.of("g1"), text);
  }

  @Override
  final String textOf(SessionEvent marker) {
    return ((GoalEdited) marker).text();
  }

  @Override
  final Class<SessionEvent> eventType() {
    return SessionEvent.class;
  }

  @Override
  final List<SessionEvent> everyType() {
    return oneOfEveryEventType();
  }

  @Override
  final List<SessionEvent> withText(String text) {
    return List.of(
        new SessionEvent.ParticipantJoined(T0, ParticipantId.of("zoe"), text, Role.HOST),
        new SessionEvent.HandRaised(T0, RequestId.of("r1"), ParticipantId.of("zoe"), "topic", text));
  }

  @Override
  final Arbitrary<SessionEvent> events(Arbitrary<String> texts) {
    return Combinators.combine(texts, Arbitraries.integers().between(0, 3))
        .as((text, kind) -> switch (kind) {
          case 0 -> new GoalEdited(T0, GoalId.of("g1"), text);
          case 1 -> new SessionEvent.HandRaised(T0, RequestId.of("r1"), ParticipantId.of("ana"), "t", text);
          case 2 -> new SessionEvent.GoalDeclared(T0, GoalId.of("g2"), ParticipantId.of("bo"), 1, text, Optional.empty());
          default -> new SessionEvent.SessionCancelled(T0, java.util.Optional.of(ParticipantId.of("ana")), text);
        });
  }
}
