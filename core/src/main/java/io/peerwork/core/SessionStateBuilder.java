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
import java.util.Optional;

/**
 * How events change a {@link SessionState}: starts from a state, applies events in order and builds
 * the next state. Copy-on-write: each map is copied only if an event touches it, and at most once
 * for a whole batch. Events are facts: this never rejects, and it trusts the decider's checks.
 */
final class SessionStateBuilder {
  private final SessionId id;
  private SessionPlan plan;
  private SessionStatus status;
  private long version;
  private Instant lastEventAt;
  private CurrentPhase current;
  private List<PhaseRun> completedPhases;
  private Instant startedAt;
  private Instant endedAt;
  private Map<ParticipantId, Member> members;
  private final Numbered<GoalId, Goal>.Editor goals;
  private final Numbered<RequestId, HelpRequest>.Editor requests;
  private boolean membersCopied;
  private Map<ParticipantId, Removal> removed;
  private boolean removedCopied;
  private int noShowMinutes;
  private Map<Role, InviteGeneration> invites;
  private Map<ParticipantId, String> helpPlaces;
  private QueueState queueState;
  private Announcement announcement;
  private Map<ParticipantId, List<String>> expertTopics;
  private Map<ParticipantId, List<String>> peerOffers;

  SessionStateBuilder(SessionState s) {
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
    helpPlaces = s.helpPlaces;
    queueState = s.queueState;
    announcement = s.announcement;
    expertTopics = s.expertTopics;
    peerOffers = s.peerOffers;
  }

  /** {@code map} with {@code key} set to {@code topics}, or removed if they are empty; unmodifiable. */
  private static Map<ParticipantId, List<String>> withTopics(
      Map<ParticipantId, List<String>> map, ParticipantId key, List<String> topics) {
    var next = new LinkedHashMap<>(map);
    if (topics.isEmpty()) {
      next.remove(key);
    } else {
      next.put(key, List.copyOf(topics));
    }
    return next.isEmpty() ? Map.of() : Collections.unmodifiableMap(next);
  }

  private Map<ParticipantId, Removal> removed() {
    if (!removedCopied) {
      removed = new LinkedHashMap<>(removed);
      removedCopied = true;
    }
    return removed;
  }

  /** Ends the visit of {@code who} if they are present. */
  private void depart(ParticipantId who, Instant at) {
    Member m = members.get(who);
    if (m != null && m.isPresent()) {
      members().put(who, m.left(at));
    }
  }

  private Map<ParticipantId, Member> members() {
    if (!membersCopied) {
      members = new LinkedHashMap<>(members);
      membersCopied = true;
    }
    return members;
  }

  /** Applies {@code event} to the state being built. */
  SessionStateBuilder apply(SessionEvent event) {
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
    } else if (event instanceof SessionEvent.HelpPlaceSet e) {
      var next = new LinkedHashMap<>(helpPlaces);
      if (e.place().isEmpty()) {
        next.remove(e.by());
      } else {
        next.put(e.by(), e.place());
      }
      helpPlaces = next.isEmpty() ? Map.of() : Collections.unmodifiableMap(next);
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
      requests.put(requests.get(e.request()).claimed(e.expert(), false, e.at()));
    } else if (event instanceof HelpReleased e) {
      requests.put(requests.get(e.request()).released());
    } else if (event instanceof HelpFinished e) {
      requests.put(requests.get(e.request()).finished(e.outcome(), e.at()));
    } else if (event instanceof SessionEvent.HelpHeld e) {
      requests.put(requests.get(e.request()).held(e.until(), e.at()));
    } else if (event instanceof SessionEvent.HoldEnded e) {
      requests.put(requests.get(e.request()).returned(e.at()));
    } else if (event instanceof SessionEvent.RequestJoined e) {
      requests.put(requests.get(e.request()).joinedBy(e.participant(), e.note(), e.at()));
    } else if (event instanceof SessionEvent.RequestLeft e) {
      requests.put(requests.get(e.request()).without(e.participant()));
    } else if (event instanceof SessionEvent.HelpRated e) {
      requests.put(requests.get(e.request()).rated(e.participant(), e.answer()));
    } else if (event instanceof SessionEvent.PeerHelpStarted e) {
      requests.put(requests.get(e.request()).claimed(e.peer(), true, e.at()));
    } else if (event instanceof SessionEvent.PeerHelpDeclined e) {
      requests.put(requests.get(e.request()).declinedPeer());
    } else if (event instanceof SessionEvent.QueueStateSet e) {
      queueState = new QueueState(e.status(), e.reason(), Optional.of(e.by()), Optional.of(e.at()));
    } else if (event instanceof SessionEvent.AnnouncementPosted e) {
      announcement = new Announcement(e.text(), e.audience(), e.by(), e.at());
    } else if (event instanceof SessionEvent.AnnouncementRemoved) {
      announcement = null;
    } else if (event instanceof SessionEvent.ExpertTopicsSet e) {
      expertTopics = withTopics(expertTopics, e.expert(), e.topics());
    } else if (event instanceof SessionEvent.PeerOfferSet e) {
      peerOffers = withTopics(peerOffers, e.participant(), e.topics());
    } else {
      throw new IllegalArgumentException("unknown event " + event);
    }
    return this;
  }

  private void closeCurrentPhase(Instant at) {
    if (current != null) {
      var runs = new ArrayList<>(completedPhases);
      runs.add(current.endedAt(at));
      completedPhases = List.copyOf(runs);
      current = null;
    }
  }

  /** The state with every event applied so far. */
  SessionState build() {
    return new SessionState(id, plan, status, version, lastEventAt, current, completedPhases, startedAt,
        endedAt,
        membersCopied ? Collections.unmodifiableMap(members) : members,
        goals.build(),
        requests.build(),
        removedCopied ? Collections.unmodifiableMap(removed) : removed,
        noShowMinutes,
        invites,
        helpPlaces,
        queueState,
        announcement,
        expertTopics,
        peerOffers);
  }
}
