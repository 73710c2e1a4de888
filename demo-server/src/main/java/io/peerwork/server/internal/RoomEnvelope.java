package io.peerwork.server.internal;

import java.util.Objects;

/**
 * A request for the room of {@code session}, sent to the node that owns it ({@link
 * Rooms#node}) by a node where one of the room's connections (or an HTTP request) arrived. The
 * owner answers with the room's {@link RoomReply}, or {@code NOT_OWNER} if the room is not its own
 * (any more): then the sender asks again, after a moment, where it now thinks the room is.
 */
record RoomEnvelope(String session, RoomRequest request) implements RoomMessage {
  RoomEnvelope {
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(request, "request");
  }
}
