package io.peerwork.core;

import static io.peerwork.core.RejectionCode.*;
import static io.peerwork.core.Verdicts.*;

import io.peerwork.core.Command.ClaimNext;
import io.peerwork.core.Command.ClaimRequest;
import io.peerwork.core.Command.FinishHelp;
import io.peerwork.core.Command.RaiseHand;
import io.peerwork.core.Command.WithdrawHand;
import io.peerwork.core.SessionEvent.HandRaised;
import io.peerwork.core.SessionEvent.HandWithdrawn;
import io.peerwork.core.SessionEvent.HelpClaimed;
import io.peerwork.core.SessionEvent.HelpFinished;
import io.peerwork.core.spi.TopicFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * The help queue: a participant raising and withdrawing a hand or joining another's request, an
 * expert claiming the next or a chosen request, holding it and finishing it, and the helped
 * answering how it went. How the queue is run is {@link QueueRoomDecider}'s; peers, {@link
 * PeerHelpDecider}'s.
 */
final class HelpQueueDecider {
  /** The longest hold an expert can set, in minutes. */
  static final int MAX_HOLD_MINUTES = 60;

  private final SessionEngine engine;

  HelpQueueDecider(SessionEngine engine) {
    this.engine = engine;
  }

  Decision raiseHand(SessionState s, RaiseHand cmd, Instant at) {
    Decision denied = requireOpenAnd(s, cmd.actor(), Role.PARTICIPANT);
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
    if (refused == null) {
      refused = mayAsk(s, cmd.actor(), format, at);
    }
    if (refused != null) {
      return refused;
    }
    RequestId id = new RequestId("r" + (s.requestCount() + 1));
    return accept(new HandRaised(at, id, cmd.actor(), cmd.topicId(), TextRules.normalize(cmd.note())));
  }

  /** Null if {@code who} may ask for help now: no open request, queue not closed, not asked just after a help. */
  private static Decision mayAsk(SessionState s, ParticipantId who, TopicFormat format, Instant at) {
    if (s.openRequestOf(who).isPresent()) {
      return reject(ALREADY_IN_QUEUE, who + " has an open request already");
    }
    if (s.queueState().status() == QueueStatus.CLOSED) {
      return reject(QUEUE_CLOSED, "the help queue is closed" + because(s.queueState().reason()));
    }
    Duration pause = format.raiseAgainAfter();
    Optional<Instant> last = s.lastHelpedAt(who);
    if (!pause.isZero() && last.isPresent() && at.isBefore(last.get().plus(pause))) {
      return reject(RAISED_TOO_SOON, who + " was helped at " + last.get() + "; format '" + format.id()
          + "' asks them to wait until " + last.get().plus(pause) + " before asking again");
    }
    return null;
  }

  Decision withdrawHand(SessionState s, WithdrawHand cmd, Instant at) {
    Decision denied = requireOpenAnd(s, cmd.actor(), Role.PARTICIPANT);
    if (denied != null) {
      return denied;
    }
    Optional<HelpRequest> open = s.openRequestOf(cmd.actor());
    if (open.isEmpty() || open.get().status() == HelpRequest.Status.IN_PROGRESS) {
      return reject(NOT_IN_QUEUE, cmd.actor() + " has no waiting request");
    }
    return accept(leaving(open.get(), cmd.actor(), at));
  }

  /** {@code who} leaves the waiting or held request {@code r}: the request is withdrawn, or the group goes on without them. */
  static SessionEvent leaving(HelpRequest r, ParticipantId who, Instant at) {
    return r.isGroup() ? new SessionEvent.RequestLeft(at, r.id(), who) : new HandWithdrawn(at, r.id());
  }

