package io.peerwork.core;

import static io.peerwork.core.RejectionCode.*;

import io.peerwork.core.Command.AdvancePhase;
import io.peerwork.core.Command.CallOffSession;
import io.peerwork.core.Command.RescheduleSession;
import io.peerwork.core.Command.CancelSession;
import io.peerwork.core.Command.ClaimNext;
import io.peerwork.core.Command.ClaimRequest;
import io.peerwork.core.Command.DeclareGoal;
import io.peerwork.core.Command.EditGoal;
import io.peerwork.core.Command.EndSession;
import io.peerwork.core.Command.ExtendPhase;
import io.peerwork.core.Command.FinishHelp;
import io.peerwork.core.Command.Join;
import io.peerwork.core.Command.Leave;
import io.peerwork.core.Command.MarkGoal;
import io.peerwork.core.Command.OpenSession;
import io.peerwork.core.Command.RaiseHand;
import io.peerwork.core.Command.ScheduleSession;
import io.peerwork.core.Command.StartSession;
import io.peerwork.core.Command.Tick;
import io.peerwork.core.Command.WithdrawHand;
import io.peerwork.core.SessionEvent.GoalDeclared;
import io.peerwork.core.SessionEvent.GoalEdited;
import io.peerwork.core.SessionEvent.GoalMarked;
import io.peerwork.core.SessionEvent.GoalsCarriedOver;
import io.peerwork.core.SessionEvent.HandRaised;
import io.peerwork.core.SessionEvent.HandWithdrawn;
import io.peerwork.core.SessionEvent.HelpClaimed;
import io.peerwork.core.SessionEvent.HelpFinished;
import io.peerwork.core.SessionEvent.HelpReleased;
import io.peerwork.core.SessionEvent.ParticipantJoined;
import io.peerwork.core.SessionEvent.ParticipantLeft;
import io.peerwork.core.SessionEvent.PhaseAdvanced;
import io.peerwork.core.SessionEvent.PhaseExtended;
import io.peerwork.core.SessionEvent.SessionCancelled;
import io.peerwork.core.SessionEvent.SessionEnded;
import io.peerwork.core.SessionEvent.SessionOpened;
import io.peerwork.core.SessionEvent.SessionScheduled;
import io.peerwork.core.SessionEvent.SessionStarted;
import io.peerwork.core.spi.TopicFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The rules: which command, in which state, causes which events. */
final class Decider {
  static final int MAX_GOALS_PER_BLOCK = 10;
  static final int MAX_EXTENSION_MINUTES = 120;
  static final int MAX_NO_SHOW_MINUTES = 120;
  static final Duration MAX_PHASE_LENGTH = Duration.ofHours(8);

  private final SessionEngine engine;

  Decider(SessionEngine engine) {
    this.engine = engine;
  }

