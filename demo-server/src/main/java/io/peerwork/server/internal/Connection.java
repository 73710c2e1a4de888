package io.peerwork.server.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerwork.core.Command;
import io.peerwork.core.ParticipantId;
import io.peerwork.core.SessionId;
import io.vertx.core.eventbus.Message;
import io.vertx.core.http.ServerWebSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * One WebSocket of one person in one room. Thin: decodes frames, puts the actor from the token into
 * commands, rate-limits, and forwards to the room over the event bus; forwards the room's encoded
 * frames to the socket, dropping what the socket has already had.
 *
 * <p>Resuming without gaps or repeats: the connection subscribes to the room's frames first, then
 * asks the room for everything after the client's last sequence number; frames that arrive
 * meanwhile are held back and sent after the catch-up, skipping those the catch-up already covered.
 */
final class Connection {
  private static final Logger LOG = Logger.getLogger(Connection.class.getName());
  static final int MAX_FRAME = 64 * 1024;
  static final int MAX_CHAT = 500;
  /** Commands a client may send; the actor is always the token's person. */
  static final Set<String> CLIENT_COMMANDS = Set.of("OpenSession", "StartSession", "AdvancePhase", "ExtendPhase",
      "EndSession", "CancelSession", "Join", "Leave", "DeclareGoal", "EditGoal", "MarkGoal", "RaiseHand",
      "WithdrawHand", "ClaimNext", "ClaimRequest", "FinishHelp");
  static final Set<String> SERVER_COMMANDS = Set.of("ScheduleSession", "Tick", "RescheduleSession", "CallOffSession");

  private final ServerWebSocket ws;
  private final Tokens.Claims me;
  private final ObjectMapper json;
  private final RoomRegistry rooms;
  private final RateLimits limits;
  private final SeriesSessions series;
  private RoomFanout.Subscription subscription;
  private List<Message<String>> held = new ArrayList<>();
  private long lastEvent = -1;
  private long lastView = -1;
  private String chatEpoch = "";
  private long lastChat;
  private boolean closed;

  Connection(ServerWebSocket ws, Tokens.Claims me, ObjectMapper json, RoomRegistry rooms, RateLimits limits,
      SeriesSessions series) {
    this.series = series;
    this.ws = ws;
    this.me = me;
    this.json = json;
    this.rooms = rooms;
    this.limits = limits;
  }

  SessionId session() {
    return me.session();
  }

  /** Starts the connection: {@code since} is the last sequence number the client saw, or -1. */
  void start(long since, String clientChatEpoch, long chatSince) {
    rooms.acquire(session());
    ws.closeHandler(v -> close());
    ws.exceptionHandler(e -> LOG.fine(() -> "socket error: " + e));
    ws.textMessageHandler(this::onText);
    ws.binaryMessageHandler(b -> sendError(null, ApiError.Code.INVALID_REQUEST, "send JSON text frames"));
    ObjectNode welcome = json.createObjectNode();
    welcome.put("type", "welcome");
    welcome.put("sessionId", session().value());
    welcome.put("participantId", me.participant().value());
    welcome.put("role", me.role().name());
    welcome.put("displayName", me.displayName());
    ws.writeTextMessage(welcome.toString());

    String address = me.role() == io.peerwork.core.Role.PARTICIPANT
        ? Rooms.events(session()) : Rooms.staffEvents(session());
    subscription = rooms.subscribe(address, this::onRoomFrame);
    subscription.ready()
        .compose(v -> {
          ObjectNode hello = json.createObjectNode();
          hello.put("participant", me.participant().value());
          hello.put("role", me.role().name());
          hello.put("name", me.displayName());
          hello.put("since", since);
          hello.put("chatEpoch", clientChatEpoch);
          hello.put("chatSince", chatSince);
          return rooms.request(session(), Rooms.CONNECT, hello.toString());
        })
        .onSuccess(this::caughtUp)
        .onFailure(e -> {
          if (RoomFailures.isUnreadable(e)) {
            sendError(null, ApiError.Code.SESSION_DATA_UNREADABLE,
                "this session's saved data cannot be read, so its room is closed; the organiser can see why in the"
                    + " server log. Other sessions are not affected.");
            ws.close((short) 1011, "session data unreadable");
          } else {
            sendError(null, ApiError.Code.ROOM_UNAVAILABLE, "the room is not available; try again");
            ws.close((short) 1011, "room unavailable");
          }
        });
  }

