package io.peerwork.server.internal;

import io.peerwork.core.SessionId;

/**
 * Event-bus addresses of rooms: the only way anything talks to a room. Requests ({@link
 * RoomRequest}), replies ({@link RoomReply}) and published frames ({@link RoomFrame}) are typed and
 * carried by {@link RoomCodec}.
 */
public final class Rooms {
  private Rooms() {}

  /**
   * The largest WebSocket frame payload the server sends or takes, in bytes; longer messages go out
   * in several frames.
   */
  public static final int MAX_FRAME_BYTES = 256 * 1024;

  /**
   * Where a room publishes its session id (plain text) when the session has ended, for whoever
   * follows up on sessions (the series they belong to).
   */
  public static final String ENDED = "rooms.ended";

  /** Where a room's owner takes requests. */
  public static String address(SessionId id) {
    return "room." + id.value();
  }

  /** Where a room publishes its encoded frames for participants, in order. */
  public static String events(SessionId id) {
    return "room." + id.value() + ".events";
  }

  /** The room's {@code seats} frames, for its hosts only (beside {@link #staffEvents}). */
  public static String hostEvents(SessionId id) {
    return "room." + id.value() + ".events.host";
  }

  /** The same frames for hosts and experts, who also see help notes. */
  public static String staffEvents(SessionId id) {
    return "room." + id.value() + ".events.staff";
  }
}
