package io.peerwork.server.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.Future;
import io.vertx.core.http.WebSocketBase;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A WebSocket text message encoded to UTF-8 once and written, as the same bytes, to any number of
 * sockets on any event loops: a room encodes a frame once per audience, and every connection of
 * that audience writes this object.
 *
 * <p><b>What it saves.</b> {@link WebSocketBase#writeTextMessage(String)} encodes the string to
 * UTF-8 for every socket, into a new byte array of the message's size. With this class a message
 * costs one encoding and one payload array per audience instead of one per socket. Per socket there
 * remain a few small objects of fixed size (a view of the bytes with its own read position, Vert.x's
 * and Netty's frame objects, a promise) and what the socket does with the bytes anyway (its frame
 * header; with permessage-deflate, its own compression, since every socket compresses with its own
 * context; without compression, Netty copies payloads of 1 KiB or more from the heap into a direct
 * buffer for the system call, and copies smaller ones next to their frame header).
 *
 * <p><b>Internal Vert.x API.</b> Vert.x 5.0.7 has no public way to make a text frame from bytes:
 * {@code WebSocketFrame.textFrame} takes a {@code String} and encodes it, and {@code binaryFrame}
 * makes binary frames. A public-only trick (a one-character text frame, then a continuation frame
 * from a {@code Buffer}) costs every socket an extra frame and an extra flush, and Netty's
 * permessage-deflate cannot compress an empty first fragment. So this class, and only this class,
 * builds {@link WebSocketFrameImpl} (package {@code io.vertx.core.http.impl.ws}) from a Netty
 * {@link ByteBuf} and hands it to the public {@link WebSocketBase#writeFrame}, which in 5.0.7
 * takes exactly that class. {@code SharedTextFrameTest} fails if an upgrade breaks this, or makes
 * Vert.x copy the bytes per socket.
 *
 * <p><b>Lifetime.</b> The bytes are an ordinary Java array (an unpooled heap buffer): the garbage
 * collector frees them once nobody holds this object; nobody releases anything. Pooled or direct
 * memory would need an explicit release after the last write, and the last write is unknowable
 * here: a publish on the event bus reaches an unknown number of event loops, a connection may hold
 * a frame while it catches up or drop one its client already has. (Vert.x would also copy a pooled
 * buffer per write, which defeats the point.) Every write takes its own
 * {@linkplain ByteBuf#duplicate() duplicate} or slice, so each socket reads with its own indices
 * (Netty's encoder moves the reader index of what it writes), and wraps it
 * {@linkplain Unpooled#unreleasableBuffer unreleasable}, so Netty's release after writing never
 * touches the shared count. The shared buffer's reference count stays 1 for ever.
 *
 * <p><b>Large messages</b> are sent as Vert.x's own {@code writeTextMessage} sends them: a message
 * of more than {@code maxFrameSize} bytes goes as a text frame of {@code maxFrameSize} bytes and
 * continuation frames, the last one final. Pass the server's {@code maxWebSocketFrameSize}.
 *
 * <p>Immutable and safe to write from several threads at once. Writes of one message to one socket
 * must come from one thread (the socket's event loop, as for any write of a fragmented message).
 */
final class SharedTextFrame {
  private final byte[] utf8;
  private final ByteBuf bytes;
  private final int maxFrameSize;

  private SharedTextFrame(byte[] utf8, int maxFrameSize) {
    this.utf8 = utf8;
    this.bytes = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(utf8));
    this.maxFrameSize = maxFrameSize;
  }

  /**
   * Encodes {@code text} to UTF-8, once.
   *
   * @param maxFrameSize the largest frame payload to send, in bytes: the server's
   *     {@code HttpServerOptions.getMaxWebSocketFrameSize()}; longer messages are fragmented
   */
  static SharedTextFrame encode(String text, int maxFrameSize) {
    Objects.requireNonNull(text, "text");
    if (maxFrameSize <= 0) {
      throw new IllegalArgumentException("maxFrameSize must be positive: " + maxFrameSize);
    }
    return new SharedTextFrame(text.getBytes(StandardCharsets.UTF_8), maxFrameSize);
  }

  /** The message's length in UTF-8 bytes. */
  int length() {
    return utf8.length;
  }

  /** How many frames a write sends (more than one for a message longer than the frame size). */
  int frames() {
    return utf8.length <= maxFrameSize ? 1 : (utf8.length + maxFrameSize - 1) / maxFrameSize;
  }

  /** Decodes the message again (for logs and tests; the writes never do). */
  String text() {
    return new String(utf8, StandardCharsets.UTF_8);
  }

  /** The encoded bytes themselves, so a test can check that a socket got these and no copy. */
  byte[] sharedBytesForTest() {
    return utf8;
  }

  /**
   * Writes the message to {@code ws} without encoding it again. Like {@code writeTextMessage}, the
   * future completes when the last frame is written, and fails (nothing thrown) if the socket is
   * closed.
   */
  Future<Void> writeTo(WebSocketBase ws) {
    if (utf8.length <= maxFrameSize) {
      return ws.writeFrame(new WebSocketFrameImpl(WebSocketFrameType.TEXT, bytes.duplicate(), true));
    }
    Future<Void> last = null;
    for (int offset = 0; offset < utf8.length; offset += maxFrameSize) {
      int size = Math.min(maxFrameSize, utf8.length - offset);
      boolean fin = offset + size == utf8.length;
      WebSocketFrameType type = offset == 0 ? WebSocketFrameType.TEXT : WebSocketFrameType.CONTINUATION;
      last = ws.writeFrame(new WebSocketFrameImpl(type, bytes.slice(offset, size), fin));
    }
    return last;
  }

  /** Frames are equal when their bytes are (and so their texts). */
  @Override
  public boolean equals(Object o) {
    return o instanceof SharedTextFrame f && java.util.Arrays.equals(utf8, f.utf8);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(utf8);
  }

  @Override
  public String toString() {
    return "SharedTextFrame[" + utf8.length + " bytes]";
  }
}
