package io.peerwork.testkit.embedding;

import io.peerwork.core.Command;
import io.peerwork.core.EventJournal;
import io.peerwork.core.FormatRegistry;
import io.peerwork.core.GoalId;
import io.peerwork.core.GoalStatus;
import io.peerwork.core.HelpOutcome;
import io.peerwork.core.LiveSession;
import io.peerwork.core.ParticipantId;
import io.peerwork.core.Recap;
import io.peerwork.core.RequestId;
import io.peerwork.core.Role;
import io.peerwork.core.SessionEngine;
import io.peerwork.core.SessionId;
import io.peerwork.core.SessionPlan;
import io.peerwork.core.spi.TopicFormat;
import io.peerwork.testkit.ManualClock;
import io.peerwork.testkit.example.NewsletterCorner;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/** An application that runs one session with Peerwork's core, without Vert.x or any framework. */
public final class OneSession {
  private OneSession() {}

  /** Runs a short Newsletter Corner on {@code journal} and returns its recap. */
  public static Recap run(EventJournal journal) {
    // 1. Register the formats the application offers, explicitly.
    TopicFormat newsletter = new NewsletterCorner();
    SessionEngine engine = SessionEngine.builder().formats(FormatRegistry.of(newsletter)).build();

    // 2. Plan a session from the format's template.
    SessionId id = SessionId.of("newsletter-2027-03");
    ManualClock clock = ManualClock.at(Instant.parse("2027-03-02T08:00:00Z"));
    SessionPlan plan = new SessionPlan(id, newsletter.id(), "Newsletter-Ecke März", clock.instant(),
        ZoneId.of("Europe/Vienna"), newsletter.defaultCapacity(), newsletter.agenda(),
        newsletter.defaultQueuePolicy());

    // 3. One LiveSession per session: decide, append to the journal (durable first), evolve.
    LiveSession session = LiveSession.load(engine, journal, id);
    ParticipantId host = ParticipantId.of("host");
    ParticipantId expert = ParticipantId.of("eva");
    ParticipantId ana = ParticipantId.of("ana");
    session.handle(new Command.ScheduleSession(plan), clock.instant());
    session.handle(new Command.Join(host, "Hanna", Role.HOST), clock.instant());
    session.handle(new Command.Join(expert, "Eva", Role.EXPERT), clock.instant());
    session.handle(new Command.Tick(), clock.instant()); // the planned start has come: the lobby opens
    session.handle(new Command.Join(ana, "Ana", Role.PARTICIPANT), clock.instant());
    session.handle(new Command.StartSession(host), clock.instant());
    session.handle(new Command.DeclareGoal(ana, "Märzausgabe schreiben", Optional.of("write-issue")),
        clock.instant());

    // 4. Time passes; the application sends a Tick whenever the next deadline is due.
    clock.advanceMinutes(25); // arrival and goal round are over: the first focus block runs
    session.handle(new Command.Tick(), clock.instant());
    session.handle(new Command.RaiseHand(ana, "writing", "Betreffzeile zu lang?"), clock.instant());
    session.handle(new Command.ClaimNext(expert), clock.instant());
    clock.advanceMinutes(8);
    session.handle(new Command.FinishHelp(expert, RequestId.of("r1"), HelpOutcome.SOLVED), clock.instant());
    session.handle(new Command.MarkGoal(ana, GoalId.of("g1"), GoalStatus.DONE), clock.instant());

    // 5. Every rejection is a value with a stable code; nothing changes when one comes back.
    var rejected = session.handle(new Command.AdvancePhase(ana), clock.instant()).decision();
    if (rejected.isAccepted()) {
      throw new IllegalStateException("a participant must not run the agenda");
    }

    // 6. At the end, the recap.
    clock.advanceMinutes(5);
    session.handle(new Command.EndSession(host), clock.instant());
    return Recap.of(session.state());
  }
}
