package io.peerwork.core;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Something someone asks a session to do. Commands go into {@link SessionEngine#decide}, which
 * answers with events or a {@link Rejection}.
 *
 * <p>A command's constructor checks only that nothing is {@code null}; what the content may be (the
 * length of a text, whether a goal exists, whether the actor may do this) is decided by the engine,
 * which answers a bad command with a rejection rather than an exception. The {@code actor} of a
 * command is the person on whose behalf it is sent; an application must set it from whom it has
 * authenticated, never from what a client claims.
 */
public sealed interface Command {

  /** Plans a new session. Sent by the organiser's application, not by a person in the room. */
  record ScheduleSession(SessionPlan plan) implements Command {
    public ScheduleSession {
      Objects.requireNonNull(plan, "plan");
    }
  }

  /**
   * The organiser's application moves a session that has not opened yet to another planned start,
   * e.g. because the date of its series moved. Not sent by a person in the room.
   */
  record RescheduleSession(Instant plannedStart) implements Command {
    public RescheduleSession {
      Objects.requireNonNull(plannedStart, "plannedStart");
    }
  }

  /**
   * The organiser's application calls a session off (before or during it), with a reason of up to
   * 280 characters, e.g. because the date of its series was cancelled. Not sent by a person in the
   * room; a host in the room uses {@link CancelSession}.
   */
  record CallOffSession(String reason) implements Command {
    public CallOffSession {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** A host opens the lobby early (it also opens by itself at the planned start; see {@link Tick}). */
  record OpenSession(ParticipantId actor) implements Command {
    public OpenSession {
      Objects.requireNonNull(actor, "actor");
    }
  }

  /** A host starts the agenda: its first phase begins. */
  record StartSession(ParticipantId actor) implements Command {
    public StartSession {
      Objects.requireNonNull(actor, "actor");
    }
  }

  /** A host ends the current phase early and begins the next one. */
  record AdvancePhase(ParticipantId actor) implements Command {
    public AdvancePhase {
      Objects.requireNonNull(actor, "actor");
    }
  }

  /** A host gives the current phase {@code minutes} more minutes (1 to 120). */
  record ExtendPhase(ParticipantId actor, int minutes) implements Command {
    public ExtendPhase {
      Objects.requireNonNull(actor, "actor");
    }
  }

  /** A host ends the session; open goals carry over. */
  record EndSession(ParticipantId actor) implements Command {
    public EndSession {
      Objects.requireNonNull(actor, "actor");
    }
  }

  /** A host calls the session off, with a reason of up to 280 characters (may be empty). */
  record CancelSession(ParticipantId actor, String reason) implements Command {
    public CancelSession {
      Objects.requireNonNull(actor, "actor");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * The clock moved on. At or after {@link SessionState#nextDeadline()} it opens the lobby (at the
   * planned start), ends the current phase (at its planned end) or brings a request on hold back
   * to the queue (at the time its expert set); before it, it does nothing. A
   * server sends one when its timer for the deadline fires; sending one too often is harmless.
   */
  record Tick() implements Command {}

  /**
   * Someone joins (or rejoins after leaving) with a display name and a role.
   *
   * <p>Like the actor, the role is part of who the application authenticated: it must come from
   * what the application granted this person (the demo server takes it from a signed token made
   * for an invite code of that role), never from what a client asks for. The engine then holds
   * the person to that role for the whole session ({@link RejectionCode#ROLE_MISMATCH}).
   */
  record Join(ParticipantId actor, String displayName, Role role) implements Command {
    public Join {
      Objects.requireNonNull(actor, "actor");
      Objects.requireNonNull(displayName, "displayName");
      Objects.requireNonNull(role, "role");
    }
  }

  /** Someone leaves the room. Their waiting help request is withdrawn; an expert's claimed one returns to the queue. */
  record Leave(ParticipantId actor) implements Command {
    public Leave {
      Objects.requireNonNull(actor, "actor");
    }
  }

  /**
   * A participant declares a goal for the current focus block, or for the next one if none is
   * running. {@code text} has 1 to 280 characters; {@code taskId}, if present, names the task of
   * the format's catalogue the goal is taken from.
   */
  record DeclareGoal(ParticipantId actor, String text, Optional<String> taskId) implements Command {
    public DeclareGoal {
      Objects.requireNonNull(actor, "actor");
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(taskId, "taskId");
    }
  }

  /** A participant rewrites one of their goals (1 to 280 characters). */
  record EditGoal(ParticipantId actor, GoalId goal, String text) implements Command {
    public EditGoal {
      Objects.requireNonNull(actor, "actor");
      Objects.requireNonNull(goal, "goal");
      Objects.requireNonNull(text, "text");
    }
  }

  /** A participant reports how far one of their goals got. */
  record MarkGoal(ParticipantId actor, GoalId goal, GoalStatus status) implements Command {
    public MarkGoal {
      Objects.requireNonNull(actor, "actor");
      Objects.requireNonNull(goal, "goal");
      Objects.requireNonNull(status, "status");
    }
  }

  /** A participant asks for help on one of the format's topics, with a note of up to 500 characters. */
  record RaiseHand(ParticipantId actor, String topicId, String note) implements Command {
    public RaiseHand {
      Objects.requireNonNull(actor, "actor");
      Objects.requireNonNull(topicId, "topicId");
      Objects.requireNonNull(note, "note");
    }
  }

  /** A participant withdraws their waiting help request. */
  record WithdrawHand(ParticipantId actor) implements Command {
    public WithdrawHand {
      Objects.requireNonNull(actor, "actor");
    }
  }

  /** An expert takes the first waiting request in the queue's order. */
  record ClaimNext(ParticipantId actor) implements Command {
    public ClaimNext {
      Objects.requireNonNull(actor, "actor");
    }
  }

  /** An expert takes a chosen waiting request. */
  record ClaimRequest(ParticipantId actor, RequestId request) implements Command {
    public ClaimRequest {
      Objects.requireNonNull(actor, "actor");
      Objects.requireNonNull(request, "request");
    }
  }

  /** An expert finishes a request they claimed, with an outcome. */
  record FinishHelp(ParticipantId actor, RequestId request, HelpOutcome outcome) implements Command {
    public FinishHelp {
      Objects.requireNonNull(actor, "actor");
      Objects.requireNonNull(request, "request");
      Objects.requireNonNull(outcome, "outcome");
    }
  }

  /**
   * A host takes a member's seat away, with a reason of up to 280 characters (may be empty), or the
   * organiser's application does ({@code actor} empty; e.g. because the person cancelled their
   * registration for this date of a series). The member is no longer present (their visit ends, a
   * waiting help request is withdrawn, a help they were giving goes back to the queue), their goals
   * stay, and they cannot join again ({@link RejectionCode#MEMBER_REMOVED}) until {@link
   * ReadmitMember}. A host may not remove themself ({@link RejectionCode#CANNOT_REMOVE_SELF}) nor
   * another host ({@link RejectionCode#CANNOT_REMOVE_HOST}), and only someone who has joined ({@link
   * RejectionCode#UNKNOWN_MEMBER}); the organiser's application may remove anyone, also someone who
   * has not joined yet. Removing someone removed already changes nothing.
   *
   * <p>An empty {@code actor} is the application itself: a server must set {@code actor} from whom it
   * authenticated for every command a client sends, so a client can never send the empty one.
   */
  record RemoveMember(Optional<ParticipantId> actor, ParticipantId participant, String reason) implements Command {
    public RemoveMember {
      Objects.requireNonNull(actor, "actor");
      Objects.requireNonNull(participant, "participant");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * A host lets a removed member join again, or the organiser's application does ({@code actor}
   * empty; e.g. because the person took their seat of a series date back). They are not present
   * until they join. Readmitting someone who is not removed changes nothing.
   */
  record ReadmitMember(Optional<ParticipantId> actor, ParticipantId participant) implements Command {
    public ReadmitMember {
      Objects.requireNonNull(actor, "actor");
      Objects.requireNonNull(participant, "participant");
    }
  }

  /**
   * The application frees the seat of a participant who holds it without being there: their
   * connection never came, or went and did not come back, within the session's {@linkplain
   * SessionState#noShowMinutes() no-show minutes}. Not sent by a person in the room. Like {@link
   * Leave}, it ends their visit and withdraws a waiting help request; unlike {@link RemoveMember},
   * they may join again whenever a seat is free.
   */
  record ReleaseSeat(ParticipantId participant, SeatReleaseReason reason) implements Command {
    public ReleaseSeat {
      Objects.requireNonNull(participant, "participant");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * A host sets after how many minutes (1 to 120) without a connection a participant's seat is free
   * again; 0: never. A new session has {@value SessionState#DEFAULT_NO_SHOW_MINUTES}.
   */
  record SetNoShowMinutes(ParticipantId actor, int minutes) implements Command {
    public SetNoShowMinutes {
      Objects.requireNonNull(actor, "actor");
    }
  }

  /**
   * A host replaces the invite link of {@code role} (participant or expert; the host link is the
   * organiser's, {@link RejectionCode#INVITE_NOT_REVOCABLE}): its generation goes up by one, so the
   * old code admits nobody any more and the new one admits anew. People admitted already keep their
   * places (remove them one by one with {@link RemoveMember}).
   */
  record RevokeInvite(ParticipantId actor, Role role) implements Command {
    public RevokeInvite {
      Objects.requireNonNull(actor, "actor");
      Objects.requireNonNull(role, "role");
    }
  }

  /**
   * An expert (or a host) says where they help, once per session: a place in the room ("Tisch 2",
   * up to 120 characters on one line, {@link TextRules.Field#HELP_PLACE}) or a call link (an
   * absolute {@code http}/{@code https} address, {@link TextRules.Field#LINK}). The participant they
   * help is told it. An empty {@code place} clears it; setting the same place again changes nothing.
   * A bad text is {@link RejectionCode#INVALID_HELP_PLACE}; participants may not ({@link
   * RejectionCode#ROLE_NOT_ALLOWED}).
   *
   * <pre>{@code
   * engine.decide(state, new Command.SetHelpPlace(eva, "Tisch 2"), now);   // HelpPlaceSet
   * }</pre>
   */
  record SetHelpPlace(ParticipantId actor, String place) implements Command {
    public SetHelpPlace {
      Objects.requireNonNull(actor, "actor");
      Objects.requireNonNull(place, "place");
    }
  }

  /**
   * An expert puts a request they are helping on hold ("try this, tell me when it's done") and is
   * free for the next one. It comes back at the top of the queue when one of its members says they
   * are ready ({@link ReadyAgain}), or after {@code minutes} (1 to {@value HelpQueueDecider#MAX_HOLD_MINUTES};
   * 0: only when they say so). Others move up meanwhile. A peer's help cannot be held.
   */
  record HoldHelp(ParticipantId actor, RequestId request, int minutes) implements Command {
    public HoldHelp {
      Objects.requireNonNull(actor, "actor");
      Objects.requireNonNull(request, "request");
    }
  }

  /** A member of a request on hold says they are ready: it comes back at the top of the queue. */
  record ReadyAgain(ParticipantId actor) implements Command {
    public ReadyAgain {
      Objects.requireNonNull(actor, "actor");
    }
  }

  /**
   * A participant joins someone's waiting request ("me too"), with a note of their own (up to 500
   * characters, may be empty): the expert then helps them together, and each counts as helped.
   */
  record JoinRequest(ParticipantId actor, RequestId request, String note) implements Command {
    public JoinRequest {
      Objects.requireNonNull(actor, "actor");
      Objects.requireNonNull(request, "request");
      Objects.requireNonNull(note, "note");
    }
  }

  /**
   * An expert or a host opens, pauses ("back in 10 minutes") or closes the help queue, with a reason
   * of up to 280 characters shown to everyone (may be empty). Pausing keeps everyone's place and
   * takes nobody; closing takes no new hands but still serves those waiting.
   */
  record SetQueueState(ParticipantId actor, QueueStatus status, String reason) implements Command {
    public SetQueueState {
      Objects.requireNonNull(actor, "actor");
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * A host or an expert pins a short message (1 to 280 characters) at the top of the room, for
   * everyone or only for those waiting for help; it replaces the one before.
   */
  record PostAnnouncement(ParticipantId actor, String text, Announcement.Audience audience) implements Command {
    public PostAnnouncement {
      Objects.requireNonNull(actor, "actor");
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(audience, "audience");
    }
  }

  /** A host or an expert takes the pinned message down. */
  record RemoveAnnouncement(ParticipantId actor) implements Command {
    public RemoveAnnouncement {
      Objects.requireNonNull(actor, "actor");
    }
  }

  /**
   * A helped participant answers with one tap how a finished help went: solved, partly, not yet.
   * Each member of a group answers for themself; answering again replaces the answer.
   */
  record RateHelp(ParticipantId actor, RequestId request, HelpFeedback answer) implements Command {
    public RateHelp {
      Objects.requireNonNull(actor, "actor");
      Objects.requireNonNull(request, "request");
      Objects.requireNonNull(answer, "answer");
    }
  }

  /**
   * An expert chooses the help topics they take (empty: all). "Claim next" then gives them the
   * first waiting request on one of their topics.
   */
  record SetExpertTopics(ParticipantId actor, java.util.List<String> topics) implements Command {
    public SetExpertTopics {
      Objects.requireNonNull(actor, "actor");
      topics = java.util.List.copyOf(Objects.requireNonNull(topics, "topics"));
    }
  }

  /**
   * A participant offers to help others with these help topics ("ich kann bei Canva helfen"), up to
   * {@value QueueRoomDecider#MAX_TOPICS}; an empty list takes the offer back.
   */
  record OfferPeerHelp(ParticipantId actor, java.util.List<String> topics) implements Command {
    public OfferPeerHelp {
      Objects.requireNonNull(actor, "actor");
      topics = java.util.List.copyOf(Objects.requireNonNull(topics, "topics"));
    }
  }

  /**
   * The asker of a waiting request accepts the peer the session suggests to them ({@link
   * HelpQueueView.Entry#peer()}); {@code peer} must be that suggestion, so nobody is sent to a peer
   * they did not see.
   */
  record AcceptPeerHelp(ParticipantId actor, ParticipantId peer) implements Command {
    public AcceptPeerHelp {
      Objects.requireNonNull(actor, "actor");
      Objects.requireNonNull(peer, "peer");
    }
  }

  /** The asker of a waiting request keeps waiting for the expert: no peer is suggested again. */
  record DeclinePeerHelp(ParticipantId actor) implements Command {
    public DeclinePeerHelp {
      Objects.requireNonNull(actor, "actor");
    }
  }
}