  private void caughtUp(JsonNode reply) {
    if (closed) {
      return;
    }
    if (!reply.path("ok").asBoolean(true) && reply.has("code")) {
      sendError(null, reply.path("code").asText(), 404, reply.path("message").asText());
      ws.close((short) 4404, "no such session");
      return;
    }
    for (JsonNode f : reply.path("frames")) {
      ws.writeTextMessage(f.asText());
    }
    lastEvent = reply.path("seq").asLong();
    lastView = lastEvent;
    chatEpoch = reply.path("chatEpoch").asText();
    lastChat = reply.path("chatSeq").asLong();
    if (reply.has("joinRejected")) {
      JsonNode r = reply.path("joinRejected");
      ObjectNode f = json.createObjectNode();
      f.put("type", "rejected");
      f.putNull("id");
      f.put("command", "Join");
      f.put("code", r.path("code").asText());
      f.put("message", r.path("message").asText());
      ws.writeTextMessage(f.toString());
    }
    List<Message<String>> pending = held;
    held = null;
    pending.forEach(this::forward);
    if (me.role() == io.peerwork.core.Role.PARTICIPANT && series != null) {
      // A session of a series: what the goal round offers this person (see protocol.md, "offers").
      series.offers(session(), me.participant()).onSuccess(frame -> frame.ifPresent(f -> {
        if (!closed) {
          ws.writeTextMessage(f);
        }
      })).onFailure(e -> LOG.fine(() -> "no offers for " + me.participant() + ": " + e));
    }
  }

  private void onRoomFrame(Message<String> m) {
    if (held != null) {
      held.add(m);
    } else {
      forward(m);
    }
  }

  /** Sends a room frame unless the client has it already. */
  private void forward(Message<String> m) {
    if (closed) {
      return;
    }
    long seq = Long.parseLong(m.headers().get(Rooms.SEQ));
    switch (m.headers().get(Rooms.KIND)) {
      case "event" -> {
        if (seq <= lastEvent) {
          return;
        }
        lastEvent = seq;
      }
      case "view" -> {
        if (seq <= lastView) {
          return;
        }
        lastView = seq;
      }
      case "patch" -> {
        if (seq <= lastView) {
          return; // the client's view is this one or newer
        }
        if (Long.parseLong(m.headers().get(Rooms.BASE)) != lastView) {
          resync(null); // the patch is not for the view the client has: send it a whole one instead
          return;
        }
        lastView = seq;
      }
      default -> {
        String epoch = m.headers().get(Rooms.CHAT_EPOCH);
        if (epoch != null && !epoch.equals(chatEpoch)) {
          // The room was loaded again while this socket stayed open: its chat starts again at 1. The
          // frame names its epoch, so the client learns the new one from it (see protocol.md).
          chatEpoch = epoch;
          lastChat = 0;
        }
        if (seq <= lastChat) {
          return;
        }
        lastChat = seq;
      }
    }
    if (ws.isClosed()) {
      return; // gone, and its close handler has not run yet: it resumes from its last frame
    }
    if (ws.writeQueueFull()) {
      // The client cannot keep up; rather than buffer without end, let it reconnect and resume.
      close();
      ws.close((short) 4008, "too slow; reconnect with since");
      return;
    }
    ws.writeTextMessage(m.body());
  }

