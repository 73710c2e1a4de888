package io.peerwork.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.VerticleBase;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Connections on one event loop share one event-bus consumer per room address, even though each
 * has a context of its own (as every WebSocket does), and each still gets every frame, in order.
 */
class RoomFanoutTest {
  final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));

  {
    RoomCodec.register(vertx.eventBus(), io.peerwork.jackson.PeerworkJackson.newObjectMapper());
  }

  private static RoomFrame frame(String text) {
    return RoomFrame.of(RoomFrame.Kind.EVENT, 1, java.util.OptionalLong.empty(), java.util.Optional.empty(), text);
  }

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void connectionsOnOneLoopShareOneConsumerAndEachGetsEveryFrame() throws Exception {
    RoomFanout fanout = new RoomFanout(vertx);
    List<Context> contexts = new CopyOnWriteArrayList<>();
    vertx.deployVerticle(() -> new VerticleBase() {
          @Override
          public Future<?> start() {
            contexts.add(context);
            return Future.succeededFuture();
          }
        }, new DeploymentOptions().setInstances(3))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(contexts).hasSize(3).doesNotHaveDuplicates();

    List<List<String>> got = List.of(new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>(),
        new CopyOnWriteArrayList<>());
    List<RoomFanout.Subscription> subs = new CopyOnWriteArrayList<>();
    for (int i = 0; i < 3; i++) {
      int n = i;
      var ready = new CompletableFuture<Void>();
      contexts.get(i).runOnContext(v -> {
        RoomFanout.Subscription s = fanout.subscribe("room.r1.events", m -> got.get(n).add(m.body().text()));
        subs.add(s);
        s.ready().onComplete(ar -> ready.complete(null));
      });
      ready.get(10, TimeUnit.SECONDS);
    }
    assertThat(fanout.consumers()).as("one consumer for the address on the one event loop").isEqualTo(1);

    for (int f = 1; f <= 5; f++) {
      vertx.eventBus().publish("room.r1.events", frame("f" + f));
    }
    awaitSize(got.get(0), 5);
    awaitSize(got.get(1), 5);
    awaitSize(got.get(2), 5);
    assertThat(got).allSatisfy(frames -> assertThat(frames).containsExactly("f1", "f2", "f3", "f4", "f5"));

    // The one whose subscription registered the consumer leaves; the others keep their frames.
    var closed = new CompletableFuture<Void>();
    contexts.get(0).runOnContext(v -> {
      subs.get(0).close();
      closed.complete(null);
    });
    closed.get(10, TimeUnit.SECONDS);
    vertx.eventBus().publish("room.r1.events", frame("f6"));
    awaitSize(got.get(1), 6);
    awaitSize(got.get(2), 6);
    assertThat(got.get(0)).hasSize(5);
    assertThat(fanout.consumers()).isEqualTo(1);
  }

  @Test
  void aConnectionThatThrowsCostsTheOthersNoFrame() throws Exception {
    RoomFanout fanout = new RoomFanout(vertx);
    List<String> before = new CopyOnWriteArrayList<>();
    List<String> after = new CopyOnWriteArrayList<>();
    var ready = new CompletableFuture<Void>();
    vertx.runOnContext(v -> {
      fanout.subscribe("room.r2.events", m -> before.add(m.body().text()));
      // As Vert.x does when a socket is written after it closed, before its close handler ran.
      fanout.subscribe("room.r2.events", m -> {
        throw new IllegalStateException("WebSocket is closed");
      });
      fanout.subscribe("room.r2.events", m -> after.add(m.body().text())).ready()
          .onComplete(ar -> ready.complete(null));
    });
    ready.get(10, TimeUnit.SECONDS);

    try (var log = io.peerwork.server.LogCapture.of(RoomFanout.class)) {
      for (int f = 1; f <= 3; f++) {
        vertx.eventBus().publish("room.r2.events", frame("f" + f));
      }
      awaitSize(before, 3);
      awaitSize(after, 3);
      assertThat(before).containsExactly("f1", "f2", "f3");
      assertThat(after).containsExactly("f1", "f2", "f3");
      // Each failure is told once, with its cause, naming the room.
      assertThat(log.records()).hasSize(3).allSatisfy(r -> {
        assertThat(r.getMessage()).contains("room.r2.events", "the others on its event loop still get it");
        assertThat(r.getThrown()).hasMessage("WebSocket is closed");
      });
    }
  }

  private static void awaitSize(List<String> frames, int size) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (frames.size() < size && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(frames).hasSizeGreaterThanOrEqualTo(size);
  }
}
