package io.peerwork.core;

import static io.peerwork.core.RejectionCode.*;

import java.util.List;
import java.util.Optional;

/**
 * The pieces every family of the {@link Decider} shares: accepting, rejecting, and the guards that
 * more than one family asks. A guard returns null when the command may go on, else the rejection.
 */
final class Verdicts {
  private Verdicts() {}

  /** Null if {@code text} is fine for {@code field} ({@link TextRules}); else a rejection with {@code code}. */
  static Decision refuse(TextRules.Field field, String text, RejectionCode code) {
    return TextRules.check(field, text).map(p -> reject(code, TextRules.describe(field, p))).orElse(null);
  }

  /** The session's format plugin was removed: commands that need it are rejected, not thrown. */
  static Decision formatGone(SessionState s) {
    return reject(UNKNOWN_FORMAT, "format '" + s.requirePlan().formatId() + "' is no longer registered");
  }

  /** Null if {@code actor} is present with {@code role}; else the rejection. */
  static Decision requireRole(SessionState s, ParticipantId actor, Role role) {
    Optional<Member> m = s.member(actor);
    if (m.isEmpty() || !m.get().isPresent()) {
      return reject(NOT_A_PARTICIPANT, actor + " is not present in session " + s.id());
    }
    if (m.get().role() != role) {
      return reject(ROLE_NOT_ALLOWED, "only a " + role.name().toLowerCase() + " may do this; "
          + actor + " is " + m.get().role().name().toLowerCase());
    }
    return null;
  }

  /** Null once the lobby is open; before that, the rejection. */
  static Decision requireOpenOrRunning(SessionState s) {
    return s.status() == SessionStatus.SCHEDULED ? reject(SESSION_NOT_OPEN, "the lobby is not open yet") : null;
  }

  /** The command is accepted and causes {@code events}, in order (none at all is fine). */
  static Decision accept(SessionEvent... events) {
    return new Decision.Accepted(List.of(events));
  }

  /** The command is rejected with {@code code}; the session is unchanged. */
  static Decision reject(RejectionCode code, String message) {
    return Decision.Rejected.of(code, message);
  }

  /** Null once the lobby is open and {@code actor} is present with {@code role}; else the rejection. */
  static Decision requireOpenAnd(SessionState s, ParticipantId actor, Role role) {
    Decision denied = requireOpenOrRunning(s);
    return denied != null ? denied : requireRole(s, actor, role);
  }

  /** Null if {@code actor} is present as an expert or a host; else the rejection ({@code what} they may not do). */
  static Decision requireStaff(SessionState s, ParticipantId actor, String what) {
    Optional<Member> m = s.member(actor);
    if (m.isEmpty() || !m.get().isPresent()) {
      return reject(NOT_A_PARTICIPANT, actor + " is not present in session " + s.id());
    }
    if (m.get().role() == Role.PARTICIPANT) {
      return reject(ROLE_NOT_ALLOWED, "only an expert or a host " + what + "; " + actor + " is a participant");
    }
    return null;
  }

  /** ": reason", or "" for none: how a message gives the reason of the queue's state. */
  static String because(String reason) {
    return reason.isEmpty() ? "" : ": " + reason;
  }
}