  private void onText(String text) {
    if (text.length() > MAX_FRAME || (text.length() > MAX_FRAME / 4
        && text.getBytes(StandardCharsets.UTF_8).length > MAX_FRAME)) {
      // Oversized frames count against the limit too, so they cannot be sent faster than others.
      if (limits.tryAcquire(session(), me.participant())) {
        sendError(null, ApiError.Code.FRAME_TOO_LARGE, "frames may have at most " + MAX_FRAME + " bytes");
      } else {
        sendError(null, ApiError.Code.RATE_LIMITED, "too many frames; slow down");
      }
      return;
    }
    JsonNode frame;
    try {
      frame = json.readTree(text);
    } catch (JsonProcessingException e) {
      frame = null;
    }
    String id = frame != null && (frame.path("id").isTextual() || frame.path("id").isNumber())
        ? frame.path("id").asText() : null;
    // Every frame counts against the limit, readable or not; the answer names the frame if it can.
    if (!limits.tryAcquire(session(), me.participant())) {
      sendError(id, ApiError.Code.RATE_LIMITED, "too many frames; slow down");
      return;
    }
    if (frame == null) {
      sendError(null, ApiError.Code.MALFORMED_JSON, "not JSON");
      return;
    }
    if (!frame.isObject()) {
      sendError(null, ApiError.Code.MALFORMED_JSON, "a frame is a JSON object");
      return;
    }
    if (id == null || id.isEmpty() || id.length() > 64) {
      sendError(id, ApiError.Code.INVALID_COMMAND, "every frame needs an \"id\" (1 to 64 characters)");
      return;
    }
    if (!frame.path("type").isTextual()) {
      sendError(id, ApiError.Code.INVALID_COMMAND, "every frame needs a \"type\"");
      return;
    }
    String type = frame.path("type").asText();
    switch (type) {
      case "Ping" -> {
        ObjectNode pong = json.createObjectNode();
        pong.put("type", "pong");
        pong.put("id", id);
        ws.writeTextMessage(pong.toString());
      }
      case "Chat", "Cheer" -> chat(id, type, frame);
      case "Resync" -> resync(id);
      default -> {
        if (CLIENT_COMMANDS.contains(type)) {
          command(id, (ObjectNode) frame);
        } else if (SERVER_COMMANDS.contains(type)) {
          sendError(id, ApiError.Code.COMMAND_NOT_ALLOWED, type + " is sent by the server, not by clients");
        } else {
          sendError(id, ApiError.Code.UNKNOWN_TYPE, "unknown frame type");
        }
      }
    }
  }

