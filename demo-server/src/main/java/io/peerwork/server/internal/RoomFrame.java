package io.peerwork.server.internal;

import java.util.Objects;
import java.util.Optional;

/**
 * A frame a room publishes to one audience (at {@link Rooms#events} or {@link Rooms#staffEvents}):
 * its kind and number, so a connection can drop what its client already has, and its text, encoded
 * once for every socket of the audience.
 *
 * @param kind what the frame is
 * @param seq the session's sequence number (event, view) or the chat number (chat)
 * @param chatEpoch the room's chat epoch, for chat frames (a chat number means something only with it)
 * @param text the frame as the client gets it
 */
record RoomFrame(Kind kind, long seq, Optional<String> chatEpoch, String text) implements RoomMessage {
  RoomFrame {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(chatEpoch, "chatEpoch");
    Objects.requireNonNull(text, "text");
  }

  /** The kinds of published frames. */
  enum Kind {
    /** One session event; {@code seq} is its journal version. */
    EVENT,
    /** The room's whole view at {@code seq}. */
    VIEW,
    /** A chat line or cheer; {@code seq} is its number within {@code chatEpoch}. */
    CHAT
  }
}
