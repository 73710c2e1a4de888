package org.example.embedding;

import io.peerwork.core.Command;
import io.peerwork.core.Decision;
import io.peerwork.core.EventJournal;
import io.peerwork.core.FormatRegistry;
import io.peerwork.core.GoalId;
import io.peerwork.core.GoalStatus;
import io.peerwork.core.HelpOutcome;
import io.peerwork.core.InMemoryEventJournal;
import io.peerwork.core.LiveSession;
import io.peerwork.core.ParticipantId;
import io.peerwork.core.PhaseKind;
import io.peerwork.core.Recap;
import io.peerwork.core.RequestId;
import io.peerwork.core.Role;
import io.peerwork.core.SessionEngine;
import io.peerwork.core.SessionEvent;
import io.peerwork.core.SessionId;
import io.peerwork.core.SessionPlan;
import io.peerwork.core.spi.TopicFormat;
import io.peerwork.formats.socialmedia.SocialMediaKitchen;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.function.Consumer;

/** An application that runs one session with Peerwork's core, without Vert.x or any framework. */
public final class OneSession {
  private final LiveSession session;
  private final Consumer<String> print;

  private OneSession(LiveSession session, Consumer<String> print) {
    this.session = session;
    this.print = print;
  }

  /** Runs a short Social Media Kitchen in memory and prints every decision. */
  public static void main(String[] args) {
    Recap recap = run(new InMemoryEventJournal(), System.out::println);
    System.out.println(recap);
  }

  /** Runs a short Social Media Kitchen on {@code journal}, hands every decision to {@code print}, returns the recap. */
  public static Recap run(EventJournal journal, Consumer<String> print) {
    // 1. Register the formats the application offers, explicitly.
    TopicFormat kitchen = new SocialMediaKitchen();
    SessionEngine engine = SessionEngine.builder().formats(FormatRegistry.of(kitchen)).build();

    // 2. Plan a session from the format's template, starting now.
    SessionId id = SessionId.of("kitchen-2027-03");
    Instant now = Clock.systemUTC().instant();
    SessionPlan plan = new SessionPlan(id, kitchen.id(), "Social Media Küche März", now,
        ZoneId.of("Europe/Vienna"), kitchen.defaultCapacity(), kitchen.agenda(), kitchen.defaultQueuePolicy());

    // 3. One LiveSession per session: decide, append to the journal (durable first), evolve.
    OneSession app = new OneSession(LiveSession.load(engine, journal, id), print);
    ParticipantId host = ParticipantId.of("host");
    ParticipantId expert = ParticipantId.of("eva");
    ParticipantId ana = ParticipantId.of("ana");
    app.accept(new Command.ScheduleSession(plan), now);
    app.accept(new Command.Join(host, "Hanna", Role.HOST), now);
    app.accept(new Command.Join(expert, "Eva", Role.EXPERT), now);
    app.accept(new Command.Tick(), now); // the planned start has come: the lobby opens
    app.accept(new Command.Join(ana, "Ana", Role.PARTICIPANT), now);
    app.accept(new Command.StartSession(host), now);
    app.accept(new Command.DeclareGoal(ana, "Posts für März planen", Optional.of("write-and-schedule-posts")), now);

    // 4. Time passes. A timer sends a Tick at each deadline; here the deadline is passed as `now`
    //    until the agenda reaches its first focus block, whatever phases come before it.
    while (app.session.state().currentPhase().orElseThrow().phase().kind() != PhaseKind.FOCUS_BLOCK) {
      now = app.session.state().nextDeadline().orElseThrow();
      app.accept(new Command.Tick(), now);
    }
    app.accept(new Command.RaiseHand(ana, "scheduling-tools", "Wie plane ich Posts im Voraus?"), now);
    app.accept(new Command.ClaimNext(expert), now);
    now = now.plus(Duration.ofMinutes(8));
    app.accept(new Command.FinishHelp(expert, RequestId.of("r1"), HelpOutcome.SOLVED), now);
    app.accept(new Command.MarkGoal(ana, GoalId.of("g1"), GoalStatus.DONE), now);

    // 5. Every rejection is a value with a stable code; nothing changes when one comes back.
    if (app.handle(new Command.AdvancePhase(ana), now).isAccepted()) {
      throw new IllegalStateException("a participant must not run the agenda");
    }

    // 6. At the end, the recap.
    now = now.plus(Duration.ofMinutes(5));
    app.accept(new Command.EndSession(host), now);
    return Recap.of(app.session.state());
  }

  /** Handles {@code command} at {@code now} and prints the decision: the events, or the rejection's code and message. */
  private Decision handle(Command command, Instant now) {
    Decision decision = session.handle(command, now).decision();
    String name = command.getClass().getSimpleName();
    if (decision instanceof Decision.Rejected rejected) {
      print.accept(name + " rejected: " + rejected.code() + " (" + rejected.rejection().message() + ")");
    } else {
      print.accept(name + " accepted: "
          + decision.events().stream().map(SessionEvent::getClass).map(Class::getSimpleName).toList());
    }
    return decision;
  }

  /** Handles a command the application expects to succeed; a rejection is a bug, so it stops. */
  private void accept(Command command, Instant now) {
    if (handle(command, now) instanceof Decision.Rejected rejected) {
      throw new IllegalStateException(command.getClass().getSimpleName() + " was rejected: " + rejected.rejection());
    }
  }
}
