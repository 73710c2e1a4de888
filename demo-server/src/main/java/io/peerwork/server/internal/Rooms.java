package io.peerwork.server.internal;

import io.peerwork.core.SessionId;

/** Event-bus addresses and operation names of rooms: the only way anything talks to a room. */
public final class Rooms {
  private Rooms() {}

  /** Header naming the operation of a request to a room. */
  public static final String OP = "op";
  /** Header of a published frame: {@code event}, {@code view}, {@code patch} or {@code chat}. */
  public static final String KIND = "kind";
  /** Header of a published frame: the session sequence number (event, view) or chat number. */
  public static final String SEQ = "seq";
  /**
   * Header of a published chat frame: the room's {@code chatEpoch}. A room loaded again numbers its
   * chat from 1 in a new epoch, so a chat number only means something together with its epoch.
   */
  public static final String CHAT_EPOCH = "chatEpoch";
  /** Header of a published {@code patch} frame: the sequence number of the view it applies to. */
  public static final String BASE = "base";

  /** Operations: the header {@link #OP} of a request on {@link #address}. */
  public static final String SCHEDULE = "schedule";
  public static final String COMMAND = "command";
  public static final String CONNECT = "connect";
  public static final String CHAT = "chat";
  public static final String INFO = "info";
  public static final String RECAP = "recap";
  /** A fresh {@code view} frame for one socket (a client's {@code Resync}). */
  public static final String RESYNC = "resync";

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

  /** The same frames for hosts and experts, who also see help notes. */
  public static String staffEvents(SessionId id) {
    return "room." + id.value() + ".events.staff";
  }
}
