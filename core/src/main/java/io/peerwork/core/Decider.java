package io.peerwork.core;

import static io.peerwork.core.RejectionCode.*;
import static io.peerwork.core.Verdicts.reject;

import io.peerwork.core.Command.AdvancePhase;
import io.peerwork.core.Command.CallOffSession;
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
import io.peerwork.core.Command.RescheduleSession;
import io.peerwork.core.Command.ScheduleSession;
import io.peerwork.core.Command.StartSession;
import io.peerwork.core.Command.Tick;
import io.peerwork.core.Command.WithdrawHand;
import java.time.Instant;

/**
 * The rules: which command, in which state, causes which events. Rejects every command to a session
 * that is not scheduled or is over, and hands the rest to the family it belongs to:
 * {@link LifecycleDecider}, {@link PeopleDecider}, {@link GoalDecider}, {@link HelpQueueDecider},
 * {@link QueueRoomDecider}, {@link PeerHelpDecider}.
 */
final class Decider {
  private final LifecycleDecider lifecycle;
  private final GoalDecider goals;
  private final HelpQueueDecider helpQueue;
  private final QueueRoomDecider queueRoom;
  private final PeerHelpDecider peers;

  Decider(SessionEngine engine) {
    this.lifecycle = new LifecycleDecider(engine);
    this.goals = new GoalDecider(engine);
    this.helpQueue = new HelpQueueDecider(engine);
    this.queueRoom = new QueueRoomDecider(engine);
    this.peers = new PeerHelpDecider(engine);
  }

  Decision decide(SessionState s, Command c, Instant at) {
    if (c instanceof ScheduleSession cmd) {
      return lifecycle.schedule(s, cmd, at);
    }
    if (s.status() == SessionStatus.UNSCHEDULED) {
      return reject(SESSION_NOT_FOUND, "session " + s.id() + " is not scheduled");
    }
    if (s.status().isFinal()) {
      return reject(SESSION_ENDED, "session " + s.id() + " is " + s.status().name().toLowerCase());
    }
    if (c instanceof Tick) {
      return lifecycle.tick(s, at);
    }
    if (c instanceof RescheduleSession cmd) {
      return lifecycle.reschedule(s, cmd, at);
    }
    if (c instanceof CallOffSession cmd) {
      return lifecycle.callOff(cmd, at);
    }
    if (c instanceof Join cmd) {
      return PeopleDecider.join(s, cmd, at);
    }
    if (c instanceof Leave cmd) {
      return PeopleDecider.leave(s, cmd, at);
    }
    if (c instanceof OpenSession cmd) {
      return lifecycle.open(s, cmd, at);
    }
    if (c instanceof StartSession cmd) {
      return lifecycle.start(s, cmd, at);
    }
    if (c instanceof AdvancePhase cmd) {
      return lifecycle.advance(s, cmd, at);
    }
    if (c instanceof ExtendPhase cmd) {
      return lifecycle.extend(s, cmd, at);
    }
    if (c instanceof EndSession cmd) {
      return lifecycle.end(s, cmd, at);
    }
    if (c instanceof CancelSession cmd) {
      return lifecycle.cancel(s, cmd, at);
    }
    if (c instanceof DeclareGoal cmd) {
      return goals.declareGoal(s, cmd, at);
    }
    if (c instanceof EditGoal cmd) {
      return goals.editGoal(s, cmd, at);
    }
    if (c instanceof MarkGoal cmd) {
      return goals.markGoal(s, cmd, at);
    }
    if (c instanceof RaiseHand cmd) {
      return helpQueue.raiseHand(s, cmd, at);
    }
    if (c instanceof WithdrawHand cmd) {
      return helpQueue.withdrawHand(s, cmd, at);
    }
    if (c instanceof ClaimNext cmd) {
      return helpQueue.claimNext(s, cmd, at);
    }
    if (c instanceof ClaimRequest cmd) {
      return helpQueue.claimRequest(s, cmd, at);
    }
    if (c instanceof FinishHelp cmd) {
      return helpQueue.finishHelp(s, cmd, at);
    }
    if (c instanceof Command.RemoveMember cmd) {
      return PeopleDecider.removeMember(s, cmd, at);
    }
    if (c instanceof Command.ReadmitMember cmd) {
      return PeopleDecider.readmitMember(s, cmd, at);
    }
    if (c instanceof Command.ReleaseSeat cmd) {
      return PeopleDecider.releaseSeat(s, cmd, at);
    }
    if (c instanceof Command.SetNoShowMinutes cmd) {
      return PeopleDecider.setNoShowMinutes(s, cmd, at);
    }
    if (c instanceof Command.RevokeInvite cmd) {
      return PeopleDecider.revokeInvite(s, cmd, at);
    }
    if (c instanceof Command.SetHelpPlace cmd) {
      return QueueRoomDecider.setHelpPlace(s, cmd, at);
    }
    if (c instanceof Command.HoldHelp cmd) {
      return helpQueue.holdHelp(s, cmd, at);
    }
    if (c instanceof Command.ReadyAgain cmd) {
      return HelpQueueDecider.readyAgain(s, cmd, at);
    }
    if (c instanceof Command.JoinRequest cmd) {
      return helpQueue.joinRequest(s, cmd, at);
    }
    if (c instanceof Command.SetQueueState cmd) {
      return QueueRoomDecider.setQueueState(s, cmd, at);
    }
    if (c instanceof Command.PostAnnouncement cmd) {
      return QueueRoomDecider.postAnnouncement(s, cmd, at);
    }
    if (c instanceof Command.RemoveAnnouncement cmd) {
      return QueueRoomDecider.removeAnnouncement(s, cmd, at);
    }
    if (c instanceof Command.RateHelp cmd) {
      return HelpQueueDecider.rateHelp(s, cmd, at);
    }
    if (c instanceof Command.SetExpertTopics cmd) {
      return queueRoom.setExpertTopics(s, cmd, at);
    }
    if (c instanceof Command.OfferPeerHelp cmd) {
      return peers.offerPeerHelp(s, cmd, at);
    }
    if (c instanceof Command.AcceptPeerHelp cmd) {
      return peers.acceptPeerHelp(s, cmd, at);
    }
    if (c instanceof Command.DeclinePeerHelp cmd) {
      return PeerHelpDecider.declinePeerHelp(s, cmd, at);
    }
    throw new IllegalArgumentException("unknown command " + c);
  }
}
