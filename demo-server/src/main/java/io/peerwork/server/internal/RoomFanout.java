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
 *
 * <p>On a cluster, the event-loop consumers are local ones, on {@link Rooms#local} of the address,
 * and one clustered consumer per address and node (a relay) passes each frame the room's owner
 * publishes on to them: a frame crosses the network once per node that has connections of the
 * room, never once per socket or event loop.
 */
final class RoomFanout {
  /** How long an unused consumer stays registered, so frames already on their way find it. */
  private static final long LINGER_MS = 1000;

  private static final Logger LOG = Logger.getLogger(RoomFanout.class.getName());

  private final Vertx vertx;
  private final boolean clustered;
  private final Map<Key, Local> locals = new ConcurrentHashMap<>();
  /** On a cluster: the clustered consumer of each address, and how many event-loop consumers it feeds. */
  private final Map<String, Relay> relays = new ConcurrentHashMap<>();
  private static final io.vertx.core.eventbus.DeliveryOptions LOCAL_ONLY =
      new io.vertx.core.eventbus.DeliveryOptions().setLocalOnly(true);

  /** The clustered consumer of one address on this node, passing frames to the node's event loops. */
  private final class Relay {
    final MessageConsumer<RoomFrame> consumer;
    int users;

    Relay(String address) {
      String local = Rooms.local(address);
      this.consumer = vertx.eventBus().consumer(address, m -> vertx.eventBus().publish(local, m.body(), LOCAL_ONLY));
    }
  }

  private record Key(String address, Thread loop) {}

  /** The consumer of one address on one event loop, and the connections it feeds. */
  private final class Local {
    final Key key;
    final CopyOnWriteArrayList<Handler<Message<RoomFrame>>> sinks = new CopyOnWriteArrayList<>();
    final MessageConsumer<RoomFrame> consumer;

    Local(Key key) {
      this.key = key;
      this.consumer = clustered
          ? vertx.eventBus().localConsumer(Rooms.local(key.address()), this::deliver)
          : vertx.eventBus().consumer(key.address(), this::deliver);
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
    this.clustered = vertx.isClustered();
  }

  /**
   * Hands {@code frame} to this node's connections of {@code address} only (a node telling its own
   * connections something, such as that their room's owner changed).
   */
  void tellLocal(String address, RoomFrame frame) {
    vertx.eventBus().publish(clustered ? Rooms.local(address) : address, frame, LOCAL_ONLY);
  }

  private Relay useRelay(String address) {
    return relays.compute(address, (a, r) -> {
      Relay relay = r == null ? new Relay(a) : r;
      relay.users++;
      return relay;
    });
  }

  private void leaveRelay(String address) {
    relays.computeIfPresent(address, (a, r) -> {
      if (--r.users > 0) {
        return r;
      }
      r.consumer.unregister();
      return null;
    });
  }

  /** How many consumers are registered (one per address and event loop in use). */
  int consumers() {
    return locals.size();
  }

  /** Subscribes {@code sink} to the frames published on {@code address}; call it on an event loop. */
  Subscription subscribe(String address, Handler<Message<RoomFrame>> sink) {
    Objects.requireNonNull(Vertx.currentContext(), "subscribe on a Vert.x context");
    Key key = new Key(address, Thread.currentThread());
    Local local = locals.computeIfAbsent(key, k -> {
      if (clustered) {
        useRelay(address);
      }
      return new Local(k);
    });
    local.sinks.add(sink);
    Relay relay = clustered ? relays.get(address) : null;
    return new Subscription() {
      @Override
      public Future<Void> ready() {
        return relay == null ? local.consumer.completion()
            : Future.all(local.consumer.completion(), relay.consumer.completion()).mapEmpty();
      }

      @Override
      public void close() {
        local.sinks.remove(sink);
        if (local.sinks.isEmpty() && locals.remove(key, local)) {
          vertx.setTimer(LINGER_MS, t -> {
            local.consumer.unregister();
            if (clustered) {
              leaveRelay(address);
            }
          });
        }
      }
    };
  }
}
