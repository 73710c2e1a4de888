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
 * version byte, the length of the body, and the body: the record as JSON (commands as the journal
 * writes them, the record's type in {@code "m"}).
 *
 * <p>Versions, for a cluster of old and new builds during a rolling upgrade: each node announces the
 * highest version it reads ({@link Membership#wireVersion()} is the lowest of the cluster's), and
 * every node writes that one, so every node can read what any node writes. A reader takes every
 * version from 1 to its own {@link #WIRE_VERSION} and refuses a newer one with a clear error rather
 * than guessing. Version 2 added the connection's name to {@code Connect} and {@code Disconnect}
 * ({@code socket}), the room's load epoch to {@code Connected} ({@code epoch}) and the frame kind
 * {@code RELOAD}; written as version 1, the two fields are left out (a version-1 reader knows
 * neither), and a room does not publish {@code RELOAD} frames while a version-1 node is in the
 * cluster (its connections catch up by their gaps instead). Version 3 added the request {@code
 * Standing} and its reply ({@link #since}): while a node of an older version is in the cluster, no
 * node sends it to another ({@link RoomRegistry} answers {@code ROOM_UNAVAILABLE} instead) and this
 * codec refuses to write it.
 */
final class RoomCodec implements MessageCodec<RoomMessage, RoomMessage> {
  /** The name the codec is registered under. */
  static final String NAME = "peerwork.room";
  /** The newest version of the wire form this build reads and writes. */
  static final byte WIRE_VERSION = 3;
  /** The fields a version-1 reader does not know, left out when writing version 1. */
  private static final java.util.List<String> SINCE_2 = java.util.List.of("socket", "epoch");

  private final ObjectMapper json;
  /** The newest version this codec reads (its build's). */
  private final int reads;
  /** The version to write now: the cluster's lowest. */
  private final java.util.function.IntSupplier writes;

  RoomCodec(ObjectMapper json) {
    this(json, WIRE_VERSION, () -> WIRE_VERSION);
  }

  /**
   * A codec that reads versions 1 to {@code reads} and writes version {@code writes} (at most
   * {@code reads}): a build of an older version, in tests, or a node of a cluster with older nodes.
   */
  RoomCodec(ObjectMapper json, int reads, java.util.function.IntSupplier writes) {
    this.json = Objects.requireNonNull(json, "json").copy()
        .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, reads == 1);
    this.reads = reads;
    this.writes = Objects.requireNonNull(writes, "writes");
  }

  /**
   * Registers the codec on {@code bus} and selects it for every {@link RoomMessage}, so senders need
   * not name it. Call once per Vert.x instance.
   */
  static void register(EventBus bus, ObjectMapper json) {
    register(bus, new RoomCodec(json));
  }

  /** Registers {@code codec} on {@code bus} and selects it for every {@link RoomMessage}. */
  static void register(EventBus bus, RoomCodec codec) {
    bus.registerCodec(codec);
    bus.codecSelector(body -> body instanceof RoomMessage ? NAME : null);
  }

  /** The lowest wire version that carries {@code message}: a reader of an older one does not know its type. */
  static int since(RoomMessage message) {
    if (message instanceof RoomEnvelope e) {
      return since(e.request()); // how a request travels to another node
    }
    return message instanceof RoomRequest.Standing || message instanceof RoomReply.Standing ? 3 : 1;
  }

  /** The version this codec writes now. */
  int writes() {
    return Math.min(reads, writes.getAsInt());
  }

  @Override
  public void encodeToWire(Buffer buffer, RoomMessage message) {
    byte[] body;
    int version = writes();
    if (since(message) > version) {
      throw new IllegalStateException(message.getClass().getSimpleName() + " needs wire version " + since(message)
          + "; the cluster writes " + version + " while a node of an older build is in it");
    }
    try {
      if (version >= 2) {
        body = json.writerFor(RoomMessage.class).writeValueAsBytes(message);
      } else {
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(
            json.writerFor(RoomMessage.class).writeValueAsBytes(message));
        if (!(message instanceof RoomFrame)) {
          tree.remove(SINCE_2);
          if (tree.get("request") instanceof com.fasterxml.jackson.databind.node.ObjectNode inner) {
            inner.remove(SINCE_2); // an envelope's request
          }
        }
        body = json.writeValueAsBytes(tree);
      }
    } catch (IOException | IllegalArgumentException e) {
      throw new UncheckedIOException("cannot encode " + message.getClass().getSimpleName(),
          e instanceof IOException io ? io : new IOException(e));
    }
    buffer.appendByte((byte) version).appendInt(body.length).appendBytes(body);
  }

  @Override
  public RoomMessage decodeFromWire(int pos, Buffer buffer) {
    byte version = buffer.getByte(pos);
    if (version < 1 || version > reads) {
      throw new IllegalStateException("room message of wire version " + version + "; this node reads 1 to "
          + reads + " (a node of a newer build that does not write the cluster's lowest version?)");
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
