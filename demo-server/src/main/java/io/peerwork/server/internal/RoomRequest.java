package io.peerwork.server.internal;

import io.peerwork.core.Command;
import io.peerwork.core.ParticipantId;
import io.peerwork.core.Role;
import java.util.Objects;
import java.util.Optional;

/**
 * What a room is asked over the event bus (at {@link Rooms#address}): typed, never JSON. A room
 * answers each with a {@link RoomReply}. Locally the record itself travels; between nodes {@link
 * RoomCodec} writes its versioned wire form.
 */
sealed interface RoomRequest extends RoomMessage {

  /**
   * Carry out a command. {@code commandId} is present for commands a client sent (its frame id,
   * scoped to the sender), so that a retry answers the first outcome instead of applying it again.
   */
  record Execute(Command command, Optional<String> commandId) implements RoomRequest {
    public Execute {
      Objects.requireNonNull(command, "command");
      Objects.requireNonNull(commandId, "commandId");
    }

    /** A command the server itself sends (scheduling, an organiser's change): no client id. */
    static Execute bySystem(Command command) {
      return new Execute(command, Optional.empty());
    }
  }

  /**
   * A connection arrives: join its person if needed, and answer with what it missed after {@code
   * since} (-1: nothing seen yet) and after chat line {@code chatSince} of {@code chatEpoch}. {@code
   * socket} names the connection (unique on its node and over time): asking again with the same
   * socket (after the room moved, or to fill a gap) counts it once.
   */
  record Connect(ParticipantId participant, Role role, String name, long since, String chatEpoch, long chatSince,
      String socket) implements RoomRequest {
    public Connect {
      Objects.requireNonNull(participant, "participant");
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(chatEpoch, "chatEpoch");
      socket = socket == null ? "" : socket; // from a node of wire version 1
    }
  }

  /**
   * Someone asks to be admitted with an invite code ({@code POST /api/sessions/<id>/join}): the room
   * checks the code against its links' generations and their limits, and takes a participant's seat
   * at once if the session is open. {@code idSuffix} makes the new person's id (after the role's
   * letter).
   */
  record Admit(String name, String code, String idSuffix) implements RoomRequest {
    public Admit {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(idSuffix, "idSuffix");
    }
  }

  /** One of {@code participant}'s sockets ({@code socket}) closed (after a {@link Connect} the room answered). */
  record Disconnect(ParticipantId participant, String socket) implements RoomRequest {
    public Disconnect {
      Objects.requireNonNull(participant, "participant");
      socket = socket == null ? "" : socket; // from a node of wire version 1
    }
  }

  /** A chat line ({@code text}) or a cheer (to {@code to}, or to everyone), not a session event. */
  record Chat(ParticipantId participant, boolean cheer, Optional<String> text, Optional<ParticipantId> to)
      implements RoomRequest {
    public Chat {
      Objects.requireNonNull(participant, "participant");
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(to, "to");
    }
  }

  /** A fresh view for one socket whose view went astray (a client's {@code Resync}). */
  record Resync(Role role) implements RoomRequest {
    public Resync {
      Objects.requireNonNull(role, "role");
    }
  }

  /** What anyone may know about the session before joining. */
  record Info() implements RoomRequest {}

  /** The session's recap, once it is over. */
  record Recap() implements RoomRequest {}

  /**
   * Erase one person's personal data from the session ({@link io.peerwork.core.Erasure}): the room
   * rewrites its journal and loads itself again, so that every view shows them erased.
   */
  record Erase(ParticipantId participant) implements RoomRequest {
    public Erase {
      Objects.requireNonNull(participant, "participant");
    }
  }

  /**
   * Erase every free text of the session, its series' retention being over ({@link
   * io.peerwork.core.Erasure#expired}); the room loads itself again if anything changed.
   */
  record ExpireTexts() implements RoomRequest {}

  /**
   * Whether {@code participant} is (still) allowed in the session: asked before a session token's
   * holder acts outside the room (an expert curating the series' wall), since a host may have
   * removed them after their token was made. Since wire version 3.
   */
  record Standing(ParticipantId participant) implements RoomRequest {
    public Standing {
      Objects.requireNonNull(participant, "participant");
    }
  }
}
