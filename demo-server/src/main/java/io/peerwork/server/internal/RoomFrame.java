package io.peerwork.server.internal;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A frame a room publishes to one audience (at {@link Rooms#events} or {@link Rooms#staffEvents}):
 * its kind and number, so a connection can drop what its client already has, and its text, encoded
 * to UTF-8 once ({@link SharedTextFrame}) and written as the same bytes to every socket of the
 * audience, on any event loop. Published locally, the record itself reaches every connection; its
 * wire form (for a cluster) carries the text.
 *
 * @param kind what the frame is
 * @param seq the session's sequence number (event, view, patch) or the chat number (chat); for
 *     {@link Kind#CLOSE}, the status to close with ({@code 0}, as older nodes send it: 4403)
 * @param base for a patch: the sequence number of the view it applies to
 * @param chatEpoch the room's chat epoch, for chat frames (a chat number means something only with it)
 * @param to for {@link Kind#CLOSE}: the participant id whose sockets it is for; empty: everyone's
 * @param encoded the frame as the client gets it, encoded once
 */
record RoomFrame(Kind kind, long seq, OptionalLong base, Optional<String> chatEpoch, Optional<String> to,
    @JsonIgnore SharedTextFrame encoded) implements RoomMessage {
  RoomFrame {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(chatEpoch, "chatEpoch");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(encoded, "encoded");
  }

  /** A frame of {@code text} for everyone of its audience, encoded now, once, for every socket it will be written to. */
  static RoomFrame of(Kind kind, long seq, OptionalLong base, Optional<String> chatEpoch, String text) {
    return of(kind, seq, base, chatEpoch, Optional.empty(), text);
  }

  /** A frame of {@code text} for the sockets of {@code to} (empty: everyone's), encoded now, once. */
  @JsonCreator
  static RoomFrame of(@JsonProperty("kind") Kind kind, @JsonProperty("seq") long seq,
      @JsonProperty("base") OptionalLong base, @JsonProperty("chatEpoch") Optional<String> chatEpoch,
      @JsonProperty("to") Optional<String> to, @JsonProperty("text") String text) {
    return new RoomFrame(kind, seq, base, chatEpoch, to == null ? Optional.empty() : to,
        SharedTextFrame.encode(text, Rooms.MAX_FRAME_BYTES));
  }

  /** The frame's text (decoded again: for the wire form and tests, never on the way to a socket). */
  @JsonProperty("text")
  String text() {
    return encoded.text();
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
    CHAT,
    /**
     * The room's seats as its hosts see them (a {@code seats} frame, whole each time; {@code seq}
     * counts them within the room's load). Published on {@link Rooms#hostEvents} only.
     */
    SEATS,
    /**
     * The resources of the tasks of the session's series (a {@code resources} frame, whole each
     * time; {@code seq} is the series' version), published by {@link SeriesSessions} when an expert
     * changes them. A connection forwards only a newer one than its client has.
     */
    RESOURCES,
    /**
     * For the sockets of {@code to} only: an {@code error} frame, after which the connection closes
     * its socket with {@code 4403} (the person was removed).
     */
    CLOSE,
    /**
     * The room was loaded (again) at epoch {@code seq}, perhaps on another node; or, with {@code seq}
     * 0, a node tells its own connections that the room's owner changed. A connection asks the room
     * again for what it missed (and is counted there): not sent to the client.
     */
    RELOAD
  }
}
