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
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The help queue: a participant raising and withdrawing a hand, an expert claiming the next or a
 * chosen request and finishing it; where an expert helps.
 */
final class HelpQueueDecider {
  private final SessionEngine engine;

  HelpQueueDecider(SessionEngine engine) {
    this.engine = engine;
  }

  Decision raiseHand(SessionState s, RaiseHand cmd, Instant at) {
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

  Decision withdrawHand(SessionState s, WithdrawHand cmd, Instant at) {
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

  Decision claimNext(SessionState s, ClaimNext cmd, Instant at) {
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

  Decision claimRequest(SessionState s, ClaimRequest cmd, Instant at) {
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

  Decision finishHelp(SessionState s, FinishHelp cmd, Instant at) {
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

  /** Experts and hosts say where they help; an empty place clears it, the same one again is no change. */
  static Decision setHelpPlace(SessionState s, Command.SetHelpPlace cmd, Instant at) {
    Optional<Member> m = s.member(cmd.actor());
    if (m.isEmpty() || !m.get().isPresent()) {
      return reject(NOT_A_PARTICIPANT, cmd.actor() + " is not present in session " + s.id());
    }
    if (m.get().role() == Role.PARTICIPANT) {
      return reject(ROLE_NOT_ALLOWED, "only an expert or a host says where help happens; " + cmd.actor()
          + " is a participant");
    }
    String place = TextRules.normalize(cmd.place());
    if (!place.isEmpty()) {
      Decision refused = refuse(TextRules.helpPlaceField(place), cmd.place(), INVALID_HELP_PLACE);
      if (refused != null) {
        return refused;
      }
    }
    return place.equals(s.helpPlace(cmd.actor()).orElse(""))
        ? accept()
        : accept(new SessionEvent.HelpPlaceSet(at, cmd.actor(), place));
  }
}