  Decision decide(SessionState s, Command c, Instant at) {
    if (c instanceof ScheduleSession cmd) {
      return schedule(s, cmd, at);
    }
    if (s.status() == SessionStatus.UNSCHEDULED) {
      return reject(SESSION_NOT_FOUND, "session " + s.id() + " is not scheduled");
    }
    if (s.status().isFinal()) {
      return reject(SESSION_ENDED, "session " + s.id() + " is " + s.status().name().toLowerCase());
    }
    if (c instanceof Tick) {
      return tick(s, at);
    }
    if (c instanceof RescheduleSession cmd) {
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
    if (c instanceof CallOffSession cmd) {
      Decision refused = refuse(TextRules.Field.REASON, cmd.reason(), REASON_TOO_LONG);
      if (refused != null) {
        return refused;
      }
      return accept(new SessionCancelled(at, Optional.empty(), TextRules.normalize(cmd.reason())));
    }
    if (c instanceof Join cmd) {
      return join(s, cmd, at);
    }
    if (c instanceof Leave cmd) {
      return leave(s, cmd, at);
    }
    if (c instanceof OpenSession cmd) {
      return open(s, cmd, at);
    }
    if (c instanceof StartSession cmd) {
      return start(s, cmd, at);
    }
    if (c instanceof AdvancePhase cmd) {
      return advance(s, cmd, at);
    }
    if (c instanceof ExtendPhase cmd) {
      return extend(s, cmd, at);
    }
    if (c instanceof EndSession cmd) {
      return end(s, cmd, at);
    }
    if (c instanceof CancelSession cmd) {
      return cancel(s, cmd, at);
    }
    if (c instanceof DeclareGoal cmd) {
      return declareGoal(s, cmd, at);
    }
    if (c instanceof EditGoal cmd) {
      return editGoal(s, cmd, at);
    }
    if (c instanceof MarkGoal cmd) {
      return markGoal(s, cmd, at);
    }
    if (c instanceof RaiseHand cmd) {
      return raiseHand(s, cmd, at);
    }
    if (c instanceof WithdrawHand cmd) {
      return withdrawHand(s, cmd, at);
    }
    if (c instanceof ClaimNext cmd) {
      return claimNext(s, cmd, at);
    }
    if (c instanceof ClaimRequest cmd) {
      return claimRequest(s, cmd, at);
    }
    if (c instanceof FinishHelp cmd) {
      return finishHelp(s, cmd, at);
    }
    if (c instanceof Command.RemoveMember cmd) {
      return removeMember(s, cmd, at);
    }
    if (c instanceof Command.ReadmitMember cmd) {
      return readmitMember(s, cmd, at);
    }
    if (c instanceof Command.ReleaseSeat cmd) {
      return releaseSeat(s, cmd, at);
    }
    if (c instanceof Command.SetNoShowMinutes cmd) {
      return setNoShowMinutes(s, cmd, at);
    }
    if (c instanceof Command.RevokeInvite cmd) {
      return revokeInvite(s, cmd, at);
    }
    throw new IllegalArgumentException("unknown command " + c);
  }

  // ---- lifecycle -------------------------------------------------------------------------------

  private Decision schedule(SessionState s, ScheduleSession cmd, Instant at) {
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

  private Decision tick(SessionState s, Instant now) {
    if (s.status() == SessionStatus.SCHEDULED) {
      return now.isBefore(s.requirePlan().plannedStart())
          ? accept()
          : accept(new SessionOpened(now, Optional.empty()));
    }
    if (s.status() != SessionStatus.RUNNING) {
      return accept();
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
    return new Decision.Accepted(events);
  }

  private Decision open(SessionState s, OpenSession cmd, Instant at) {
    Decision denied = requireRole(s, cmd.actor(), Role.HOST);
    if (denied != null) {
      return denied;
    }
    if (s.status() != SessionStatus.SCHEDULED) {
      return reject(SESSION_ALREADY_OPEN, "the lobby is open already");
    }
    return accept(new SessionOpened(at, Optional.of(cmd.actor())));
  }

  private Decision start(SessionState s, StartSession cmd, Instant at) {
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

  private Decision advance(SessionState s, AdvancePhase cmd, Instant at) {
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

  private Decision extend(SessionState s, ExtendPhase cmd, Instant at) {
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

  private Decision end(SessionState s, EndSession cmd, Instant at) {
    Decision denied = requireRunningHost(s, cmd.actor());
    if (denied != null) {
      return denied;
    }
    return new Decision.Accepted(endEvents(s, at, Optional.of(cmd.actor())));
  }

  private Decision cancel(SessionState s, CancelSession cmd, Instant at) {
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

  // ---- people ----------------------------------------------------------------------------------

  private Decision join(SessionState s, Join cmd, Instant at) {
    Decision refused = refuse(TextRules.Field.NAME, cmd.displayName(), INVALID_NAME);
    if (refused != null) {
      return refused;
    }
    if (cmd.role() == Role.PARTICIPANT && TextRules.isReservedName(cmd.displayName())) {
      return reject(RESERVED_NAME, "a participant cannot be called '" + TextRules.normalize(cmd.displayName())
          + "': it reads as a role");
    }
    if (s.isRemoved(cmd.actor())) {
      return reject(MEMBER_REMOVED, cmd.actor() + " was removed from this session");
    }
    if (s.status() == SessionStatus.SCHEDULED && cmd.role() == Role.PARTICIPANT) {
      return reject(SESSION_NOT_OPEN, "participants join once the lobby is open");
    }
    Optional<Member> earlier = s.member(cmd.actor());
    if (earlier.isPresent()) {
      if (earlier.get().role() != cmd.role()) {
        return reject(ROLE_MISMATCH, cmd.actor() + " joined as " + earlier.get().role() + " before");
      }
      if (earlier.get().isPresent()) {
        return reject(ALREADY_PRESENT, cmd.actor() + " is present already");
      }
    }
    if (cmd.role() == Role.PARTICIPANT && s.presentCount(Role.PARTICIPANT) >= s.requirePlan().capacity()) {
      return reject(SESSION_FULL, "all " + s.requirePlan().capacity() + " seats are taken");
    }
    return accept(new ParticipantJoined(at, cmd.actor(), TextRules.normalize(cmd.displayName()), cmd.role()));
  }

  private Decision leave(SessionState s, Leave cmd, Instant at) {
    if (!s.isPresent(cmd.actor())) {
      return reject(NOT_A_PARTICIPANT, cmd.actor() + " is not present");
    }
    return departure(s, cmd.actor(), new ParticipantLeft(at, cmd.actor()), at);
  }

  /**
   * {@code who} goes ({@code last}: left, released, removed): their waiting request is withdrawn
   * and a request they were helping with goes back to the queue, then {@code last}.
   */
  private static Decision departure(SessionState s, ParticipantId who, SessionEvent last, Instant at) {
    var events = new ArrayList<SessionEvent>(3);
    for (HelpRequest r : s.requests()) {
      if (r.status() == HelpRequest.Status.WAITING && r.participant().equals(who)) {
        events.add(new HandWithdrawn(at, r.id()));
      } else if (r.status() == HelpRequest.Status.IN_PROGRESS && r.expert().orElseThrow().equals(who)) {
        events.add(new HelpReleased(at, r.id()));
      }
    }
    events.add(last);
    return new Decision.Accepted(events);
  }

  private Decision removeMember(SessionState s, Command.RemoveMember cmd, Instant at) {
    if (cmd.actor().isPresent()) {
      ParticipantId actor = cmd.actor().get();
      Decision denied = requireRole(s, actor, Role.HOST);
      if (denied != null) {
        return denied;
      }
      if (actor.equals(cmd.participant())) {
        return reject(CANNOT_REMOVE_SELF, "a host cannot remove themself; leave instead");
      }
      Optional<Member> m = s.member(cmd.participant());
      if (m.isEmpty()) {
        return reject(UNKNOWN_MEMBER, cmd.participant() + " has not joined session " + s.id());
      }
      if (m.get().role() == Role.HOST) {
        return reject(CANNOT_REMOVE_HOST, "a host cannot remove another host; the organiser can");
      }
    }
    Decision badReason = refuse(TextRules.Field.REASON, cmd.reason(), REASON_TOO_LONG);
    if (badReason != null) {
      return badReason;
    }
    if (s.isRemoved(cmd.participant())) {
      return accept();
    }
    return departure(s, cmd.participant(),
        new SessionEvent.MemberRemoved(at, cmd.participant(), cmd.actor(), TextRules.normalize(cmd.reason())), at);
  }

  private Decision readmitMember(SessionState s, Command.ReadmitMember cmd, Instant at) {
    if (cmd.actor().isPresent()) {
      Decision denied = requireRole(s, cmd.actor().get(), Role.HOST);
      if (denied != null) {
        return denied;
      }
    }
    return s.isRemoved(cmd.participant())
        ? accept(new SessionEvent.MemberReadmitted(at, cmd.participant(), cmd.actor()))
        : accept();
  }

  private Decision releaseSeat(SessionState s, Command.ReleaseSeat cmd, Instant at) {
    Optional<Member> m = s.member(cmd.participant());
    if (m.isEmpty() || !m.get().isPresent()) {
      return reject(NOT_A_PARTICIPANT, cmd.participant() + " holds no seat in session " + s.id());
    }
    if (m.get().role() != Role.PARTICIPANT) {
      return reject(ROLE_NOT_ALLOWED, "only a participant's seat is released; "
          + cmd.participant() + " is " + m.get().role().name().toLowerCase());
    }
    return departure(s, cmd.participant(), new SessionEvent.SeatReleased(at, cmd.participant(), cmd.reason()), at);
  }

  private Decision setNoShowMinutes(SessionState s, Command.SetNoShowMinutes cmd, Instant at) {
    Decision denied = requireRole(s, cmd.actor(), Role.HOST);
    if (denied != null) {
      return denied;
    }
    if (cmd.minutes() < 0 || cmd.minutes() > MAX_NO_SHOW_MINUTES) {
      return reject(INVALID_NO_SHOW_MINUTES, "no-show minutes are 0 (never) or 1 to " + MAX_NO_SHOW_MINUTES
          + ", not " + cmd.minutes());
    }
    return cmd.minutes() == s.noShowMinutes()
        ? accept()
        : accept(new SessionEvent.NoShowMinutesSet(at, cmd.minutes(), cmd.actor()));
  }

  private Decision revokeInvite(SessionState s, Command.RevokeInvite cmd, Instant at) {
    Decision denied = requireRole(s, cmd.actor(), Role.HOST);
    if (denied != null) {
      return denied;
    }
    if (cmd.role() == Role.HOST) {
      return reject(INVITE_NOT_REVOCABLE, "the host link is the organiser's; only participant and expert links"
          + " can be replaced");
    }
    return accept(new SessionEvent.InviteRevoked(at, cmd.role(), s.invite(cmd.role()).generation() + 1, cmd.actor()));
  }

  // ---- goals -----------------------------------------------------------------------------------

  private Decision declareGoal(SessionState s, DeclareGoal cmd, Instant at) {
    Decision denied = requireOpenOrRunning(s);
    if (denied == null) {
      denied = requireRole(s, cmd.actor(), Role.PARTICIPANT);
    }
    if (denied != null) {
      return denied;
    }
    Decision refused = refuse(TextRules.Field.GOAL, cmd.text(), INVALID_GOAL_TEXT);
    if (refused != null) {
      return refused;
    }
    Optional<TopicFormat> known = engine.formats().find(s.requirePlan().formatId());
    if (known.isEmpty()) {
      return formatGone(s);
    }
    TopicFormat format = known.get();
    if (cmd.taskId().isPresent() && format.task(cmd.taskId().get()).isEmpty()) {
      return reject(UNKNOWN_TASK, "format '" + format.id() + "' has no task '" + cmd.taskId().get() + "'");
    }
    int from = s.currentPhase().map(CurrentPhase::index).orElse(0);
    int block = s.requirePlan().agenda().focusBlockAtOrAfter(from);
    if (block < 0) {
      return reject(NO_FOCUS_BLOCK_AHEAD, "no focus block is running or still to come");
    }
    if (s.goalCount(cmd.actor(), block) >= MAX_GOALS_PER_BLOCK) {
      return reject(TOO_MANY_GOALS, "at most " + MAX_GOALS_PER_BLOCK + " goals per focus block");
    }
    GoalId id = new GoalId("g" + (s.goalCount() + 1));
    return accept(new GoalDeclared(at, id, cmd.actor(), block, TextRules.normalize(cmd.text()), cmd.taskId()));
  }

  private Decision editGoal(SessionState s, EditGoal cmd, Instant at) {
    Decision denied = ownGoal(s, cmd.actor(), cmd.goal());
    if (denied != null) {
      return denied;
    }
    Decision refused = refuse(TextRules.Field.GOAL, cmd.text(), INVALID_GOAL_TEXT);
    if (refused != null) {
      return refused;
    }
    String text = TextRules.normalize(cmd.text());
    return s.goal(cmd.goal()).orElseThrow().text().equals(text)
        ? accept()
        : accept(new GoalEdited(at, cmd.goal(), text));
  }

  private Decision markGoal(SessionState s, MarkGoal cmd, Instant at) {
    Decision denied = ownGoal(s, cmd.actor(), cmd.goal());
    if (denied != null) {
      return denied;
    }
    return s.goal(cmd.goal()).orElseThrow().status() == cmd.status()
        ? accept()
        : accept(new GoalMarked(at, cmd.goal(), cmd.status()));
  }

  private Decision ownGoal(SessionState s, ParticipantId actor, GoalId goalId) {
    Decision denied = requireOpenOrRunning(s);
    if (denied == null) {
      denied = requireRole(s, actor, Role.PARTICIPANT);
    }
    if (denied != null) {
      return denied;
    }
    Optional<Goal> goal = s.goal(goalId);
    if (goal.isEmpty()) {
      return reject(UNKNOWN_GOAL, "no goal " + goalId);
    }
    if (!goal.get().owner().equals(actor)) {
      return reject(NOT_YOUR_GOAL, "goal " + goalId + " is " + goal.get().owner() + "'s");
    }
    return null;
  }

  // ---- help queue ------------------------------------------------------------------------------

  private Decision raiseHand(SessionState s, RaiseHand cmd, Instant at) {
    Decision denied = requireOpenOrRunning(s);
    if (denied == null) {
      denied = requireRole(s, cmd.actor(), Role.PARTICIPANT);
    }
    if (denied != null) {
      return denied;
    }
    Optional<TopicFormat> known = engine.formats().find(s.requirePlan().formatId());
    if (known.isEmpty()) {
      return formatGone(s);
    }
    TopicFormat format = known.get();
    if (format.helpTopic(cmd.topicId()).isEmpty()) {
      return reject(UNKNOWN_TOPIC, "format '" + format.id() + "' has no help topic '" + cmd.topicId() + "'");
    }
    Decision refused = refuse(TextRules.Field.NOTE, cmd.note(), INVALID_NOTE);
    if (refused != null) {
      return refused;
    }
    if (s.openRequestOf(cmd.actor()).isPresent()) {
      return reject(ALREADY_IN_QUEUE, cmd.actor() + " has an open request already");
    }
    RequestId id = new RequestId("r" + (s.requestCount() + 1));
    return accept(new HandRaised(at, id, cmd.actor(), cmd.topicId(), TextRules.normalize(cmd.note())));
  }

  private Decision withdrawHand(SessionState s, WithdrawHand cmd, Instant at) {
    Decision denied = requireOpenOrRunning(s);
    if (denied == null) {
      denied = requireRole(s, cmd.actor(), Role.PARTICIPANT);
    }
    if (denied != null) {
      return denied;
    }
    Optional<HelpRequest> open = s.openRequestOf(cmd.actor());
    if (open.isEmpty() || open.get().status() != HelpRequest.Status.WAITING) {
      return reject(NOT_IN_QUEUE, cmd.actor() + " has no waiting request");
    }
    return accept(new HandWithdrawn(at, open.get().id()));
  }

  private Decision claimNext(SessionState s, ClaimNext cmd, Instant at) {
    Decision denied = readyExpert(s, cmd.actor());
    if (denied != null) {
      return denied;
    }
    List<HelpRequest> waiting = engine.orderedWaiting(s);
    if (waiting.isEmpty()) {
      return reject(QUEUE_EMPTY, "nobody is waiting for help");
    }
    return accept(new HelpClaimed(at, waiting.get(0).id(), cmd.actor()));
  }

  private Decision claimRequest(SessionState s, ClaimRequest cmd, Instant at) {
    Decision denied = readyExpert(s, cmd.actor());
    if (denied != null) {
      return denied;
    }
    Optional<HelpRequest> r = s.request(cmd.request());
    if (r.isEmpty()) {
      return reject(UNKNOWN_REQUEST, "no request " + cmd.request());
    }
    if (r.get().status() != HelpRequest.Status.WAITING) {
      return reject(ALREADY_CLAIMED, "request " + cmd.request() + " is " + r.get().status().name().toLowerCase());
    }
    return accept(new HelpClaimed(at, cmd.request(), cmd.actor()));
  }

  private Decision finishHelp(SessionState s, FinishHelp cmd, Instant at) {
    Decision denied = requireOpenOrRunning(s);
    if (denied == null) {
      denied = requireRole(s, cmd.actor(), Role.EXPERT);
    }
    if (denied != null) {
      return denied;
    }
    Optional<HelpRequest> r = s.request(cmd.request());
    if (r.isEmpty()) {
      return reject(UNKNOWN_REQUEST, "no request " + cmd.request());
    }
    if (r.get().status() != HelpRequest.Status.IN_PROGRESS || !r.get().expert().orElseThrow().equals(cmd.actor())) {
      return reject(NOT_CLAIMED_BY_YOU, "request " + cmd.request() + " is not in " + cmd.actor() + "'s hands");
    }
    return accept(new HelpFinished(at, cmd.request(), cmd.outcome()));
  }

  private Decision readyExpert(SessionState s, ParticipantId actor) {
    Decision denied = requireOpenOrRunning(s);
    if (denied == null) {
      denied = requireRole(s, actor, Role.EXPERT);
    }
    if (denied != null) {
      return denied;
    }
    for (HelpRequest r : s.requests()) {
      if (r.status() == HelpRequest.Status.IN_PROGRESS && r.expert().orElseThrow().equals(actor)) {
        return reject(EXPERT_BUSY, actor + " is helping with " + r.id() + "; finish it first");
      }
    }
    return null;
  }

  // ---- guards ----------------------------------------------------------------------------------

  /** Null if {@code text} is fine for {@code field} ({@link TextRules}); else a rejection with {@code code}. */
  private static Decision refuse(TextRules.Field field, String text, RejectionCode code) {
    return TextRules.check(field, text).map(p -> reject(code, TextRules.describe(field, p))).orElse(null);
  }

  private static Decision outOfRange(Instant start, Instant now) {
    return reject(DATE_OUT_OF_RANGE, "a start lies between " + PlanningWindow.EARLIEST + " and "
        + PlanningWindow.latest(now) + ", not " + start);
  }

  /** The session's format plugin was removed: commands that need it are rejected, not thrown. */
  private static Decision formatGone(SessionState s) {
    return reject(UNKNOWN_FORMAT, "format '" + s.requirePlan().formatId() + "' is no longer registered");
  }

  /** Null if {@code actor} is present with {@code role}; else the rejection. */
  private static Decision requireRole(SessionState s, ParticipantId actor, Role role) {
    Optional<Member> m = s.member(actor);
    if (m.isEmpty() || !m.get().isPresent()) {
      return reject(NOT_A_PARTICIPANT, actor + " is not present in session " + s.id());
    }
    if (m.get().role() != role) {
      return reject(ROLE_NOT_ALLOWED, "only a " + role.name().toLowerCase() + " may do this; "
          + actor + " is " + m.get().role().name().toLowerCase());
    }
    return null;
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

  private static Decision requireOpenOrRunning(SessionState s) {
    return s.status() == SessionStatus.SCHEDULED ? reject(SESSION_NOT_OPEN, "the lobby is not open yet") : null;
  }

  private static Decision accept(SessionEvent... events) {
    return new Decision.Accepted(List.of(events));
  }

  private static Decision reject(RejectionCode code, String message) {
    return Decision.Rejected.of(code, message);
  }
}