  Decision claimNext(SessionState s, ClaimNext cmd, Instant at) {
    Decision denied = readyExpert(s, cmd.actor());
    if (denied != null) {
      return denied;
    }
    List<HelpRequest> waiting = engine.orderedWaiting(s);
    if (waiting.isEmpty()) {
      return reject(QUEUE_EMPTY, "nobody is waiting for help");
    }
    for (HelpRequest r : waiting) {
      if (s.takesTopic(cmd.actor(), r.topicId())) {
        return accept(new HelpClaimed(at, r.id(), cmd.actor()));
      }
    }
    return reject(QUEUE_EMPTY, "nobody is waiting for help on the topics " + cmd.actor() + " takes "
        + s.expertTopics().get(cmd.actor()));
  }

  Decision claimRequest(SessionState s, ClaimRequest cmd, Instant at) {
    Decision denied = readyExpert(s, cmd.actor());
    if (denied != null) {
      return denied;
    }
    Optional<HelpRequest> r = s.request(cmd.request());
    if (r.isEmpty()) {
      return reject(UNKNOWN_REQUEST, "no request " + cmd.request());
    }
    HelpRequest.Status status = r.get().status();
    if (status != HelpRequest.Status.WAITING && status != HelpRequest.Status.ON_HOLD) {
      return reject(ALREADY_CLAIMED, "request " + cmd.request() + " is " + status.name().toLowerCase());
    }
    return accept(new HelpClaimed(at, cmd.request(), cmd.actor()));
  }

  Decision finishHelp(SessionState s, FinishHelp cmd, Instant at) {
    Decision denied = requireOpenOrRunning(s);
    if (denied == null && !s.isPresent(cmd.actor())) {
      denied = reject(NOT_A_PARTICIPANT, cmd.actor() + " is not present in session " + s.id());
    }
    if (denied != null) {
      return denied;
    }
    Optional<HelpRequest> r = s.request(cmd.request());
    if (r.isEmpty()) {
      return reject(UNKNOWN_REQUEST, "no request " + cmd.request());
    }
    if (r.get().status() != HelpRequest.Status.IN_PROGRESS || !r.get().expert().orElseThrow().equals(cmd.actor())) {
      Role role = s.member(cmd.actor()).orElseThrow().role();
      if (role != Role.EXPERT) {
        return reject(ROLE_NOT_ALLOWED, "only an expert, or the peer helping with it, finishes a help; "
            + cmd.actor() + " is not helping with " + cmd.request());
      }
      return reject(NOT_CLAIMED_BY_YOU, "request " + cmd.request() + " is not in " + cmd.actor() + "'s hands");
    }
    return accept(new HelpFinished(at, cmd.request(), cmd.outcome()));
  }

  Decision holdHelp(SessionState s, Command.HoldHelp cmd, Instant at) {
    Decision denied = requireOpenAnd(s, cmd.actor(), Role.EXPERT);
    if (denied != null) {
      return denied;
    }
    if (cmd.minutes() < 0 || cmd.minutes() > MAX_HOLD_MINUTES) {
      return reject(INVALID_HOLD_MINUTES, "a hold lasts 0 (until the participant is ready) or 1 to "
          + MAX_HOLD_MINUTES + " minutes, not " + cmd.minutes());
    }
    Optional<HelpRequest> r = s.request(cmd.request());
    if (r.isEmpty()) {
      return reject(UNKNOWN_REQUEST, "no request " + cmd.request());
    }
    if (r.get().status() != HelpRequest.Status.IN_PROGRESS || !r.get().expert().orElseThrow().equals(cmd.actor())) {
      return reject(NOT_CLAIMED_BY_YOU, "request " + cmd.request() + " is not in " + cmd.actor() + "'s hands");
    }
    Optional<Instant> until = cmd.minutes() == 0 ? Optional.empty() : Optional.of(at.plus(Duration.ofMinutes(cmd.minutes())));
    return accept(new SessionEvent.HelpHeld(at, cmd.request(), cmd.actor(), until));
  }

