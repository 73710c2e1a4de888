package io.peerwork.server.internal;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Puts one socket's data frames together into messages, up to {@code limit} bytes (after
 * permessage-deflate has inflated them), and says which message went over.
 *
 * <p>Why not Vert.x's own {@code textMessageHandler}: in Vert.x 5.0.7 a message over {@code
 * maxWebSocketMessageSize} only reaches the socket's exception handler, and the frames after it
 * are dropped, so the client is never answered (with permessage-deflate, where every frame is small
 * on the wire, that is what happens to any large message); and a single frame over {@code
 * maxWebSocketFrameSize} is a protocol violation that Netty's decoder reports by closing the
 * connection without a close frame (1006). So the server lets Vert.x take frames up to a larger
 * size ({@code PeerworkServer}), and the limit of protocol.md is enforced here, where the
 * connection can answer and close with 1009. Not thread-safe: one per socket, on its event loop.
 */
final class InboundMessages {
  private final int limit;
  private final Handler<String> text;
  private final Handler<Buffer> binary;
  private final Handler<String> tooLarge;
  private Buffer current;
  private boolean currentIsBinary;
  private boolean over;

  /**
   * @param limit the most bytes a message may have
   * @param text gets each whole text message
   * @param binary gets each whole binary message
   * @param tooLarge gets the beginning (up to {@code limit} bytes, as text) of the first message that
   *     went over; nothing is handed on after it
   */
  InboundMessages(int limit, Handler<String> text, Handler<Buffer> binary, Handler<String> tooLarge) {
    this.limit = limit;
    this.text = Objects.requireNonNull(text, "text");
    this.binary = Objects.requireNonNull(binary, "binary");
    this.tooLarge = Objects.requireNonNull(tooLarge, "tooLarge");
  }

  /** Takes the next frame of the socket. */
  void add(WebSocketFrame f) {
    if (over) {
      return;
    }
    if (f.isText() || f.isBinary()) {
      current = Buffer.buffer();
      currentIsBinary = f.isBinary();
    } else if (!f.isContinuation() || current == null) {
      return; // ping, pong and close are Vert.x's; a stray continuation has no message
    }
    Buffer data = f.binaryData();
    if (current.length() + data.length() > limit) {
      over = true;
      int room = limit - current.length();
      current.appendBuffer(data, 0, Math.max(0, room));
      String beginning = current.toString(StandardCharsets.UTF_8);
      current = null;
      tooLarge.handle(beginning);
      return;
    }
    current.appendBuffer(data);
    if (f.isFinal()) {
      Buffer whole = current;
      current = null;
      if (currentIsBinary) {
        binary.handle(whole);
      } else {
        text.handle(whole.toString(StandardCharsets.UTF_8));
      }
    }
  }
}
