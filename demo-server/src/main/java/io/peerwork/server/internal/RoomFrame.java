package io.peerwork.server.internal;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A frame a room publishes to one audience (at {@link Rooms#events} or {@link Rooms#staffEvents}):
 * its kind and number, so a connection can drop what its client already has, and its text, encoded
 * once for every socket of the audience.
 *
 * @param kind what the frame is
 * @param seq the session's sequence number (event, view, patch) or the chat number (chat)
 * @param base for a patch: the sequence number of the view it applies to
 * @param chatEpoch the room's chat epoch, for chat frames (a chat number means something only with it)
 * @param text the frame as the client gets it
 */
record RoomFrame(Kind kind, long seq, OptionalLong base, Optional<String> chatEpoch, String text)
    implements RoomMessage {
  RoomFrame {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(chatEpoch, "chatEpoch");
    Objects.requireNonNull(text, "text");
  }

  /** The kinds of published frames. */
  enum Kind {
    /** One session event; {@code seq} is its journal version. */
    EVENT,
    /** The room's whole view at {@code seq}. */
    VIEW,
    /** What changed in the room's view from {@code base} to {@code seq} (JSON Patch). */
    PATCH,
    /** A chat line or cheer; {@code seq} is its number within {@code chatEpoch}. */
    CHAT
  }
}
