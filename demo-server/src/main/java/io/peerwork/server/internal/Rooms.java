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
   * The largest WebSocket frame payload in which a room's published frames go out, in bytes;
   * longer messages go out in several frames ({@link SharedTextFrame}).
   */
  public static final int MAX_FRAME_BYTES = 256 * 1024;
  /**
   * The largest single frame the server reads (its {@code maxWebSocketFrameSize}): above the
   * protocol's 256 KiB a message, so that a message up to this size in one frame (as browsers send
   * them) is answered with a close frame 1009; a frame over it is dropped with the connection.
   */
  public static final int MAX_INBOUND_FRAME_BYTES = 1024 * 1024;

  /**
   * Where a room publishes its session id (plain text) when the session has ended, for whoever
   * follows up on sessions (the series they belong to).
   */
  public static final String ENDED = "rooms.ended";

  /**
   * Where node {@code node} takes requests for the rooms it owns ({@link RoomEnvelope}), from any
   * node of the cluster.
   */
  public static String node(String node) {
    return "peerwork.node." + node;
  }

  /** Where a node that is about to stop says so (its name, plain text), so the others stop placing rooms on it. */
  public static final String DRAINING = "peerwork.draining";

  /**
   * Where this node's connections of a room take its frames ({@link RoomFanout}): one clustered
   * consumer per room address and node passes what it gets on here, to the node's connections.
   */
  static String local(String address) {
    return address + ".local";
  }

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
