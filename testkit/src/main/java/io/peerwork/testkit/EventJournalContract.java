package io.peerwork.testkit;

import io.peerwork.core.Agenda;
import io.peerwork.core.AppendResult;
import io.peerwork.core.EventJournal;
import io.peerwork.core.GoalId;
import io.peerwork.core.GoalStatus;
import io.peerwork.core.HelpOutcome;
import io.peerwork.core.ParticipantId;
import io.peerwork.core.Phase;
import io.peerwork.core.PhaseKind;
import io.peerwork.core.RequestId;
import io.peerwork.core.Role;
import io.peerwork.core.SessionEvent;
import io.peerwork.core.SessionEvent.GoalEdited;
import io.peerwork.core.SessionId;
import io.peerwork.core.SessionPlan;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

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
 * as {@code "Grüße 👋"}) read back equal; an empty append only checks the version.
 *
 * <p>Journals that implement {@link AutoCloseable} are closed after each test (and after each try
 * of a property).
 */
public abstract class EventJournalContract extends JournalContract<EventJournal, SessionId, SessionEvent> {

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
        new SessionEvent.SessionRescheduled(T0.plusSeconds(18), T0.plusSeconds(86400)));
    return events;
  }

  /** A small event that carries {@code text}, to tell events apart. */
  protected static SessionEvent marker(String text) {
    return new GoalEdited(T0, GoalId.of("g1"), text);
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
