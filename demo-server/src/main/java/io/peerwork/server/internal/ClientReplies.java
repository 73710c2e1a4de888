package io.peerwork.server.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.ServerWebSocket;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The frames a room client gets in answer to what it sent: {@code ack}, {@code rejected} and
 * {@code error} (protocol.md, "Answers: ack, rejected, error, pong"), written to its socket as JSON text. Nothing is written
 * once {@code closed} says the connection is closed.
 */
final class ClientReplies {
  private final ServerWebSocket ws;
  private final ObjectMapper json;
  private final BooleanSupplier closed;

  ClientReplies(ServerWebSocket ws, ObjectMapper json, BooleanSupplier closed) {
    this.ws = ws;
    this.json = json;
    this.closed = closed;
  }

  /** The room's answer {@code r} to the client's frame {@code id} of {@code type}. */
  void answer(String id, String type, RoomReply r) {
    if (closed.getAsBoolean()) {
      return;
    }
    if (r instanceof RoomReply.Done d) {
      ack(id, "seq", d.seq());
    } else if (r instanceof RoomReply.Chatted c) {
      ack(id, "chatSeq", c.chatSeq());
    } else if (r instanceof RoomReply.Refused refused) {
      rejected(Optional.of(id), type, refused);
    } else if (r instanceof RoomReply.Failed f) {
      error(Optional.of(id), f.code(), f.message());
    } else {
      error(Optional.of(id), ApiError.Code.INTERNAL.name(), "unexpected answer from the room");
    }
  }

  /** An {@code ack} of {@code id}, with {@code field} set to {@code value} unless {@code field} is null. */
  void ack(String id, String field, long value) {
    if (closed.getAsBoolean()) {
      return;
    }
    ObjectNode f = json.createObjectNode();
    f.put("type", "ack");
    f.put("id", id);
    if (field != null) {
      f.put(field, value);
    }
    ws.writeTextMessage(f.toString());
  }

  /** A {@code rejected} answer to the command {@code type} (nothing was changed). */
  void rejected(Optional<String> id, String type, RoomReply.Refused r) {
    if (closed.getAsBoolean()) {
      return;
    }
    ObjectNode f = json.createObjectNode();
    f.put("type", "rejected");
    putId(f, id);
    f.put("command", type);
    f.put("code", r.code());
    f.put("message", r.message());
    ws.writeTextMessage(f.toString());
  }

  /** An {@code error} frame with {@code code}, for the frame {@code id} or none. */
  void error(Optional<String> id, ApiError.Code code, String message) {
    error(id, code.name(), message);
  }

  /** An {@code error} frame with {@code code}, for the frame {@code id} or none. */
  void error(Optional<String> id, String code, String message) {
    if (closed.getAsBoolean()) {
      return;
    }
    ObjectNode f = json.createObjectNode();
    f.put("type", "error");
    putId(f, id);
    f.put("code", code);
    f.put("message", message);
    ws.writeTextMessage(f.toString());
  }

  private static void putId(ObjectNode f, Optional<String> id) {
    if (id.isPresent()) {
      f.put("id", id.get());
    } else {
      f.putNull("id");
    }
  }
}
