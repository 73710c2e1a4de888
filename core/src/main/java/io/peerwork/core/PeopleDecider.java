package io.peerwork.core;

import static io.peerwork.core.RejectionCode.*;
import static io.peerwork.core.Verdicts.*;

import io.peerwork.core.Command.Join;
import io.peerwork.core.Command.Leave;
import io.peerwork.core.SessionEvent.HandWithdrawn;
import io.peerwork.core.SessionEvent.HelpReleased;
import io.peerwork.core.SessionEvent.ParticipantJoined;
import io.peerwork.core.SessionEvent.ParticipantLeft;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Optional;

/**
 * People and their seats: joining and leaving, removing and readmitting a member, releasing a
 * no-show's seat, the no-show minutes, and revoking an invite link.
 */
final class PeopleDecider {
  static final int MAX_NO_SHOW_MINUTES = 120;

  private PeopleDecider() {}

  static Decision join(SessionState s, Join cmd, Instant at) {
    Decision refused = refuse(TextRules.Field.NAME, cmd.displayName(), INVALID_NAME);
    if (refused != null) {
      return refused;
    }
    if (cmd.role() == Role.PARTICIPANT && TextRules.isReservedName(cmd.displayName())) {
      return reject(RESERVED_NAME, "a participant cannot be called '" + TextRules.normalize(cmd.displayName())
          + "': it reads as a role");
    }
    if (s.isRemoved(cmd.actor())) {
      return reject(MEMBER_REMOVED, cmd.actor() + " was removed from this session");
    }
    if (s.status() == SessionStatus.SCHEDULED && cmd.role() == Role.PARTICIPANT) {
      return reject(SESSION_NOT_OPEN, "participants join once the lobby is open");
    }
    Optional<Member> earlier = s.member(cmd.actor());
    if (earlier.isPresent()) {
      if (earlier.get().role() != cmd.role()) {
        return reject(ROLE_MISMATCH, cmd.actor() + " joined as " + earlier.get().role() + " before");
      }
      if (earlier.get().isPresent()) {
        return reject(ALREADY_PRESENT, cmd.actor() + " is present already");
      }
    }
    if (cmd.role() == Role.PARTICIPANT && s.presentCount(Role.PARTICIPANT) >= s.requirePlan().capacity()) {
      return reject(SESSION_FULL, "all " + s.requirePlan().capacity() + " seats are taken");
    }
    return accept(new ParticipantJoined(at, cmd.actor(), TextRules.normalize(cmd.displayName()), cmd.role()));
  }

  static Decision leave(SessionState s, Leave cmd, Instant at) {
    if (!s.isPresent(cmd.actor())) {
      return reject(NOT_A_PARTICIPANT, cmd.actor() + " is not present");
    }
    return departure(s, cmd.actor(), new ParticipantLeft(at, cmd.actor()), at);
  }

  /**
   * {@code who} goes ({@code last}: left, released, removed): their waiting request is withdrawn
   * and a request they were helping with goes back to the queue, then {@code last}.
   */
  private static Decision departure(SessionState s, ParticipantId who, SessionEvent last, Instant at) {
    var events = new ArrayList<SessionEvent>(3);
    for (HelpRequest r : s.requests()) {
      if ((r.status() == HelpRequest.Status.WAITING || r.status() == HelpRequest.Status.ON_HOLD) && r.includes(who)) {
        events.add(HelpQueueDecider.leaving(r, who, at));
      } else if (r.status() == HelpRequest.Status.IN_PROGRESS && r.expert().orElseThrow().equals(who)) {
        events.add(new HelpReleased(at, r.id()));
      }
    }
    events.add(last);
    return new Decision.Accepted(events);
  }

  static Decision removeMember(SessionState s, Command.RemoveMember cmd, Instant at) {
    if (cmd.actor().isPresent()) {
      ParticipantId actor = cmd.actor().get();
      Decision denied = requireRole(s, actor, Role.HOST);
      if (denied != null) {
        return denied;
      }
      if (actor.equals(cmd.participant())) {
        return reject(CANNOT_REMOVE_SELF, "a host cannot remove themself; leave instead");
      }
      Optional<Member> m = s.member(cmd.participant());
      if (m.isEmpty()) {
        return reject(UNKNOWN_MEMBER, cmd.participant() + " has not joined session " + s.id());
      }
      if (m.get().role() == Role.HOST) {
        return reject(CANNOT_REMOVE_HOST, "a host cannot remove another host; the organiser can");
      }
    }
    Decision badReason = refuse(TextRules.Field.REASON, cmd.reason(), REASON_TOO_LONG);
    if (badReason != null) {
      return badReason;
    }
    if (s.isRemoved(cmd.participant())) {
      return accept();
    }
    return departure(s, cmd.participant(),
        new SessionEvent.MemberRemoved(at, cmd.participant(), cmd.actor(), TextRules.normalize(cmd.reason())), at);
  }

  static Decision readmitMember(SessionState s, Command.ReadmitMember cmd, Instant at) {
    if (cmd.actor().isPresent()) {
      Decision denied = requireRole(s, cmd.actor().get(), Role.HOST);
      if (denied != null) {
        return denied;
      }
    }
    return s.isRemoved(cmd.participant())
        ? accept(new SessionEvent.MemberReadmitted(at, cmd.participant(), cmd.actor()))
        : accept();
  }

  static Decision releaseSeat(SessionState s, Command.ReleaseSeat cmd, Instant at) {
    Optional<Member> m = s.member(cmd.participant());
    if (m.isEmpty() || !m.get().isPresent()) {
      return reject(NOT_A_PARTICIPANT, cmd.participant() + " holds no seat in session " + s.id());
    }
    if (m.get().role() != Role.PARTICIPANT) {
      return reject(ROLE_NOT_ALLOWED, "only a participant's seat is released; "
          + cmd.participant() + " is " + m.get().role().name().toLowerCase());
    }
    return departure(s, cmd.participant(), new SessionEvent.SeatReleased(at, cmd.participant(), cmd.reason()), at);
  }

  static Decision setNoShowMinutes(SessionState s, Command.SetNoShowMinutes cmd, Instant at) {
    Decision denied = requireRole(s, cmd.actor(), Role.HOST);
    if (denied != null) {
      return denied;
    }
    if (cmd.minutes() < 0 || cmd.minutes() > MAX_NO_SHOW_MINUTES) {
      return reject(INVALID_NO_SHOW_MINUTES, "no-show minutes are 0 (never) or 1 to " + MAX_NO_SHOW_MINUTES
          + ", not " + cmd.minutes());
    }
    return cmd.minutes() == s.noShowMinutes()
        ? accept()
        : accept(new SessionEvent.NoShowMinutesSet(at, cmd.minutes(), cmd.actor()));
  }

  static Decision revokeInvite(SessionState s, Command.RevokeInvite cmd, Instant at) {
    Decision denied = requireRole(s, cmd.actor(), Role.HOST);
    if (denied != null) {
      return denied;
    }
    if (cmd.role() == Role.HOST) {
      return reject(INVITE_NOT_REVOCABLE, "the host link is the organiser's; only participant and expert links"
          + " can be replaced");
    }
    return accept(new SessionEvent.InviteRevoked(at, cmd.role(), s.invite(cmd.role()).generation() + 1, cmd.actor()));
  }
}