  private void command(String id, ObjectNode frame) {
    ObjectNode c = frame.deepCopy();
    c.remove("id");
    JsonNode actor = c.get("actor");
    if (actor != null && !actor.isNull() && !me.participant().value().equals(actor.asText())) {
      sendError(id, ApiError.Code.FORBIDDEN_ACTOR, "you can only act for yourself");
      return;
    }
    c.put("actor", me.participant().value());
    if ("Join".equals(c.path("type").asText())) {
      c.put("displayName", me.displayName());
      c.put("role", me.role().name());
    }
    Command command;
    try {
      command = json.treeToValue(c, Command.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      sendError(id, ApiError.Code.INVALID_COMMAND, "missing or wrong fields: " + brief(e));
      return;
    }
    if (command == null) {
      sendError(id, ApiError.Code.INVALID_COMMAND, "empty command");
      return;
    }
    String body;
    try {
      body = json.writeValueAsString(command);
    } catch (JsonProcessingException e) {
      sendError(id, ApiError.Code.INTERNAL, "cannot encode");
      return;
    }
    rooms.request(session(), Rooms.COMMAND, body)
        .onSuccess(r -> answer(id, frame.path("type").asText(), r))
        .onFailure(e -> sendError(id, ApiError.Code.ROOM_UNAVAILABLE, "the room did not answer; try again"));
  }

  /**
   * Sends the client a whole {@code view} frame at the room's latest sequence number, then acks
   * {@code id} (null: the connection's own resync). Room frames are held back meanwhile, as while
   * catching up, and then forwarded unless the view covers them. If a view is on its way already (a
   * catch-up or another resync), that one serves.
   */
  private void resync(String id) {
    if (held != null) {
      if (id != null) {
        answer(id, "Resync", json.createObjectNode().put("ok", true));
      }
      return;
    }
    held = new ArrayList<>();
    ObjectNode body = json.createObjectNode();
    body.put("role", me.role().name());
    rooms.request(session(), Rooms.RESYNC, body.toString()).onComplete(ar -> {
      List<Message<String>> pending = held;
      held = null;
      if (ar.succeeded() && ar.result().path("ok").asBoolean() && !closed) {
        ws.writeTextMessage(ar.result().path("frame").asText());
        lastView = Math.max(lastView, ar.result().path("seq").asLong());
        if (id != null) {
          answer(id, "Resync", ar.result());
        }
      } else if (id != null) {
        sendError(id, ApiError.Code.ROOM_UNAVAILABLE, "the room did not answer; try again");
      }
      pending.forEach(this::forward);
    });
  }

  private void chat(String id, String type, JsonNode frame) {
    ObjectNode body = json.createObjectNode();
    body.put("participant", me.participant().value());
    body.put("kind", type.equals("Chat") ? "chat" : "cheer");
    if (type.equals("Chat")) {
      JsonNode text = frame.get("text");
      if (text == null || !text.isTextual() || text.asText().isBlank()) {
        sendError(id, ApiError.Code.INVALID_COMMAND, "a chat message needs a \"text\"");
        return;
      }
      String t = text.asText().strip();
      if (t.length() > MAX_CHAT || t.chars().anyMatch(ch -> Character.isISOControl(ch) && ch != '\n')) {
        sendError(id, ApiError.Code.INVALID_COMMAND, "a chat message has 1 to " + MAX_CHAT
            + " characters and no control characters but line breaks");
        return;
      }
      body.put("text", t);
    } else {
      JsonNode to = frame.get("to");
      if (to != null && !to.isNull()) {
        try {
          body.put("to", ParticipantId.of(to.asText()).value());
        } catch (IllegalArgumentException e) {
          sendError(id, ApiError.Code.INVALID_COMMAND, "\"to\" is not a participant id");
          return;
        }
      }
    }
    rooms.request(session(), Rooms.CHAT, body.toString())
        .onSuccess(r -> answer(id, type, r))
        .onFailure(e -> sendError(id, ApiError.Code.ROOM_UNAVAILABLE, "the room did not answer; try again"));
  }

  private void answer(String id, String type, JsonNode r) {
    if (closed) {
      return;
    }
    ObjectNode f = json.createObjectNode();
    if (r.path("ok").asBoolean()) {
      f.put("type", "ack");
      f.put("id", id);
      if (r.has("seq")) {
        f.put("seq", r.path("seq").asLong());
      }
      if (r.has("chatSeq")) {
        f.put("chatSeq", r.path("chatSeq").asLong());
      }
    } else {
      f.put("type", "rejected");
      f.put("id", id);
      f.put("command", type);
      f.put("code", r.path("code").asText());
      f.put("message", r.path("message").asText());
    }
    ws.writeTextMessage(f.toString());
  }

  private void sendError(String id, ApiError.Code code, String message) {
    sendError(id, code.name(), code.status(), message);
  }

  private void sendError(String id, String code, int status, String message) {
    if (closed) {
      return;
    }
    ObjectNode f = json.createObjectNode();
    f.put("type", "error");
    if (id == null) {
      f.putNull("id");
    } else {
      f.put("id", id);
    }
    f.put("code", code);
    f.put("message", message);
    ws.writeTextMessage(f.toString());
  }

  private static String brief(Exception e) {
    String m = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
    if (m == null) {
      return e.getClass().getSimpleName();
    }
    m = m.replaceAll("\\s+", " ");
    return m.length() > 200 ? m.substring(0, 200) + "..." : m;
  }

  private void close() {
    if (closed) {
      return;
    }
    closed = true;
    rooms.release(session());
    if (subscription != null) {
      subscription.close(); // frames already handed over meanwhile are dropped by forward()
    }
  }
}
