package io.peerwork.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Something that happened in a session. Events are facts: immutable, never rejected, applied in
 * order by {@link SessionEngine#evolve}. A session's state is exactly the result of replaying its
 * events.
 *
 * <p>Every event carries the instant it took effect. {@code by} names the person who caused it;
 * an empty {@code by} means the session's clock did (a {@link Command.Tick}).
 */
public sealed interface SessionEvent {

  /** When the event took effect. */
  Instant at();

  /** The session was planned. Always the first event of a session. */
  record SessionScheduled(Instant at, SessionPlan plan) implements SessionEvent {
    public SessionScheduled {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(plan, "plan");
    }
  }

  /** The lobby opened. */
  record SessionOpened(Instant at, Optional<ParticipantId> by) implements SessionEvent {
    public SessionOpened {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(by, "by");
    }
  }

  /** The agenda started: its first phase began. */
  record SessionStarted(Instant at, ParticipantId by) implements SessionEvent {
    public SessionStarted {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(by, "by");
    }
  }

  /** Phase {@code from} ended and phase {@code to} began. */
  record PhaseAdvanced(Instant at, int from, int to, Optional<ParticipantId> by) implements SessionEvent {
    public PhaseAdvanced {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(by, "by");
    }
  }

  /** The current phase got more time. */
  record PhaseExtended(Instant at, int phase, Duration extension, ParticipantId by) implements SessionEvent {
    public PhaseExtended {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(extension, "extension");
      Objects.requireNonNull(by, "by");
    }
  }

  /** The session ended: by a host, or by the clock at the end of its last phase. */
  record SessionEnded(Instant at, Optional<ParticipantId> by) implements SessionEvent {
    public SessionEnded {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(by, "by");
    }
  }

  /** The session was moved to another planned start before it opened. */
  record SessionRescheduled(Instant at, Instant plannedStart) implements SessionEvent {
    public SessionRescheduled {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(plannedStart, "plannedStart");
    }
  }

  /** The session was called off: by a host, or by the organiser ({@code by} empty). */
  record SessionCancelled(Instant at, Optional<ParticipantId> by, String reason) implements SessionEvent {
    public SessionCancelled {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(by, "by");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** Someone joined, or rejoined after leaving. */
  record ParticipantJoined(Instant at, ParticipantId participant, String displayName, Role role)
      implements SessionEvent {
    public ParticipantJoined {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(participant, "participant");
      Objects.requireNonNull(displayName, "displayName");
      Objects.requireNonNull(role, "role");
    }
  }

  /** Someone left. */
  record ParticipantLeft(Instant at, ParticipantId participant) implements SessionEvent {
    public ParticipantLeft {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(participant, "participant");
    }
  }

  /** A participant declared a goal for the focus block at agenda index {@code focusBlock}. */
  record GoalDeclared(
      Instant at, GoalId goal, ParticipantId owner, int focusBlock, String text, Optional<String> taskId)
      implements SessionEvent {
    public GoalDeclared {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(goal, "goal");
      Objects.requireNonNull(owner, "owner");
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(taskId, "taskId");
    }
  }

  /** A goal's text changed. */
  record GoalEdited(Instant at, GoalId goal, String text) implements SessionEvent {
    public GoalEdited {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(goal, "goal");
      Objects.requireNonNull(text, "text");
    }
  }

  /** A goal's status changed. */
  record GoalMarked(Instant at, GoalId goal, GoalStatus status) implements SessionEvent {
    public GoalMarked {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(goal, "goal");
      Objects.requireNonNull(status, "status");
    }
  }

  /** At the closing round (or the end), goals still open became carry-overs. */
  record GoalsCarriedOver(Instant at, List<GoalId> goals) implements SessionEvent {
    public GoalsCarriedOver {
      Objects.requireNonNull(at, "at");
      goals = List.copyOf(Objects.requireNonNull(goals, "goals"));
    }
  }

  /** A participant asked for help. */
  record HandRaised(Instant at, RequestId request, ParticipantId participant, String topicId, String note)
      implements SessionEvent {
    public HandRaised {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(request, "request");
      Objects.requireNonNull(participant, "participant");
      Objects.requireNonNull(topicId, "topicId");
      Objects.requireNonNull(note, "note");
    }
  }

  /** A waiting request was withdrawn, by its participant or because they left. */
  record HandWithdrawn(Instant at, RequestId request) implements SessionEvent {
    public HandWithdrawn {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(request, "request");
    }
  }

  /** An expert took a request. */
  record HelpClaimed(Instant at, RequestId request, ParticipantId expert) implements SessionEvent {
    public HelpClaimed {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(request, "request");
      Objects.requireNonNull(expert, "expert");
    }
  }

  /** A claimed request went back to the queue, in its old place, because its expert left. */
  record HelpReleased(Instant at, RequestId request) implements SessionEvent {
    public HelpReleased {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(request, "request");
    }
  }

  /** An expert finished a request. */
  record HelpFinished(Instant at, RequestId request, HelpOutcome outcome) implements SessionEvent {
    public HelpFinished {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(request, "request");
      Objects.requireNonNull(outcome, "outcome");
    }
  }

  /**
   * A member's seat was taken away: by a host, or by the organiser's application ({@code by} empty).
   * They are no longer present and may not join again unless readmitted.
   */
  record MemberRemoved(Instant at, ParticipantId participant, Optional<ParticipantId> by, String reason)
      implements SessionEvent {
    public MemberRemoved {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(participant, "participant");
      Objects.requireNonNull(by, "by");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** A removed member may join again: a host let them, or the organiser's application ({@code by} empty). */
  record MemberReadmitted(Instant at, ParticipantId participant, Optional<ParticipantId> by) implements SessionEvent {
    public MemberReadmitted {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(participant, "participant");
      Objects.requireNonNull(by, "by");
    }
  }

  /** A participant's seat was freed because they were not there (see {@link Command.ReleaseSeat}). */
  record SeatReleased(Instant at, ParticipantId participant, SeatReleaseReason reason) implements SessionEvent {
    public SeatReleased {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(participant, "participant");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** A host set the no-show minutes (0: seats are never freed for absence). */
  record NoShowMinutesSet(Instant at, int minutes, ParticipantId by) implements SessionEvent {
    public NoShowMinutesSet {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(by, "by");
    }
  }

  /** A host replaced the invite link of {@code role}; {@code generation} is the new link's. */
  record InviteRevoked(Instant at, Role role, int generation, ParticipantId by) implements SessionEvent {
    public InviteRevoked {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(by, "by");
    }
  }

  /**
   * An expert or a host set where they help: {@code place} is a place in the room or a call link
   * (normalized); empty when they cleared it.
   */
  record HelpPlaceSet(Instant at, ParticipantId by, String place) implements SessionEvent {
    public HelpPlaceSet {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(by, "by");
      Objects.requireNonNull(place, "place");
    }
  }

  /**
   * An expert put a request they were helping on hold; it comes back at {@code until} if set, or
   * when one of its members says they are ready.
   */
  record HelpHeld(Instant at, RequestId request, ParticipantId by, Optional<Instant> until) implements SessionEvent {
    public HelpHeld {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(request, "request");
      Objects.requireNonNull(by, "by");
      Objects.requireNonNull(until, "until");
    }
  }

  /**
   * A request on hold came back to the top of the queue: a member said they are ready ({@code by}),
   * or its time was up ({@code by} empty).
   */
  record HoldEnded(Instant at, RequestId request, Optional<ParticipantId> by) implements SessionEvent {
    public HoldEnded {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(request, "request");
      Objects.requireNonNull(by, "by");
    }
  }

  /** A participant joined a waiting request ("me too"), with a note of their own. */
  record RequestJoined(Instant at, RequestId request, ParticipantId participant, String note) implements SessionEvent {
    public RequestJoined {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(request, "request");
      Objects.requireNonNull(participant, "participant");
      Objects.requireNonNull(note, "note");
    }
  }

  /**
   * A member of a group request left it (withdrew, or left the room) while others stay in it; if
   * they asked, the group's next member asks now.
   */
  record RequestLeft(Instant at, RequestId request, ParticipantId participant) implements SessionEvent {
    public RequestLeft {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(request, "request");
      Objects.requireNonNull(participant, "participant");
    }
  }

  /** An expert or a host opened, paused or closed the help queue, with a reason for everyone. */
  record QueueStateSet(Instant at, QueueStatus status, String reason, ParticipantId by) implements SessionEvent {
    public QueueStateSet {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(by, "by");
    }
  }

  /** A host or an expert pinned a message at the top of the room, replacing any before it. */
  record AnnouncementPosted(Instant at, ParticipantId by, String text, Announcement.Audience audience)
      implements SessionEvent {
    public AnnouncementPosted {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(by, "by");
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(audience, "audience");
    }
  }

  /** A host or an expert took the pinned message down. */
  record AnnouncementRemoved(Instant at, ParticipantId by) implements SessionEvent {
    public AnnouncementRemoved {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(by, "by");
    }
  }

  /** A helped member answered how the help went; a later answer replaces theirs. */
  record HelpRated(Instant at, RequestId request, ParticipantId participant, HelpFeedback answer)
      implements SessionEvent {
    public HelpRated {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(request, "request");
      Objects.requireNonNull(participant, "participant");
      Objects.requireNonNull(answer, "answer");
    }
  }

  /** An expert chose the help topics they take; empty: all of them. */
  record ExpertTopicsSet(Instant at, ParticipantId expert, List<String> topics) implements SessionEvent {
    public ExpertTopicsSet {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(expert, "expert");
      topics = List.copyOf(Objects.requireNonNull(topics, "topics"));
    }
  }

  /** A participant offered to help others with these help topics; empty: they took the offer back. */
  record PeerOfferSet(Instant at, ParticipantId participant, List<String> topics) implements SessionEvent {
    public PeerOfferSet {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(participant, "participant");
      topics = List.copyOf(Objects.requireNonNull(topics, "topics"));
    }
  }

  /** The asker accepted a peer's help: the peer helps with the request now. */
  record PeerHelpStarted(Instant at, RequestId request, ParticipantId peer) implements SessionEvent {
    public PeerHelpStarted {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(request, "request");
      Objects.requireNonNull(peer, "peer");
    }
  }

  /** The asker keeps waiting for the expert: no peer is suggested to them again; their place stays. */
  record PeerHelpDeclined(Instant at, RequestId request) implements SessionEvent {
    public PeerHelpDeclined {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(request, "request");
    }
  }
}
