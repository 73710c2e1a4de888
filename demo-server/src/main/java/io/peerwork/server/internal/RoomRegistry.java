package io.peerwork.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.micrometer.core.instrument.MeterRegistry;
import io.peerwork.core.EventJournal;
import io.peerwork.core.SessionEngine;
import io.peerwork.core.SessionId;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps rooms warm: deploys a {@link RoomVerticle} for a session on first use and undeploys it
 * when it has had no connection and no request for a while (a Caffeine cache with
 * expire-after-access). Requests go over the event bus only, so a clustered event bus could host
 * rooms on other nodes without a change to the callers.
 */
public final class RoomRegistry {
  private final Vertx vertx;
  private final SessionEngine engine;
  private final EventJournal journal;
  private final Clock clock;
  private final ObjectMapper json;
  private final MeterRegistry metrics;
  private final Cache<SessionId, Future<String>> rooms;
  private final Map<SessionId, AtomicInteger> connections = new ConcurrentHashMap<>();
  private final RoomFanout fanout;
  private final long sweeper;
  private volatile boolean closing;

  public RoomRegistry(Vertx vertx, SessionEngine engine, EventJournal journal, Clock clock, ObjectMapper json,
      MeterRegistry metrics, Duration idle) {
    this.vertx = vertx;
    this.engine = engine;
    this.journal = journal;
    this.clock = clock;
    this.json = json;
    this.metrics = metrics;
    this.fanout = new RoomFanout(vertx);
    this.rooms = Caffeine.newBuilder()
        .expireAfterAccess(idle)
        .removalListener((SessionId id, Future<String> deployment, RemovalCause cause) -> {
          if (deployment != null && !closing) {
            deployment.onSuccess(vertx::undeploy);
          }
        })
        .build();
    metrics.gauge("peerwork.rooms", rooms, c -> c.estimatedSize());
    metrics.gauge("peerwork.connections", connections,
        m -> m.values().stream().mapToInt(AtomicInteger::get).sum());
    long period = Math.max(1000, Math.min(30_000, idle.toMillis() / 4));
    this.sweeper = vertx.setPeriodic(period, t -> sweep());
  }

  /**
   * Sends {@code op} with {@code body} to the room of {@code id}, loading the room if needed. The
   * answer completes on the caller's context: a connection's state is only ever touched by its own
   * event loop, even when another connection's request deployed the room.
   */
  public Future<JsonNode> request(SessionId id, String op, String body) {
    Context caller = Vertx.currentContext();
    Future<JsonNode> answer = send(id, op, body).recover(err -> {
      if (err instanceof ReplyException re && re.failureType() == ReplyFailure.NO_HANDLERS) {
        rooms.invalidate(id); // evicted meanwhile: load it again, once
        return send(id, op, body);
      }
      return Future.failedFuture(err);
    });
    if (caller == null) {
      return answer;
    }
    Promise<JsonNode> onCaller = Promise.promise();
    answer.onComplete(ar -> caller.runOnContext(v -> onCaller.handle(ar)));
    return onCaller.future();
  }

  private Future<JsonNode> send(SessionId id, String op, String body) {
    return ensure(id)
        .compose(d -> vertx.eventBus().<String>request(Rooms.address(id), body,
            new DeliveryOptions().addHeader(Rooms.OP, op).setSendTimeout(15_000)))
        .map(m -> {
          try {
            return json.readTree(m.body());
          } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  /** The room's deployment, deploying it if it is not in memory. */
  public Future<String> ensure(SessionId id) {
    return rooms.get(id, key -> {
      var room = new RoomVerticle(key, engine, journal, clock, json, metrics, this::discard);
      Future<String> f = vertx.deployVerticle(room, new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER));
      f.onFailure(e -> rooms.asMap().remove(key, f));
      return f;
    });
  }

  /** Drops a room from memory (it undeploys); the journal keeps everything. */
  public void discard(SessionId id) {
    if (connections.getOrDefault(id, new AtomicInteger()).get() == 0) {
      rooms.invalidate(id);
    }
  }

  /**
   * Subscribes {@code sink}, on the current event loop, to the frames a room publishes on {@code
   * address} ({@link Rooms#events} or {@link Rooms#staffEvents}); the connections of a room on one
   * event loop share one event-bus consumer.
   */
  RoomFanout.Subscription subscribe(String address, Handler<Message<String>> sink) {
    return fanout.subscribe(address, sink);
  }

  /** A connection to the room opened: keep it warm. */
  public void acquire(SessionId id) {
    connections.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
  }

  /** A connection to the room closed. */
  public void release(SessionId id) {
    connections.computeIfPresent(id, (k, n) -> n.decrementAndGet() <= 0 ? null : n);
  }

  private void sweep() {
    connections.keySet().forEach(rooms::getIfPresent); // touch rooms that have connections
    rooms.cleanUp();
  }

  /** Stops the sweeper; the rooms go with their Vert.x instance. */
  public void close() {
    closing = true;
    vertx.cancelTimer(sweeper);
  }
}
