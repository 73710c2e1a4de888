package io.peerwork.server.internal;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A room's published frames, handed to its connections: one event-bus consumer per address and
 * event-loop thread, which passes every frame to that thread's connections in turn. A frame costs
 * one event-bus delivery per event loop instead of one per socket, and a connection needs no
 * consumer of its own.
 *
 * <p>Keyed by thread, not by context: Vert.x gives every request (so every WebSocket) a context of
 * its own, all of them on their server's one event loop. A subscription's frames arrive on its
 * event-loop thread (on the context of the subscriber that registered the consumer), in the order
 * the room published them. The consumer of an address and thread is registered with its first
 * subscriber and unregistered a moment after its last one leaves. A connection that throws while
 * taking a frame is logged; the frame still goes to every other connection.
 */
final class RoomFanout {
  /** How long an unused consumer stays registered, so frames already on their way find it. */
  private static final long LINGER_MS = 1000;

  private static final Logger LOG = Logger.getLogger(RoomFanout.class.getName());

  private final Vertx vertx;
  private final Map<Key, Local> locals = new ConcurrentHashMap<>();

  private record Key(String address, Thread loop) {}

  /** The consumer of one address on one event loop, and the connections it feeds. */
  private final class Local {
    final Key key;
    final CopyOnWriteArrayList<Handler<Message<RoomFrame>>> sinks = new CopyOnWriteArrayList<>();
    final MessageConsumer<RoomFrame> consumer;

    Local(Key key) {
      this.key = key;
      this.consumer = vertx.eventBus().consumer(key.address(), this::deliver);
    }

    private void deliver(Message<RoomFrame> m) {
      for (Handler<Message<RoomFrame>> sink : sinks) { // a snapshot: a sink may leave while it is fed
        try {
          sink.handle(m);
        } catch (RuntimeException e) {
          // One connection's failure (a socket closed under it) must not cost the others the frame.
          LOG.log(Level.WARNING, "a connection could not take a frame of " + key.address()
              + "; the others on its event loop still get it", e);
        }
      }
    }
  }

  /** A connection's subscription: frames go to its handler until {@link #close}. */
  interface Subscription {
    /** Completes once every frame published from now on reaches the handler. */
    Future<Void> ready();

    /** Stops the frames; call it on the event loop the subscription was made on. */
    void close();
  }

  RoomFanout(Vertx vertx) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
  }

  /** How many consumers are registered (one per address and event loop in use). */
  int consumers() {
    return locals.size();
  }

  /** Subscribes {@code sink} to the frames published on {@code address}; call it on an event loop. */
  Subscription subscribe(String address, Handler<Message<RoomFrame>> sink) {
    Objects.requireNonNull(Vertx.currentContext(), "subscribe on a Vert.x context");
    Key key = new Key(address, Thread.currentThread());
    Local local = locals.computeIfAbsent(key, Local::new);
    local.sinks.add(sink);
    return new Subscription() {
      @Override
      public Future<Void> ready() {
        return local.consumer.completion();
      }

      @Override
      public void close() {
        local.sinks.remove(sink);
        if (local.sinks.isEmpty() && locals.remove(key, local)) {
          vertx.setTimer(LINGER_MS, t -> local.consumer.unregister());
        }
      }
    };
  }
}
