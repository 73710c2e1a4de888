package io.peerwork.core;

import static io.peerwork.core.RejectionCode.*;
import static io.peerwork.core.Verdicts.*;

import io.peerwork.core.Command.AdvancePhase;
import io.peerwork.core.Command.CallOffSession;
import io.peerwork.core.Command.CancelSession;
import io.peerwork.core.Command.EndSession;
import io.peerwork.core.Command.ExtendPhase;
import io.peerwork.core.Command.OpenSession;
import io.peerwork.core.Command.RescheduleSession;
import io.peerwork.core.Command.ScheduleSession;
import io.peerwork.core.Command.StartSession;
import io.peerwork.core.SessionEvent.GoalsCarriedOver;
import io.peerwork.core.SessionEvent.PhaseAdvanced;
import io.peerwork.core.SessionEvent.PhaseExtended;
import io.peerwork.core.SessionEvent.SessionCancelled;
import io.peerwork.core.SessionEvent.SessionEnded;
import io.peerwork.core.SessionEvent.SessionOpened;
import io.peerwork.core.SessionEvent.SessionScheduled;
import io.peerwork.core.SessionEvent.SessionStarted;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The session's lifecycle and agenda: scheduling, moving and calling off a session, opening the
 * lobby, starting, advancing, extending and ending phases, cancelling, and the clock's ticks.
 */
final class LifecycleDecider {
  static final int MAX_EXTENSION_MINUTES = 120;
  static final Duration MAX_PHASE_LENGTH = Duration.ofHours(8);

  private final SessionEngine engine;

  LifecycleDecider(SessionEngine engine) {
    this.engine = engine;
  }

  Decision schedule(SessionState s, ScheduleSession cmd, Instant at) {
    SessionPlan plan = cmd.plan();
    if (s.status() != SessionStatus.UNSCHEDULED) {
      return reject(SESSION_ALREADY_EXISTS, "session " + s.id() + " is scheduled already");
    }
    if (!plan.id().equals(s.id())) {
      return reject(SESSION_ID_MISMATCH, "plan is for session " + plan.id() + ", not " + s.id());
    }
    if (engine.formats().find(plan.formatId()).isEmpty()) {
      return reject(UNKNOWN_FORMAT, "no format '" + plan.formatId() + "'; known: " + engine.formats().ids());
    }
    if (engine.queuePolicy(plan.queuePolicyId()).isEmpty()) {
      return reject(UNKNOWN_QUEUE_POLICY, "no queue policy '" + plan.queuePolicyId() + "'");
    }
    Decision refused = refuse(TextRules.Field.TITLE, plan.title(), INVALID_TITLE);
    if (refused != null) {
      return refused;
    }
    if (!PlanningWindow.contains(plan.plannedStart(), at)) {
      return outOfRange(plan.plannedStart(), at);
    }
    return accept(new SessionScheduled(at, new SessionPlan(plan.id(), plan.formatId(), TextRules.normalize(plan.title()),
        plan.plannedStart(), plan.zone(), plan.capacity(), plan.agenda(), plan.queuePolicyId())));
  }

  Decision tick(SessionState s, Instant now) {
    if (s.status() == SessionStatus.SCHEDULED) {
      return now.isBefore(s.requirePlan().plannedStart())
          ? accept()
          : accept(new SessionOpened(now, Optional.empty()));
    }
    if (s.status() != SessionStatus.RUNNING) {
      return new Decision.Accepted(HelpQueueDecider.holdsDue(s, now));
    }
    // Catch up every deadline that has passed; each phase begins when the one before was due to end.
    var events = new ArrayList<SessionEvent>();
    SessionState state = s;
    while (state.status() == SessionStatus.RUNNING) {
      CurrentPhase cur = state.currentPhase().orElseThrow();
      if (now.isBefore(cur.endsAt())) {
        break;
      }
      Instant boundary = state.lastEventAt().filter(last -> last.isAfter(cur.endsAt())).orElse(cur.endsAt());
      List<SessionEvent> step = cur.index() + 1 < state.requirePlan().agenda().size()
          ? advanceEvents(state, boundary, Optional.empty())
          : endEvents(state, boundary, Optional.empty());
      for (SessionEvent e : step) {
        state = state.apply(e);
      }
      events.addAll(step);
    }
    if (!state.status().isFinal()) {
      events.addAll(HelpQueueDecider.holdsDue(state, state.lastEventAt().filter(now::isBefore).orElse(now)));
    }
    return new Decision.Accepted(events);
  }

  Decision reschedule(SessionState s, RescheduleSession cmd, Instant at) {
    if (s.status() != SessionStatus.SCHEDULED) {
      return reject(SESSION_ALREADY_OPEN, "only a session that has not opened can be moved");
    }
    if (!PlanningWindow.contains(cmd.plannedStart(), at)) {
      return outOfRange(cmd.plannedStart(), at);
    }
    return cmd.plannedStart().equals(s.requirePlan().plannedStart())
        ? accept()
        : accept(new SessionEvent.SessionRescheduled(at, cmd.plannedStart()));
  }

  Decision callOff(CallOffSession cmd, Instant at) {
    Decision refused = refuse(TextRules.Field.REASON, cmd.reason(), REASON_TOO_LONG);
    if (refused != null) {
      return refused;
    }
    return accept(new SessionCancelled(at, Optional.empty(), TextRules.normalize(cmd.reason())));
  }

