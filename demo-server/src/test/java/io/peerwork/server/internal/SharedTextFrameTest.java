package io.peerwork.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.ResourceLeakDetector;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.internal.http.WebSocketInternal;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link SharedTextFrame} against real Vert.x: several server sockets on several event loops get the
 * same frame objects over the local event bus and write them; real Vert.x WebSocket clients, with
 * and without compression, must receive exactly the texts. A probe in each server socket's pipeline
 * checks that what Vert.x hands to Netty is the shared bytes themselves (no encoding or copy per
 * socket), fragmented as Vert.x fragments. Netty's leak detector runs at PARANOID level and its log
 * is captured. This test is what fails if a Vert.x upgrade breaks the internal API the class uses.
 */
@ExtendWith(VertxExtension.class)
class SharedTextFrameTest {
  private static final int MAX_FRAME = 256 * 1024;
  private static final int SERVERS = 3;
  private static final int CLIENTS = 6;
  private static final String ADDRESS = "test.frames";

  private static final Logger LEAK_LOG = Logger.getLogger(ResourceLeakDetector.class.getName());
  private static final Queue<String> LEAKS = new ConcurrentLinkedQueue<>();
  private static final Handler LEAK_CAPTURE = new Handler() {
    @Override
    public void publish(LogRecord r) {
      String m = new java.util.logging.SimpleFormatter().formatMessage(r);
      if (m != null && m.contains("LEAK")) {
        LEAKS.add(m);
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };
  private static ResourceLeakDetector.Level levelBefore;
  private static boolean parentHandlersBefore;

  enum Compression { NONE, PER_MESSAGE_DEFLATE, PER_FRAME_DEFLATE }

  @BeforeAll
  static void captureLeakReports() {
    parentHandlersBefore = LEAK_LOG.getUseParentHandlers();
    LEAK_LOG.setUseParentHandlers(false); // reports are asserted below, not printed
    LEAK_LOG.addHandler(LEAK_CAPTURE);
  }

  @AfterAll
  static void restoreLeakDetection() {
    LEAK_LOG.removeHandler(LEAK_CAPTURE);
    LEAK_LOG.setUseParentHandlers(parentHandlersBefore);
    if (levelBefore != null) {
      ResourceLeakDetector.setLevel(levelBefore);
    }
  }

  /** Texts with every case that matters: empty, non-ASCII, above Netty's 1 KiB gathering threshold, fragmented. */
  private static List<String> texts() {
    String small = "{\"type\":\"event\",\"text\":\"Grüße aus Köln – Äpfel, Öl, Übermut, ß; 🎉 👩‍💻 \\\"quoted\\\"\"}";
    String medium = "Zwölf Boxkämpfer jagen Viktor quer über den großen Sylter Deich 🥊. ".repeat(80);
    // Exactly one frame's worth: the largest message that is not fragmented.
    String exactlyOneFrame = "x".repeat(MAX_FRAME);
    // Fragmented into three frames, with a four-byte emoji across the first frame boundary and an
    // umlaut (two bytes) across the second: the receiver must put the bytes together, not the frames.
    // "a" x (MAX_FRAME - 2) + four bytes of emoji = MAX_FRAME + 2 bytes; "b" x (MAX_FRAME - 3) ends it
    // at 2 * MAX_FRAME - 1, so the umlaut's two bytes are the last of frame two and the first of three.
    String large = "a".repeat(MAX_FRAME - 2) + "😀" + "b".repeat(MAX_FRAME - 3) + "ü"
        + "Ende: Grüße 🎉".repeat(1000);
    return List.of("", small, medium, exactlyOneFrame, large);
  }

  @ParameterizedTest
  @EnumSource(Compression.class)
  void everySocketGetsExactlyTheTextFromTheSameBytes(Compression compression, VertxTestContext ctx)
      throws Exception {
    List<String> texts = texts();
    List<SharedTextFrame> frames = texts.stream().map(t -> SharedTextFrame.encode(t, MAX_FRAME)).toList();
    assertThat(frames.get(3).frames()).isEqualTo(1);
    assertThat(frames.get(4).frames()).isEqualTo(3);
    Set<byte[]> shared = Collections.newSetFromMap(new IdentityHashMap<>());
    frames.forEach(f -> shared.add(f.sharedBytesForTest()));

    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(4));
    // Vert.x switches Netty's leak detection off when its class loads, unless a system property names
    // a level: switch it on again, now that Vert.x has loaded, and back to Vert.x's level at the end.
    if (levelBefore == null) {
      levelBefore = ResourceLeakDetector.getLevel();
    }
    ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    try {
      // As the server does: frames travel inside RoomFrames, which RoomCodec hands over as themselves.
      RoomCodec.register(vertx.eventBus(), io.peerwork.jackson.PeerworkJackson.newObjectMapper());
      Queue<ServerSide> sockets = new ConcurrentLinkedQueue<>();
      Promise<Void> allSubscribed = Promise.promise();
      AtomicInteger subscribed = new AtomicInteger();
      Queue<Thread> writers = new ConcurrentLinkedQueue<>();
      Queue<String> problems = new ConcurrentLinkedQueue<>();

      // Three servers, each deployed on its own event loop; the clients connect to them in turn.
      List<Integer> ports = new ArrayList<>();
      for (int i = 0; i < SERVERS; i++) {
        ServerVerticle server = new ServerVerticle(ws -> {
          Probe probe = new Probe(shared);
          ((WebSocketInternal) ws).channelHandlerContext().pipeline().addBefore("handler", "probe", probe);
          ServerSide side = new ServerSide(ws, probe);
          vertx.eventBus().<RoomFrame>localConsumer(ADDRESS, m -> {
            writers.add(Thread.currentThread());
            if (frames.stream().noneMatch(f -> f == m.body().encoded())) {
              problems.add("a consumer got another object than the one published");
            }
            m.body().encoded().writeTo(ws).onFailure(e -> problems.add("write failed: " + e));
          }).completion().onSuccess(v -> {
            sockets.add(side);
            if (subscribed.incrementAndGet() == CLIENTS) {
              allSubscribed.complete();
            }
          });
        });
        vertx.deployVerticle(server).await(10, TimeUnit.SECONDS);
        ports.add(server.port);
      }

      WebSocketClientOptions options = new WebSocketClientOptions()
          .setMaxFrameSize(MAX_FRAME)
          .setMaxMessageSize(4 * MAX_FRAME)
          .setTryUsePerMessageCompression(compression == Compression.PER_MESSAGE_DEFLATE)
          .setTryUsePerFrameCompression(compression == Compression.PER_FRAME_DEFLATE);
      WebSocketClient client = vertx.createWebSocketClient(options);
      Checkpoint allReceived = ctx.checkpoint(CLIENTS);
      List<WebSocket> clients = new ArrayList<>();
      for (int i = 0; i < CLIENTS; i++) {
        List<String> received = new CopyOnWriteArrayList<>();
        WebSocket ws = client.connect(ports.get(i % SERVERS), "localhost", "/").await(10, TimeUnit.SECONDS);
        ws.textMessageHandler(text -> {
          received.add(text);
          if (received.size() == texts.size()) {
            ctx.verify(() -> assertThat(mismatch(texts, received)).as("what a client received").isEmpty());
            allReceived.flag();
          }
        });
        clients.add(ws);
        String extensions = String.valueOf(ws.headers().get("sec-websocket-extensions"));
        switch (compression) {
          case NONE -> assertThat(extensions).isEqualTo("null");
          case PER_MESSAGE_DEFLATE -> assertThat(extensions).contains("permessage-deflate");
          case PER_FRAME_DEFLATE -> assertThat(extensions).contains("deflate-frame");
        }
      }
      allSubscribed.future().await(10, TimeUnit.SECONDS);

      // The room's side: one object per message, published once, written by every socket's consumer.
      vertx.runOnContext(v -> frames.forEach(f -> vertx.eventBus().publish(ADDRESS,
          new RoomFrame(RoomFrame.Kind.EVENT, 1, java.util.OptionalLong.empty(), java.util.Optional.empty(), java.util.Optional.empty(), f))));
      assertThat(ctx.awaitCompletion(30, TimeUnit.SECONDS)).as("all clients got all messages").isTrue();
      if (ctx.failed()) {
        return; // the extension reports the failure
      }

      assertThat(problems).isEmpty();
      assertThat(sockets).hasSize(CLIENTS);
      assertThat(Set.copyOf(writers)).as("event loops that wrote the same frames").hasSizeGreaterThan(1);
      List<String> expectedFrames = expectedFrames(frames);
      for (ServerSide side : sockets) {
        assertThat(side.probe.frames).as("frames Vert.x handed to Netty for one socket")
            .containsExactlyElementsOf(expectedFrames);
        assertThat(side.probe.copies).as("frame payloads that were not the shared bytes").isZero();
      }

      // A socket closed meanwhile: the write fails quietly, as writeTextMessage does.
      ServerSide first = sockets.peek();
      Promise<Void> closedOnServer = Promise.promise();
      vertx.runOnContext(v -> first.ws.closeHandler(x -> closedOnServer.tryComplete()));
      clients.forEach(WebSocket::close);
      closedOnServer.future().await(10, TimeUnit.SECONDS);
      Future<Void> late = frames.get(1).writeTo(first.ws);
      assertThat(late.failed()).as("a write to a closed socket fails").isTrue();

      client.close().await(10, TimeUnit.SECONDS);
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
    assertNoLeaks();
  }

  /** What the probe must see per socket: type, fin and size of each frame, in order. */
  private static List<String> expectedFrames(List<SharedTextFrame> frames) {
    List<String> out = new ArrayList<>();
    for (SharedTextFrame f : frames) {
      int left = f.length();
      boolean firstFragment = true;
      do {
        int size = Math.min(left, MAX_FRAME);
        left -= size;
        out.add((firstFragment ? "TEXT" : "CONTINUATION") + " fin=" + (left == 0) + " bytes=" + size);
        firstFragment = false;
      } while (left > 0);
    }
    return out;
  }

  /** Empty if the client got exactly the texts; otherwise where it differs (not the whole megabyte). */
  private static String mismatch(List<String> expected, List<String> received) {
    if (received.size() != expected.size()) {
      return "got " + received.size() + " messages, expected " + expected.size();
    }
    for (int i = 0; i < expected.size(); i++) {
      String e = expected.get(i);
      String r = received.get(i);
      if (!e.equals(r)) {
        int at = 0;
        while (at < Math.min(e.length(), r.length()) && e.charAt(at) == r.charAt(at)) {
          at++;
        }
        return "message " + i + " differs at char " + at + " (lengths " + r.length() + " and " + e.length() + ")";
      }
    }
    return "";
  }

  /**
   * Fails if Netty reported a leaked buffer. A buffer leaked on purpose first shows that the detector
   * is live and its log captured: once its report is in, every buffer that became garbage before it
   * (all buffers of the run above, which is over) has been checked too.
   */
  private static void assertNoLeaks() {
    String hint = "peerwork-leak-control-" + UUID.randomUUID();
    leakOneBuffer(hint);
    for (int round = 0; round < 50 && LEAKS.stream().noneMatch(m -> m.contains(hint)); round++) {
      System.gc();
      for (int i = 0; i < 64; i++) {
        PooledByteBufAllocator.DEFAULT.heapBuffer(1).release(); // every tracked allocation checks for leaks
      }
    }
    assertThat(LEAKS).as("the detector reports the buffer leaked on purpose").anyMatch(m -> m.contains(hint));
    List<String> real = LEAKS.stream().filter(m -> !m.contains(hint)).collect(Collectors.toList());
    LEAKS.clear();
    assertThat(real).as("buffers leaked while writing shared frames").isEmpty();
  }

  private static void leakOneBuffer(String hint) {
    ByteBuf leaked = PooledByteBufAllocator.DEFAULT.heapBuffer(8);
    leaked.touch(hint);
  }

  private record ServerSide(ServerWebSocket ws, Probe probe) {}

  /** Sits between Vert.x and Netty's WebSocket encoders: sees the frames as Vert.x wrote them. */
  private static final class Probe extends ChannelOutboundHandlerAdapter {
    final Set<byte[]> shared;
    final List<String> frames = new CopyOnWriteArrayList<>();
    volatile int copies;

    Probe(Set<byte[]> shared) {
      this.shared = shared;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
      if (msg instanceof TextWebSocketFrame || msg instanceof ContinuationWebSocketFrame) {
        var frame = (io.netty.handler.codec.http.websocketx.WebSocketFrame) msg;
        ByteBuf content = frame.content();
        frames.add((msg instanceof TextWebSocketFrame ? "TEXT" : "CONTINUATION") + " fin="
            + frame.isFinalFragment() + " bytes=" + content.readableBytes());
        // An empty payload has no array worth sharing; every other one must be a shared array.
        if (content.isReadable() && !(content.hasArray() && shared.contains(content.array()))) {
          copies++;
        }
      }
      ctx.write(msg, promise);
    }
  }

  /** One HTTP server on a free port, on the event loop of its deployment. */
  private static final class ServerVerticle extends VerticleBase {
    private final io.vertx.core.Handler<ServerWebSocket> handler;
    volatile int port;

    ServerVerticle(io.vertx.core.Handler<ServerWebSocket> handler) {
      this.handler = handler;
    }

    @Override
    public Future<?> start() {
      // The demo server's WebSocket settings (PeerworkServer); permessage-deflate is on by default.
      HttpServerOptions options = new HttpServerOptions()
          .setMaxWebSocketFrameSize(MAX_FRAME)
          .setMaxWebSocketMessageSize(MAX_FRAME)
          .setCompressionSupported(true);
      return vertx.createHttpServer(options).webSocketHandler(handler).listen(0, "localhost")
          .onSuccess(s -> port = s.actualPort());
    }
  }
}
