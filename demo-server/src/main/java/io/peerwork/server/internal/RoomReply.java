package io.peerwork.server.internal;

import io.peerwork.core.ParticipantId;
import io.peerwork.core.Phase;
import io.peerwork.core.Role;
import io.peerwork.core.SessionState;
import io.peerwork.core.SessionStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A room's answer to a {@link RoomRequest}: typed, never JSON; {@link RoomCodec} carries it. */
sealed interface RoomReply extends RoomMessage {

  /** The command was carried out (now, or by an earlier try with the same id); the session is at {@code seq}. */
  record Done(long seq) implements RoomReply {}

  /**
   * An invite code admitted {@code participant} with {@code role}; {@code seated}: a participant's
   * seat is theirs from now (the session is open), else they take one when they connect.
   */
  record Admitted(ParticipantId participant, Role role, boolean seated) implements RoomReply {
    public Admitted {
      Objects.requireNonNull(participant, "participant");
      Objects.requireNonNull(role, "role");
    }
  }

  /** The chat line or cheer went out as number {@code chatSeq}. */
  record Chatted(long chatSeq) implements RoomReply {}

  /**
   * The session refused the command (core's {@link io.peerwork.core.RejectionCode}, or a room rule
   * such as {@code NOT_A_PARTICIPANT} for chat): nothing was applied. A client meets it as a {@code
   * rejected} frame.
   */
  record Refused(String code, String message) implements RoomReply {
    public Refused {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(message, "message");
    }
  }

  /**
   * The room could not answer the request as asked ({@code STORAGE_UNAVAILABLE}: nothing applied;
   * {@code OUTCOME_UNKNOWN}: perhaps applied, retry with the same id; {@code SESSION_NOT_FOUND},
   * {@code SESSION_NOT_OVER}, {@code INTERNAL}). A client meets it as an {@code error} frame.
   */
  record Failed(String code, String message) implements RoomReply {
    public Failed {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(message, "message");
    }

    public Failed(ApiError.Code code, String message) {
      this(code.name(), message);
    }
  }

  /**
   * A connection's catch-up: the encoded frames it missed (a snapshot, or events and a view), the
   * session and chat positions they bring it to, why its join was refused, if it was, and the
   * room's load epoch ({@code 0} from a node of wire version 1, which had none).
   */
  record Connected(List<String> frames, long seq, String chatEpoch, long chatSeq, Optional<Refused> joinRejected,
      long epoch) implements RoomReply {
    public Connected {
      frames = List.copyOf(frames);
      Objects.requireNonNull(chatEpoch, "chatEpoch");
      Objects.requireNonNull(joinRejected, "joinRejected");
    }
  }

  /** The whole view ({@code frame}, a {@code view} frame) at {@code seq}, for one socket. */
  record Resynced(long seq, String frame) implements RoomReply {
    public Resynced {
      Objects.requireNonNull(frame, "frame");
    }
  }

  /** What anyone may know about a session before joining. */
  record Info(PublicInfo info) implements RoomReply {
    public Info {
      Objects.requireNonNull(info, "info");
    }
  }

  /** The recap of a session that is over. */
  record Recap(io.peerwork.core.Recap recap) implements RoomReply {
    public Recap {
      Objects.requireNonNull(recap, "recap");
    }
  }

  /** A person's data was erased from the session: {@code events} of its events changed. */
  record Erased(int events) implements RoomReply {}

  /** A person's standing in the session ({@link RoomRequest.Standing}): removed by a host (or the organiser), or not. */
  record Standing(boolean removed) implements RoomReply {}

  /** The public facts of a session, as {@code GET /api/sessions/<id>} shows them. */
  record PublicInfo(String sessionId, String title, String formatId, SessionStatus status, Instant plannedStart,
      String zone, int capacity, int participantsPresent, List<Phase> agenda) {
    public PublicInfo {
      Objects.requireNonNull(sessionId, "sessionId");
      Objects.requireNonNull(title, "title");
      Objects.requireNonNull(formatId, "formatId");
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(plannedStart, "plannedStart");
      Objects.requireNonNull(zone, "zone");
      agenda = List.copyOf(agenda);
    }

    static PublicInfo of(SessionState s) {
      var plan = s.requirePlan();
      return new PublicInfo(s.id().value(), plan.title(), plan.formatId(), s.status(), plan.plannedStart(),
          plan.zone().getId(), plan.capacity(), s.presentCount(Role.PARTICIPANT),
          new ArrayList<>(plan.agenda().phases()));
    }
  }
}
