package io.peerwork.core;

import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link SessionState} as plain values, to be stored and turned back into the same state: what a
 * {@link SnapshotStore} keeps so that a session loads from its newest snapshot and the events after
 * it, instead of from all its events.
 *
 * <pre>{@code
 * SessionSnapshot snapshot = SessionSnapshot.of(state);   // store it (e.g. as JSON)
 * SessionState again = snapshot.state();                   // equals state
 * }</pre>
 *
 * <p>The components are the state's public accessors, in the same order and with the same
 * meaning; {@link #state()} of {@link #of(SessionState) of(s)} {@linkplain SessionState#equals
 * equals} {@code s}. The constructor checks what a state guarantees (no nulls, a version of at
 * least 0, members, goals and requests each with distinct ids), so a snapshot read from storage is
 * either a valid state or fails to be made ({@link IllegalArgumentException} or {@link
 * NullPointerException}). Whether it is the state of its session's events at {@code version} is
 * for the store to make sure of (it was written from one).
 *
 * @param id the session
 * @param version the number of events the state holds
 * @param plan {@link SessionState#plan()}
 * @param status {@link SessionState#status()}
 * @param lastEventAt {@link SessionState#lastEventAt()}
 * @param currentPhase {@link SessionState#currentPhase()}
 * @param completedPhases {@link SessionState#completedPhases()}
 * @param startedAt {@link SessionState#startedAt()}
 * @param endedAt {@link SessionState#endedAt()}
 * @param members the values of {@link SessionState#members()}, in join order
 * @param goals {@link SessionState#goals()}, in declaration order
 * @param requests {@link SessionState#requests()}, in the order hands were raised
 * @param removed the values of {@link SessionState#removed()}, in the order of removal
 * @param noShowMinutes {@link SessionState#noShowMinutes()}
 * @param invites the values of {@link SessionState#invites()}
 * @param helpPlaces {@link SessionState#helpPlaces()}, in its order
 * @param queueState {@link SessionState#queueState()}
 * @param announcement {@link SessionState#announcement()}
 * @param expertTopics {@link SessionState#expertTopics()}, in its order
 * @param peerOffers {@link SessionState#peerOffers()}, in its order
 */
public record SessionSnapshot(
    SessionId id,
    long version,
    Optional<SessionPlan> plan,
    SessionStatus status,
    Optional<Instant> lastEventAt,
    Optional<CurrentPhase> currentPhase,
    List<PhaseRun> completedPhases,
    Optional<Instant> startedAt,
    Optional<Instant> endedAt,
    List<Member> members,
    List<Goal> goals,
    List<HelpRequest> requests,
    List<Removal> removed,
    int noShowMinutes,
    List<InviteGeneration> invites,
    List<HelpPlace> helpPlaces,
    QueueState queueState,
    Optional<Announcement> announcement,
    List<Topics> expertTopics,
    List<Topics> peerOffers) {

  /** Checks for nulls, copies the lists and checks that versions and ids are as in a state. */
  public SessionSnapshot {
    Objects.requireNonNull(id, "id");
    if (version < 0) {
      throw new IllegalArgumentException("version must not be negative: " + version);
    }
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(lastEventAt, "lastEventAt");
    Objects.requireNonNull(currentPhase, "currentPhase");
    completedPhases = List.copyOf(completedPhases);
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(endedAt, "endedAt");
    members = List.copyOf(members);
    goals = List.copyOf(goals);
    requests = List.copyOf(requests);
    removed = List.copyOf(removed);
    invites = List.copyOf(invites);
    helpPlaces = List.copyOf(helpPlaces);
    Objects.requireNonNull(queueState, "queueState");
    Objects.requireNonNull(announcement, "announcement");
    expertTopics = List.copyOf(expertTopics);
    peerOffers = List.copyOf(peerOffers);
    distinct("expert's topic", expertTopics.stream().map(Topics::who).toList());
    distinct("peer offer", peerOffers.stream().map(Topics::who).toList());
    if (noShowMinutes < 0) {
      throw new IllegalArgumentException("noShowMinutes must not be negative: " + noShowMinutes);
    }
    distinct("removal", removed.stream().map(Removal::participant).toList());
    distinct("invite", invites.stream().map(InviteGeneration::role).toList());
    distinct("help place", helpPlaces.stream().map(HelpPlace::by).toList());
    distinct("member", members.stream().map(Member::id).toList());
    distinct("goal", goals.stream().map(Goal::id).toList());
    distinct("request", requests.stream().map(HelpRequest::id).toList());
    if (plan.isPresent() && !plan.get().id().equals(id)) {
      throw new IllegalArgumentException("the plan is for session " + plan.get().id() + ", not " + id);
    }
  }

  /** The snapshot of {@code state}. */
  public static SessionSnapshot of(SessionState state) {
    Objects.requireNonNull(state, "state");
    return new SessionSnapshot(state.id(), state.version(), state.plan(), state.status(), state.lastEventAt(),
        state.currentPhase(), state.completedPhases(), state.startedAt(), state.endedAt(),
        List.copyOf(state.members().values()), state.goals(), state.requests(),
        List.copyOf(state.removed().values()), state.noShowMinutes(), List.copyOf(state.invites().values()),
        state.helpPlaces().entrySet().stream().map(e -> new HelpPlace(e.getKey(), e.getValue())).toList(),
        state.queueState(), state.announcement(),
        state.expertTopics().entrySet().stream().map(e -> new Topics(e.getKey(), e.getValue())).toList(),
        state.peerOffers().entrySet().stream().map(e -> new Topics(e.getKey(), e.getValue())).toList());
  }

  /** The state this snapshot holds: equal to the state it was taken of. */
  public SessionState state() {
    var byId = new LinkedHashMap<ParticipantId, Member>();
    for (Member m : members) {
      byId.put(m.id(), m);
    }
    return SessionState.restore(this, byId);
  }

  /**
   * Where one expert or host helps ({@link SessionState#helpPlaces()}).
   *
   * @param by the expert or host
   * @param place a place in the room or a call link, not empty
   */
  public record HelpPlace(ParticipantId by, String place) {
    /** Checks for nulls and that the place says something. */
    public HelpPlace {
      Objects.requireNonNull(by, "by");
      Objects.requireNonNull(place, "place");
      if (place.isEmpty()) {
        throw new IllegalArgumentException("a help place is not empty");
      }
    }
  }

  /**
   * The help topics one expert takes, or one peer offers help with.
   *
   * @param who the expert or peer
   * @param topics help topic ids, not empty, each once
   */
  public record Topics(ParticipantId who, List<String> topics) {
    /** Checks for nulls and that there is at least one topic, each once. */
    public Topics {
      Objects.requireNonNull(who, "who");
      topics = List.copyOf(topics);
      if (topics.isEmpty()) {
        throw new IllegalArgumentException("a topic list here is not empty");
      }
      distinct("topic", topics);
    }
  }

  private static void distinct(String what, List<?> ids) {
    if (new HashSet<>(ids).size() != ids.size()) {
      throw new IllegalArgumentException("two " + what + "s with the same id");
    }
  }
}
