package io.peerwork.core;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The state of one session: an immutable value, rebuilt exactly by replaying the session's events.
 *
 * <p>Get the state of a new session with {@link #initial(SessionId)}, and the next state with {@link
 * SessionEngine#evolve}. Two states are equal when they hold the same facts, so a replayed state
 * equals the live one. Collections keep the order things happened in (join order, declaration order,
 * order of raised hands).
 */
public final class SessionState {
  private final SessionId id;
  private final SessionPlan plan;
  private final SessionStatus status;
  private final long version;
  private final Instant lastEventAt;
  private final CurrentPhase current;
  private final List<PhaseRun> completedPhases;
  private final Instant startedAt;
  private final Instant endedAt;
  private final Map<ParticipantId, Member> members;
  private final Numbered<GoalId, Goal> goals;
  private final Numbered<RequestId, HelpRequest> requests;
  private final Map<ParticipantId, Removal> removed;
  private final int noShowMinutes;
  private final Map<Role, InviteGeneration> invites;

  /** The no-show minutes of a new session (see {@link #noShowMinutes()}). */
  public static final int DEFAULT_NO_SHOW_MINUTES = 10;

  private static final Numbered<GoalId, Goal> NO_GOALS = Numbered.empty("g", GoalId::value, Goal::id);
  private static final Numbered<RequestId, HelpRequest> NO_REQUESTS =
      Numbered.empty("r", RequestId::value, HelpRequest::id);

  private SessionState(
      SessionId id,
      SessionPlan plan,
      SessionStatus status,
      long version,
      Instant lastEventAt,
      CurrentPhase current,
      List<PhaseRun> completedPhases,
      Instant startedAt,
      Instant endedAt,
      Map<ParticipantId, Member> members,
      Numbered<GoalId, Goal> goals,
      Numbered<RequestId, HelpRequest> requests,
      Map<ParticipantId, Removal> removed,
      int noShowMinutes,
      Map<Role, InviteGeneration> invites) {
    this.id = id;
    this.plan = plan;
    this.status = status;
    this.version = version;
    this.lastEventAt = lastEventAt;
    this.current = current;
    this.completedPhases = completedPhases;
    this.startedAt = startedAt;
    this.endedAt = endedAt;
    this.members = members;
    this.goals = goals;
    this.requests = requests;
    this.removed = removed;
    this.noShowMinutes = noShowMinutes;
    this.invites = invites;
  }

  /** The state of a session that has no events yet: {@link SessionStatus#UNSCHEDULED}, version 0. */
  public static SessionState initial(SessionId id) {
    Objects.requireNonNull(id, "id");
    return new SessionState(id, null, SessionStatus.UNSCHEDULED, 0, null, null, List.of(), null, null,
        Map.of(), NO_GOALS, NO_REQUESTS, Map.of(), DEFAULT_NO_SHOW_MINUTES, Map.of());
  }

  /** The state a snapshot holds (see {@link SessionSnapshot#state()}); {@code members} in join order. */
  static SessionState restore(SessionSnapshot s, Map<ParticipantId, Member> members) {
    var removed = new LinkedHashMap<ParticipantId, Removal>();
    s.removed().forEach(r -> removed.put(r.participant(), r));
    var invites = new java.util.EnumMap<Role, InviteGeneration>(Role.class);
    s.invites().forEach(i -> invites.put(i.role(), i));
    var goals = NO_GOALS.edit();
    s.goals().forEach(goals::put);
    var requests = NO_REQUESTS.edit();
    s.requests().forEach(requests::put);
    return new SessionState(s.id(), s.plan().orElse(null), s.status(), s.version(), s.lastEventAt().orElse(null),
        s.currentPhase().orElse(null), s.completedPhases(), s.startedAt().orElse(null), s.endedAt().orElse(null),
        members.isEmpty() ? Map.of() : Collections.unmodifiableMap(members), goals.build(), requests.build(),
        removed.isEmpty() ? Map.of() : Collections.unmodifiableMap(removed), s.noShowMinutes(),
        invites.isEmpty() ? Map.of() : Collections.unmodifiableMap(invites));
  }

  /** The session's id. */
  public SessionId id() {
    return id;
  }

  /** The plan, once scheduled. */
  public Optional<SessionPlan> plan() {
    return Optional.ofNullable(plan);
  }

  /**
   * The plan.
   *
   * @throws IllegalStateException if the session is not scheduled
   */
  public SessionPlan requirePlan() {
    if (plan == null) {
      throw new IllegalStateException("session " + id + " is not scheduled");
    }
    return plan;
  }

  /** Where the session is in its life. */
  public SessionStatus status() {
    return status;
  }

  /** How many events have been applied; the expected version of the next append. */
  public long version() {
    return version;
  }

  /** When the latest event took effect, if there was one. */
  public Optional<Instant> lastEventAt() {
    return Optional.ofNullable(lastEventAt);
  }

  /** The phase that runs now, while the session is {@link SessionStatus#RUNNING}. */
  public Optional<CurrentPhase> currentPhase() {
    return Optional.ofNullable(current);
  }

  /** The phases that have run and ended, in order. */
  public List<PhaseRun> completedPhases() {
    return completedPhases;
  }

  /** When the agenda started. */
  public Optional<Instant> startedAt() {
    return Optional.ofNullable(startedAt);
  }

  /** When the session ended or was cancelled. */
  public Optional<Instant> endedAt() {
    return Optional.ofNullable(endedAt);
  }

  /**
   * The next instant at which a {@link Command.Tick} changes something: the planned start while
   * scheduled, the current phase's planned end while running; empty otherwise.
   */
  public Optional<Instant> nextDeadline() {
    if (status == SessionStatus.SCHEDULED) {
      return Optional.of(plan.plannedStart());
    }
    if (status == SessionStatus.RUNNING) {
      return Optional.of(current.endsAt());
    }
    return Optional.empty();
  }

  /** Everyone who has joined, present or not, in the order they first joined. */
  public Map<ParticipantId, Member> members() {
    return members;
  }

  /** The member {@code who}, if they have joined. */
  public Optional<Member> member(ParticipantId who) {
    return Optional.ofNullable(members.get(who));
  }

  /** Whether {@code who} is in the room now. */
  public boolean isPresent(ParticipantId who) {
    Member m = members.get(who);
    return m != null && m.isPresent();
  }

  /** How many members with {@code role} are present. */
  public int presentCount(Role role) {
    int n = 0;
    for (Member m : members.values()) {
      if (m.role() == role && m.isPresent()) {
        n++;
      }
    }
    return n;
  }

  /**
   * Everyone removed from the session and not readmitted, in the order they were removed. A removed
   * person may also be in {@link #members()} (if they had joined), never present.
   */
  public Map<ParticipantId, Removal> removed() {
    return removed;
  }

  /** Why and when {@code who} was removed, if they are. */
  public Optional<Removal> removal(ParticipantId who) {
    return Optional.ofNullable(removed.get(who));
  }

  /** Whether {@code who} was removed and not readmitted: they may not join. */
  public boolean isRemoved(ParticipantId who) {
    return removed.containsKey(who);
  }

  /**
   * After how many minutes without a connection a participant's seat is free again (an application
   * sends {@link Command.ReleaseSeat}); 0: never. {@value #DEFAULT_NO_SHOW_MINUTES} until a host sets it.
   */
  public int noShowMinutes() {
    return noShowMinutes;
  }

  /** The valid invite link of {@code role}: generation 0 until a host replaces it. */
  public InviteGeneration invite(Role role) {
    InviteGeneration g = invites.get(role);
    return g == null ? InviteGeneration.first(role) : g;
  }

  /** The invite links replaced at least once, by role (the others are at generation 0). */
  public Map<Role, InviteGeneration> invites() {
    return invites;
  }

  /** Every goal, in the order they were declared. */
  public List<Goal> goals() {
    return goals.list();
  }

  /** The goal with {@code id}, if there is one. */
  public Optional<Goal> goal(GoalId goalId) {
    return Optional.ofNullable(goals.get(goalId));
  }

  /** The goals of {@code owner}, in the order they were declared. */
  public List<Goal> goalsOf(ParticipantId owner) {
    var out = new ArrayList<Goal>();
    for (int i = 0; i < goals.size(); i++) {
      Goal g = goals.at(i);
      if (g.owner().equals(owner)) {
        out.add(g);
      }
    }
    return List.copyOf(out);
  }

  /** How many goals {@code owner} has for the focus block at agenda index {@code block}. */
  int goalCount(ParticipantId owner, int block) {
    int n = 0;
    for (int i = 0; i < goals.size(); i++) {
      Goal g = goals.at(i);
      if (g.focusBlock() == block && g.owner().equals(owner)) {
        n++;
      }
    }
    return n;
  }

  /** Every help request, in the order hands were raised. */
  public List<HelpRequest> requests() {
    return requests.list();
  }

  /** The request with {@code id}, if there is one. */
  public Optional<HelpRequest> request(RequestId requestId) {
    return Optional.ofNullable(requests.get(requestId));
  }

  /** The open (waiting or in progress) request of {@code participant}, if any. There is at most one. */
  public Optional<HelpRequest> openRequestOf(ParticipantId participant) {
    for (int i = requests.size() - 1; i >= 0; i--) {
      HelpRequest r = requests.at(i);
      if (r.status().isOpen() && r.participant().equals(participant)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /** The waiting requests in the order hands were raised (not yet in the queue policy's order). */
  public List<HelpRequest> waitingRequests() {
    var out = new ArrayList<HelpRequest>();
    for (int i = 0; i < requests.size(); i++) {
      HelpRequest r = requests.at(i);
      if (r.status() == HelpRequest.Status.WAITING) {
        out.add(r);
      }
    }
    return List.copyOf(out);
  }

  /** How many of {@code participant}'s requests experts have finished. */
  public int helpsReceived(ParticipantId participant) {
    int n = 0;
    for (int i = 0; i < requests.size(); i++) {
      HelpRequest r = requests.at(i);
      if (r.participant().equals(participant) && r.status() == HelpRequest.Status.FINISHED) {
        n++;
      }
    }
    return n;
  }

  int goalCount() {
    return goals.size();
  }

  int requestCount() {
    return requests.size();
  }

  /** Applies one event. Events are facts: this never rejects, and it trusts the decider's checks. */
  SessionState apply(SessionEvent event) {
    return new Builder(this).apply(event).build();
  }

  /** Applies events in order, copying each collection at most once for the whole batch. */
  SessionState applyAll(Iterable<? extends SessionEvent> events) {
    var b = new Builder(this);
    for (SessionEvent e : events) {
      b.apply(e);
    }
    return b.build();
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof SessionState s)) {
      return false;
    }
    return version == s.version
        && id.equals(s.id)
        && Objects.equals(plan, s.plan)
        && status == s.status
        && Objects.equals(lastEventAt, s.lastEventAt)
        && Objects.equals(current, s.current)
        && completedPhases.equals(s.completedPhases)
        && Objects.equals(startedAt, s.startedAt)
        && Objects.equals(endedAt, s.endedAt)
        && members.equals(s.members)
        && goals.sameValues(s.goals)
        && requests.sameValues(s.requests)
        && removed.equals(s.removed)
        && noShowMinutes == s.noShowMinutes
        && invites.equals(s.invites);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, version, status, current, members, goals.valuesHash(), requests.valuesHash(), removed,
        noShowMinutes, invites);
  }

  @Override
  public String toString() {
    return "SessionState[" + id + " v" + version + " " + status
        + (current == null ? "" : " phase " + current.index())
        + ", " + members.size() + " members, " + goals.size() + " goals, " + requests.size() + " requests]";
  }

  /** Copy-on-write: each map is copied only if the event touches it. */
  private static final class Builder {
    final SessionId id;
    SessionPlan plan;
    SessionStatus status;
    long version;
    Instant lastEventAt;
    CurrentPhase current;
    List<PhaseRun> completedPhases;
    Instant startedAt;
    Instant endedAt;
    Map<ParticipantId, Member> members;
    final Numbered<GoalId, Goal>.Editor goals;
    final Numbered<RequestId, HelpRequest>.Editor requests;
    private boolean membersCopied;
    Map<ParticipantId, Removal> removed;
    private boolean removedCopied;
    int noShowMinutes;
    Map<Role, InviteGeneration> invites;

    Builder(SessionState s) {
      id = s.id;
      plan = s.plan;
      status = s.status;
      version = s.version;
      lastEventAt = s.lastEventAt;
      current = s.current;
      completedPhases = s.completedPhases;
      startedAt = s.startedAt;
      endedAt = s.endedAt;
      members = s.members;
      goals = s.goals.edit();
      requests = s.requests.edit();
      removed = s.removed;
      noShowMinutes = s.noShowMinutes;
      invites = s.invites;
    }

    Map<ParticipantId, Removal> removed() {
      if (!removedCopied) {
        removed = new LinkedHashMap<>(removed);
        removedCopied = true;
      }
      return removed;
    }

    /** Ends the visit of {@code who} if they are present. */
    void depart(ParticipantId who, Instant at) {
      Member m = members.get(who);
      if (m != null && m.isPresent()) {
        members().put(who, m.left(at));
      }
    }

    Map<ParticipantId, Member> members() {
      if (!membersCopied) {
        members = new LinkedHashMap<>(members);
        membersCopied = true;
      }
      return members;
    }


    Builder apply(SessionEvent event) {
      version++;
      lastEventAt = event.at();
      if (event instanceof SessionScheduled e) {
        plan = e.plan();
        status = SessionStatus.SCHEDULED;
      } else if (event instanceof SessionOpened) {
        status = SessionStatus.OPEN;
      } else if (event instanceof SessionEvent.SessionRescheduled e) {
        plan = plan.withPlannedStart(e.plannedStart());
      } else if (event instanceof SessionStarted e) {
        Phase first = plan.agenda().phase(0);
        status = SessionStatus.RUNNING;
        startedAt = e.at();
        current = new CurrentPhase(0, first, e.at(), e.at().plus(first.planned()));
      } else if (event instanceof PhaseAdvanced e) {
        closeCurrentPhase(e.at());
        Phase next = plan.agenda().phase(e.to());
        current = new CurrentPhase(e.to(), next, e.at(), e.at().plus(next.planned()));
      } else if (event instanceof PhaseExtended e) {
        current = current.extendedBy(e.extension());
      } else if (event instanceof SessionEnded e) {
        closeCurrentPhase(e.at());
        status = SessionStatus.ENDED;
        endedAt = e.at();
      } else if (event instanceof SessionCancelled e) {
        closeCurrentPhase(e.at());
        status = SessionStatus.CANCELLED;
        endedAt = e.at();
      } else if (event instanceof ParticipantJoined e) {
        Member m = members.get(e.participant());
        Member joined = m == null
            ? new Member(e.participant(), e.displayName(), e.role(), Optional.of(e.at()), List.of())
            : m.joined(e.displayName(), e.at());
        members().put(e.participant(), joined);
      } else if (event instanceof ParticipantLeft e) {
        members().put(e.participant(), members.get(e.participant()).left(e.at()));
      } else if (event instanceof SessionEvent.MemberRemoved e) {
        depart(e.participant(), e.at());
        removed().put(e.participant(), new Removal(e.participant(), e.at(), e.by(), e.reason()));
      } else if (event instanceof SessionEvent.MemberReadmitted e) {
        removed().remove(e.participant());
      } else if (event instanceof SessionEvent.SeatReleased e) {
        depart(e.participant(), e.at());
      } else if (event instanceof SessionEvent.NoShowMinutesSet e) {
        noShowMinutes = e.minutes();
      } else if (event instanceof SessionEvent.InviteRevoked e) {
        var next = new java.util.EnumMap<Role, InviteGeneration>(Role.class);
        next.putAll(invites);
        int before = (int) members.values().stream().filter(m -> m.role() == e.role()).count();
        next.put(e.role(), new InviteGeneration(e.role(), e.generation(), Optional.of(e.at()), before));
        invites = Collections.unmodifiableMap(next);
      } else if (event instanceof GoalDeclared e) {
        goals.put(new Goal(e.goal(), e.owner(), e.focusBlock(), e.text(), e.taskId(), GoalStatus.OPEN, e.at()));
      } else if (event instanceof GoalEdited e) {
        goals.put(goals.get(e.goal()).withText(e.text()));
      } else if (event instanceof GoalMarked e) {
        goals.put(goals.get(e.goal()).withStatus(e.status()));
      } else if (event instanceof GoalsCarriedOver e) {
        for (GoalId goalId : e.goals()) {
          goals.put(goals.get(goalId).withStatus(GoalStatus.CARRIED_OVER));
        }
      } else if (event instanceof HandRaised e) {
        requests.put(HelpRequest.raised(e.request(), e.participant(), e.topicId(), e.note(), e.at()));
      } else if (event instanceof HandWithdrawn e) {
        requests.put(requests.get(e.request()).withdrawn(e.at()));
      } else if (event instanceof HelpClaimed e) {
        requests.put(requests.get(e.request()).claimed(e.expert(), e.at()));
      } else if (event instanceof HelpReleased e) {
        requests.put(requests.get(e.request()).released());
      } else if (event instanceof HelpFinished e) {
        requests.put(requests.get(e.request()).finished(e.outcome(), e.at()));
      } else {
        throw new IllegalArgumentException("unknown event " + event);
      }
      return this;
    }

    void closeCurrentPhase(Instant at) {
      if (current != null) {
        var runs = new ArrayList<>(completedPhases);
        runs.add(current.endedAt(at));
        completedPhases = List.copyOf(runs);
        current = null;
      }
    }

    SessionState build() {
      return new SessionState(id, plan, status, version, lastEventAt, current, completedPhases, startedAt,
          endedAt,
          membersCopied ? Collections.unmodifiableMap(members) : members,
          goals.build(),
          requests.build(),
          removedCopied ? Collections.unmodifiableMap(removed) : removed,
          noShowMinutes,
          invites);
    }
  }
}
