package io.peerwork.core;

import static io.peerwork.core.RejectionCode.*;
import static io.peerwork.core.Verdicts.*;

import io.peerwork.core.spi.TopicFormat;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * Peer helpers: a participant offers topics they can help with, and the asker of a waiting request
 * accepts the peer the engine's {@link io.peerwork.core.spi.PeerHelpPolicy} suggests, or keeps
 * waiting for the expert in the same place.
 */
final class PeerHelpDecider {
  private final SessionEngine engine;

  PeerHelpDecider(SessionEngine engine) {
    this.engine = engine;
  }

  Decision offerPeerHelp(SessionState s, Command.OfferPeerHelp cmd, Instant at) {
    Decision denied = requireOpenOrRunning(s);
    if (denied == null) {
      denied = requireRole(s, cmd.actor(), Role.PARTICIPANT);
    }
    if (denied == null) {
      denied = QueueRoomDecider.checkTopics(engine, s, cmd.topics());
    }
    if (denied == null) {
      denied = requireEarned(s, cmd);
    }
    if (denied != null) {
      return denied;
    }
    List<String> before = s.peerOffers().getOrDefault(cmd.actor(), List.of());
    return before.equals(cmd.topics()) ? accept() : accept(new SessionEvent.PeerOfferSet(at, cmd.actor(), cmd.topics()));
  }

  /**
   * Null if every topic of the offer is one the actor earned ({@link
   * SessionEngine#earnedPeerTopics}): named by the task of a goal of theirs marked done, or on
   * their offer already.
   */
  private Decision requireEarned(SessionState s, Command.OfferPeerHelp cmd) {
    List<String> earned = engine.earnedPeerTopics(s, cmd.actor());
    for (String t : cmd.topics()) {
      if (!earned.contains(t)) {
        return reject(PEER_TOPIC_NOT_EARNED, cmd.actor() + " may offer help on '" + t + "' once they have marked done"
            + " a goal whose task names it; earned so far: " + earned);
      }
    }
    return null;
  }

  Decision acceptPeerHelp(SessionState s, Command.AcceptPeerHelp cmd, Instant at) {
    Decision denied = requireOpenAnd(s, cmd.actor(), Role.PARTICIPANT);
    if (denied != null) {
      return denied;
    }
    denied = notTheAsker(s, cmd.actor(), "accepts a peer");
    if (denied != null) {
      return denied;
    }
    HelpRequest open = s.openRequestOf(cmd.actor()).orElseThrow();
    Optional<ParticipantId> suggested = engine.queue(s).entryOf(cmd.actor()).flatMap(HelpQueueView.Entry::peer);
    if (suggested.isEmpty() || !suggested.get().equals(cmd.peer())) {
      return reject(NO_PEER_SUGGESTED, cmd.peer() + " is not the peer suggested for " + open.id());
    }
    return accept(new SessionEvent.PeerHelpStarted(at, open.id(), cmd.peer()));
  }

  static Decision declinePeerHelp(SessionState s, Command.DeclinePeerHelp cmd, Instant at) {
    Decision denied = requireOpenAnd(s, cmd.actor(), Role.PARTICIPANT);
    if (denied != null) {
      return denied;
    }
    denied = notTheAsker(s, cmd.actor(), "declines peers");
    if (denied != null) {
      return denied;
    }
    HelpRequest open = s.openRequestOf(cmd.actor()).orElseThrow();
    return open.peerDeclined() ? accept() : accept(new SessionEvent.PeerHelpDeclined(at, open.id()));
  }

  /** Null if {@code actor} asked a request that waits; else the rejection ({@code what} they may not do). */
  private static Decision notTheAsker(SessionState s, ParticipantId actor, String what) {
    Optional<HelpRequest> open = s.openRequestOf(actor);
    if (open.isEmpty() || open.get().status() != HelpRequest.Status.WAITING) {
      return reject(NOT_IN_QUEUE, actor + " has no waiting request");
    }
    if (!open.get().participant().equals(actor)) {
      return reject(NOT_YOUR_REQUEST, "only " + open.get().participant() + ", who asked, " + what + " for "
          + open.get().id());
    }
    return null;
  }

}