  static Decision readyAgain(SessionState s, Command.ReadyAgain cmd, Instant at) {
    Decision denied = requireOpenAnd(s, cmd.actor(), Role.PARTICIPANT);
    if (denied != null) {
      return denied;
    }
    Optional<HelpRequest> open = s.openRequestOf(cmd.actor());
    if (open.isEmpty() || open.get().status() != HelpRequest.Status.ON_HOLD) {
      return reject(NOT_ON_HOLD, cmd.actor() + " has no request on hold");
    }
    return accept(new SessionEvent.HoldEnded(at, open.get().id(), Optional.of(cmd.actor())));
  }

  /** The requests whose hold time is up at {@code now}, back in the queue: what a tick does to holds. */
  static List<SessionEvent> holdsDue(SessionState s, Instant now) {
    var events = new ArrayList<SessionEvent>();
    for (HelpRequest r : s.requests()) {
      if (r.status() == HelpRequest.Status.ON_HOLD && r.heldUntil().isPresent() && !now.isBefore(r.heldUntil().get())) {
        events.add(new SessionEvent.HoldEnded(now, r.id(), Optional.empty()));
      }
    }
    return events;
  }

  Decision joinRequest(SessionState s, Command.JoinRequest cmd, Instant at) {
    Decision denied = requireOpenAnd(s, cmd.actor(), Role.PARTICIPANT);
    if (denied != null) {
      return denied;
    }
    Optional<TopicFormat> known = engine.formats().find(s.requirePlan().formatId());
    if (known.isEmpty()) {
      return formatGone(s);
    }
    Optional<HelpRequest> r = s.request(cmd.request());
    if (r.isEmpty()) {
      return reject(UNKNOWN_REQUEST, "no request " + cmd.request());
    }
    Decision refused = refuse(TextRules.Field.NOTE, cmd.note(), INVALID_NOTE);
    if (refused == null) {
      refused = mayAsk(s, cmd.actor(), known.get(), at);
    }
    if (refused != null) {
      return refused;
    }
    if (r.get().status() != HelpRequest.Status.WAITING) {
      return reject(REQUEST_NOT_WAITING, "request " + cmd.request() + " is " + r.get().status().name().toLowerCase()
          + "; only a waiting request can be joined");
    }
    return accept(new SessionEvent.RequestJoined(at, cmd.request(), cmd.actor(), TextRules.normalize(cmd.note())));
  }

  static Decision rateHelp(SessionState s, Command.RateHelp cmd, Instant at) {
    Decision denied = requireOpenAnd(s, cmd.actor(), Role.PARTICIPANT);
    if (denied != null) {
      return denied;
    }
    Optional<HelpRequest> r = s.request(cmd.request());
    if (r.isEmpty()) {
      return reject(UNKNOWN_REQUEST, "no request " + cmd.request());
    }
    if (!r.get().includes(cmd.actor())) {
      return reject(NOT_YOUR_REQUEST, cmd.actor() + " neither asked nor joined " + cmd.request());
    }
    if (r.get().status() != HelpRequest.Status.FINISHED) {
      return reject(HELP_NOT_FINISHED, "request " + cmd.request() + " is " + r.get().status().name().toLowerCase());
    }
    return r.get().ratingOf(cmd.actor()).filter(cmd.answer()::equals).isPresent()
        ? accept()
        : accept(new SessionEvent.HelpRated(at, cmd.request(), cmd.actor(), cmd.answer()));
  }

  private Decision readyExpert(SessionState s, ParticipantId actor) {
    Decision denied = requireOpenAnd(s, actor, Role.EXPERT);
    if (denied != null) {
      return denied;
    }
    if (s.queueState().status() == QueueStatus.PAUSED) {
      return reject(QUEUE_PAUSED, "the help queue is paused" + because(s.queueState().reason())
          + "; open it to take the next one");
    }
    Optional<HelpRequest> busy = s.helpingWith(actor);
    if (busy.isPresent()) {
      return reject(EXPERT_BUSY, actor + " is helping with " + busy.get().id() + "; finish it first");
    }
    return null;
  }

}