  Decision open(SessionState s, OpenSession cmd, Instant at) {
    Decision denied = requireRole(s, cmd.actor(), Role.HOST);
    if (denied != null) {
      return denied;
    }
    if (s.status() != SessionStatus.SCHEDULED) {
      return reject(SESSION_ALREADY_OPEN, "the lobby is open already");
    }
    return accept(new SessionOpened(at, Optional.of(cmd.actor())));
  }

  Decision start(SessionState s, StartSession cmd, Instant at) {
    Decision denied = requireRole(s, cmd.actor(), Role.HOST);
    if (denied != null) {
      return denied;
    }
    if (s.status() == SessionStatus.SCHEDULED) {
      return reject(SESSION_NOT_OPEN, "open the lobby before starting the agenda");
    }
    if (s.status() == SessionStatus.RUNNING) {
      return reject(SESSION_ALREADY_STARTED, "the agenda runs already");
    }
    return accept(new SessionStarted(at, cmd.actor()));
  }

  Decision advance(SessionState s, AdvancePhase cmd, Instant at) {
    Decision denied = requireRunningHost(s, cmd.actor());
    if (denied != null) {
      return denied;
    }
    CurrentPhase cur = s.currentPhase().orElseThrow();
    if (cur.index() + 1 >= s.requirePlan().agenda().size()) {
      return reject(NO_NEXT_PHASE, "phase " + cur.index() + " is the last one; end the session instead");
    }
    return new Decision.Accepted(advanceEvents(s, at, Optional.of(cmd.actor())));
  }

  Decision extend(SessionState s, ExtendPhase cmd, Instant at) {
    Decision denied = requireRunningHost(s, cmd.actor());
    if (denied != null) {
      return denied;
    }
    if (cmd.minutes() < 1 || cmd.minutes() > MAX_EXTENSION_MINUTES) {
      return reject(INVALID_EXTENSION, "extend by 1 to " + MAX_EXTENSION_MINUTES + " minutes, not " + cmd.minutes());
    }
    CurrentPhase cur = s.currentPhase().orElseThrow();
    // An overdue phase (its tick not yet processed) is extended from now, not from its old end.
    Instant from = cur.endsAt().isBefore(at) ? at : cur.endsAt();
    Duration extension = Duration.between(cur.endsAt(), from).plusMinutes(cmd.minutes());
    Duration length = Duration.between(cur.startedAt(), cur.endsAt()).plus(extension);
    if (length.compareTo(MAX_PHASE_LENGTH) > 0) {
      return reject(INVALID_EXTENSION, "a phase lasts at most " + MAX_PHASE_LENGTH.toHours() + " hours with extensions");
    }
    return accept(new PhaseExtended(at, cur.index(), extension, cmd.actor()));
  }

  Decision end(SessionState s, EndSession cmd, Instant at) {
    Decision denied = requireRunningHost(s, cmd.actor());
    if (denied != null) {
      return denied;
    }
    return new Decision.Accepted(endEvents(s, at, Optional.of(cmd.actor())));
  }

  Decision cancel(SessionState s, CancelSession cmd, Instant at) {
    Decision denied = requireRole(s, cmd.actor(), Role.HOST);
    if (denied != null) {
      return denied;
    }
    Decision refused = refuse(TextRules.Field.REASON, cmd.reason(), REASON_TOO_LONG);
    if (refused != null) {
      return refused;
    }
    return accept(new SessionCancelled(at, Optional.of(cmd.actor()), TextRules.normalize(cmd.reason())));
  }

  private List<SessionEvent> advanceEvents(SessionState s, Instant at, Optional<ParticipantId> by) {
    int from = s.currentPhase().orElseThrow().index();
    int to = from + 1;
    var events = new ArrayList<SessionEvent>(2);
    events.add(new PhaseAdvanced(at, from, to, by));
    if (s.requirePlan().agenda().phase(to).kind() == PhaseKind.CLOSING_ROUND) {
      carryOver(s, at).ifPresent(events::add);
    }
    return events;
  }

  private List<SessionEvent> endEvents(SessionState s, Instant at, Optional<ParticipantId> by) {
    var events = new ArrayList<SessionEvent>(2);
    carryOver(s, at).ifPresent(events::add);
    events.add(new SessionEnded(at, by));
    return events;
  }

  private static Optional<SessionEvent> carryOver(SessionState s, Instant at) {
    var open = new ArrayList<GoalId>();
    for (Goal g : s.goals()) {
      if (g.status() == GoalStatus.OPEN) {
        open.add(g.id());
      }
    }
    return open.isEmpty() ? Optional.empty() : Optional.of(new GoalsCarriedOver(at, open));
  }

  private static Decision outOfRange(Instant start, Instant now) {
    return reject(DATE_OUT_OF_RANGE, "a start lies between " + PlanningWindow.EARLIEST + " and "
        + PlanningWindow.latest(now) + ", not " + start);
  }

  private static Decision requireRunningHost(SessionState s, ParticipantId actor) {
    Decision denied = requireRole(s, actor, Role.HOST);
    if (denied != null) {
      return denied;
    }
    if (s.status() != SessionStatus.RUNNING) {
      return reject(SESSION_NOT_RUNNING, "the agenda has not started");
    }
    return null;
  }
}
