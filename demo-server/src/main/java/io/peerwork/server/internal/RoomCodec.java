package io.peerwork.server.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * The event-bus codec of everything on a room's addresses ({@link RoomMessage}). Locally the
 * immutable record itself is handed over, so nothing is encoded. Between nodes the wire form is one
 * version byte ({@value #WIRE_VERSION}), the length of the body, and the body: the record as JSON
 * (commands as the journal writes them, the record's type in {@code "m"}). A reader refuses any other
 * version with a clear error rather than guessing, so nodes of different versions fail loudly.
 */
final class RoomCodec implements MessageCodec<RoomMessage, RoomMessage> {
  /** The name the codec is registered under. */
  static final String NAME = "peerwork.room";
  /** The version of the wire form this codec writes and reads. */
  static final byte WIRE_VERSION = 1;

  private final ObjectMapper json;

  RoomCodec(ObjectMapper json) {
    this.json = Objects.requireNonNull(json, "json");
  }

  /**
   * Registers the codec on {@code bus} and selects it for every {@link RoomMessage}, so senders need
   * not name it. Call once per Vert.x instance.
   */
  static void register(EventBus bus, ObjectMapper json) {
    bus.registerCodec(new RoomCodec(json));
    bus.codecSelector(body -> body instanceof RoomMessage ? NAME : null);
  }

  @Override
  public void encodeToWire(Buffer buffer, RoomMessage message) {
    byte[] body;
    try {
      body = json.writerFor(RoomMessage.class).writeValueAsBytes(message);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode " + message.getClass().getSimpleName(), e);
    }
    buffer.appendByte(WIRE_VERSION).appendInt(body.length).appendBytes(body);
  }

  @Override
  public RoomMessage decodeFromWire(int pos, Buffer buffer) {
    byte version = buffer.getByte(pos);
    if (version != WIRE_VERSION) {
      throw new IllegalStateException("room message of wire version " + version + "; this node reads "
          + WIRE_VERSION + " (nodes of different versions in one cluster?)");
    }
    int length = buffer.getInt(pos + 1);
    try {
      return json.readerFor(RoomMessage.class).readValue(buffer.getBytes(pos + 5, pos + 5 + length));
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable room message", e);
    }
  }

  @Override
  public RoomMessage transform(RoomMessage message) {
    return message; // immutable records: the receiver may share them
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
