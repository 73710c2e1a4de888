package io.peerwork.core;

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
  // Package-private for SessionStateBuilder, which applies events; everyone else uses the accessors.
  final SessionId id;
  final SessionPlan plan;
  final SessionStatus status;
  final long version;
  final Instant lastEventAt;
  final CurrentPhase current;
  final List<PhaseRun> completedPhases;
  final Instant startedAt;
  final Instant endedAt;
  final Map<ParticipantId, Member> members;
  final Numbered<GoalId, Goal> goals;
  final Numbered<RequestId, HelpRequest> requests;
  final Map<ParticipantId, Removal> removed;
  final int noShowMinutes;
  final Map<Role, InviteGeneration> invites;
  final Map<ParticipantId, String> helpPlaces;
  final QueueState queueState;
  final Announcement announcement;
  final Map<ParticipantId, List<String>> expertTopics;
  final Map<ParticipantId, List<String>> peerOffers;

  /** The no-show minutes of a new session (see {@link #noShowMinutes()}). */
  public static final int DEFAULT_NO_SHOW_MINUTES = 10;

  private static final Numbered<GoalId, Goal> NO_GOALS = Numbered.empty("g", GoalId::value, Goal::id);
  private static final Numbered<RequestId, HelpRequest> NO_REQUESTS =
      Numbered.empty("r", RequestId::value, HelpRequest::id);

  SessionState(
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
      Map<Role, InviteGeneration> invites,
      Map<ParticipantId, String> helpPlaces,
      QueueState queueState,
      Announcement announcement,
      Map<ParticipantId, List<String>> expertTopics,
      Map<ParticipantId, List<String>> peerOffers) {
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
    this.helpPlaces = helpPlaces;
    this.queueState = queueState;
    this.announcement = announcement;
    this.expertTopics = expertTopics;
    this.peerOffers = peerOffers;
  }

  /** The state of a session that has no events yet: {@link SessionStatus#UNSCHEDULED}, version 0. */
  public static SessionState initial(SessionId id) {
    Objects.requireNonNull(id, "id");
    return new SessionState(id, null, SessionStatus.UNSCHEDULED, 0, null, null, List.of(), null, null,
        Map.of(), NO_GOALS, NO_REQUESTS, Map.of(), DEFAULT_NO_SHOW_MINUTES, Map.of(),
        Map.of(), QueueState.INITIAL, null, Map.of(), Map.of());
  }

  /** The state a snapshot holds (see {@link SessionSnapshot#state()}); {@code members} in join order. */
  static SessionState restore(SessionSnapshot s, Map<ParticipantId, Member> members) {
    var removed = new LinkedHashMap<ParticipantId, Removal>();
    s.removed().forEach(r -> removed.put(r.participant(), r));
    var invites = new java.util.EnumMap<Role, InviteGeneration>(Role.class);
    s.invites().forEach(i -> invites.put(i.role(), i));
    var places = new LinkedHashMap<ParticipantId, String>();
    s.helpPlaces().forEach(p -> places.put(p.by(), p.place()));
    var topics = new LinkedHashMap<ParticipantId, List<String>>();
    s.expertTopics().forEach(t -> topics.put(t.who(), t.topics()));
    var offers = new LinkedHashMap<ParticipantId, List<String>>();
    s.peerOffers().forEach(t -> offers.put(t.who(), t.topics()));
    var goals = NO_GOALS.edit();
    s.goals().forEach(goals::put);
    var requests = NO_REQUESTS.edit();
    s.requests().forEach(requests::put);
    return new SessionState(s.id(), s.plan().orElse(null), s.status(), s.version(), s.lastEventAt().orElse(null),
        s.currentPhase().orElse(null), s.completedPhases(), s.startedAt().orElse(null), s.endedAt().orElse(null),
        members.isEmpty() ? Map.of() : Collections.unmodifiableMap(members), goals.build(), requests.build(),
        removed.isEmpty() ? Map.of() : Collections.unmodifiableMap(removed), s.noShowMinutes(),
        invites.isEmpty() ? Map.of() : Collections.unmodifiableMap(invites),
        places.isEmpty() ? Map.of() : Collections.unmodifiableMap(places), s.queueState(),
        s.announcement().orElse(null),
        topics.isEmpty() ? Map.of() : Collections.unmodifiableMap(topics),
        offers.isEmpty() ? Map.of() : Collections.unmodifiableMap(offers));
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
   * scheduled; while open or running, the earlier of the current phase's planned end and the
   * earliest time a request on hold comes back by itself; empty otherwise.
   */
  public Optional<Instant> nextDeadline() {
    if (status == SessionStatus.SCHEDULED) {
      return Optional.of(plan.plannedStart());
    }
    if (status.isFinal()) {
      return Optional.empty();
    }
    Instant next = status == SessionStatus.RUNNING ? current.endsAt() : null;
    for (int i = 0; i < requests.size(); i++) {
      HelpRequest r = requests.at(i);
      if (r.status() == HelpRequest.Status.ON_HOLD && r.heldUntil().isPresent()
          && (next == null || r.heldUntil().get().isBefore(next))) {
        next = r.heldUntil().get();
      }
    }
    return Optional.ofNullable(next);
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

  /**
   * Where each expert (or host) who said so helps ({@link Command.SetHelpPlace}): a place in the
   * room or a call link, in the order they first said it. Unmodifiable.
   */
  public Map<ParticipantId, String> helpPlaces() {
    return helpPlaces;
  }

  /** Where {@code who} helps, if they said so. */
  public Optional<String> helpPlace(ParticipantId who) {
    return Optional.ofNullable(helpPlaces.get(who));
  }

  /** The help queue's state: open, paused or closed, with the reason everyone is shown. */
  public QueueState queueState() {
    return queueState;
  }

  /** The message pinned at the top of the room, if a host or an expert posted one. */
  public Optional<Announcement> announcement() {
    return Optional.ofNullable(announcement);
  }

  /**
   * The help topics each expert who chose takes ({@link Command.SetExpertTopics}), in the order
   * they first chose; an expert not in it takes all. Unmodifiable.
   */
  public Map<ParticipantId, List<String>> expertTopics() {
    return expertTopics;
  }

  /** Whether {@code expert} takes requests on {@code topicId}: they chose it, or chose none. */
  public boolean takesTopic(ParticipantId expert, String topicId) {
    List<String> topics = expertTopics.get(expert);
    return topics == null || topics.contains(topicId);
  }

  /**
   * The help topics each participant offered to help others with ({@link Command.OfferPeerHelp}),
   * in the order they first offered. Unmodifiable.
   */
  public Map<ParticipantId, List<String>> peerOffers() {
    return peerOffers;
  }

  /** The request {@code helper} (an expert or a peer) is helping with now, if any. */
  public Optional<HelpRequest> helpingWith(ParticipantId helper) {
    for (int i = 0; i < requests.size(); i++) {
      HelpRequest r = requests.at(i);
      if (r.status() == HelpRequest.Status.IN_PROGRESS && r.expert().map(helper::equals).orElse(false)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
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

  /**
   * The open (waiting, in progress or on hold) request {@code participant} asked or joined, if any.
   * There is at most one.
   */
  public Optional<HelpRequest> openRequestOf(ParticipantId participant) {
    for (int i = requests.size() - 1; i >= 0; i--) {
      HelpRequest r = requests.at(i);
      if (r.status().isOpen() && r.includes(participant)) {
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

  /**
   * How many helps {@code participant} has received: finished requests they asked or joined, by an
   * expert or a peer.
   */
  public int helpsReceived(ParticipantId participant) {
    int n = 0;
    for (int i = 0; i < requests.size(); i++) {
      HelpRequest r = requests.at(i);
      if (r.status() == HelpRequest.Status.FINISHED && r.includes(participant)) {
        n++;
      }
    }
    return n;
  }

  /** How many requests {@code peer} finished as a peer helper. */
  public int peerHelpsGiven(ParticipantId peer) {
    int n = 0;
    for (int i = 0; i < requests.size(); i++) {
      HelpRequest r = requests.at(i);
      if (r.status() == HelpRequest.Status.FINISHED && r.byPeer() && r.expert().map(peer::equals).orElse(false)) {
        n++;
      }
    }
    return n;
  }

  /** When the latest help {@code participant} received was finished, if any. */
  public Optional<Instant> lastHelpedAt(ParticipantId participant) {
    Instant last = null;
    for (int i = 0; i < requests.size(); i++) {
      HelpRequest r = requests.at(i);
      if (r.status() == HelpRequest.Status.FINISHED && r.includes(participant)) {
        Instant at = r.closedAt().orElseThrow();
        last = last == null || at.isAfter(last) ? at : last;
      }
    }
    return Optional.ofNullable(last);
  }

  int goalCount() {
    return goals.size();
  }

  int requestCount() {
    return requests.size();
  }

  /** Applies one event. Events are facts: this never rejects, and it trusts the decider's checks. */
  SessionState apply(SessionEvent event) {
    return new SessionStateBuilder(this).apply(event).build();
  }

  /** Applies events in order, copying each collection at most once for the whole batch. */
  SessionState applyAll(Iterable<? extends SessionEvent> events) {
    var b = new SessionStateBuilder(this);
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
        && invites.equals(s.invites)
        && helpPlaces.equals(s.helpPlaces)
        && queueState.equals(s.queueState)
        && Objects.equals(announcement, s.announcement)
        && expertTopics.equals(s.expertTopics)
        && peerOffers.equals(s.peerOffers);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, version, status, current, members, goals.valuesHash(), requests.valuesHash(), removed,
        noShowMinutes, invites, helpPlaces, queueState, announcement, expertTopics, peerOffers);
  }

  @Override
  public String toString() {
    return "SessionState[" + id + " v" + version + " " + status
        + (current == null ? "" : " phase " + current.index())
        + ", " + members.size() + " members, " + goals.size() + " goals, " + requests.size() + " requests]";
  }
}
