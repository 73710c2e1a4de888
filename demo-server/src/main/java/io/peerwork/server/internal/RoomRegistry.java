package io.peerwork.server.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.peerwork.core.EventJournal;
import io.peerwork.core.SessionEngine;
import io.peerwork.core.ParticipantId;
import io.peerwork.core.RejectionCode;
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
 * Keeps rooms warm, within a cap: deploys a {@link RoomVerticle} for a session on first use and undeploys it
 * when it has had no connection and no request for a while ("never" while a connection to the room
 * is open, else the idle time after the last use), through the {@link OwnerRegistry} that series
 * share.
 *
 * <p>On a cluster, a room lives on one node: the one {@link Placement} picks among the nodes this
 * node sees ({@link Membership}). A request for a room owned elsewhere goes to its owner over the
 * clustered event bus ({@link RoomEnvelope} at {@link Rooms#node}), with a timeout; when the owner
 * cannot be reached, or answers that the room is not its own (any more), the request is asked
 * again after a moment with jitter, where the room is then thought to be, until {@link
 * #ROUTE_DEADLINE}. Only requests that are safe to repeat are repeated after a timeout (commands
 * with an id, which the journal keeps once; reads). When the members change, rooms this node no
 * longer owns are unloaded (handed over), and its connections of rooms whose owner changed ask the
 * new owner for what they missed. The database's epochs make sure that two nodes that both think
 * they own a room never both append ({@link io.peerwork.core.StreamOwners}).
 */
public final class RoomRegistry {
  /**
   * The name of the rooms' worker pool: rooms block on the journal there, never on the pool that
   * Vert.x's other blocking work (and the series') uses. With {@link StorageGuard}'s permits below
   * its size, rooms that wait on a database leave threads for rooms that answer from memory.
   */
  static final String POOL = "peerwork-rooms";
  static final int POOL_SIZE = 64;
  /** How long a request is tried, on whichever node owns its room, before it is answered {@code ROOM_UNAVAILABLE}. */
  static final Duration ROUTE_DEADLINE = Duration.ofSeconds(20);
  /** How long one try on another node may take. */
  static final Duration REMOTE_TIMEOUT = Duration.ofSeconds(5);
  private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(RoomRegistry.class.getName());
  private final Vertx vertx;
  private final Membership membership;
  private final String self;
  /** Nodes that said they are about to stop: no room is placed on them. */
  private final java.util.Set<String> draining = ConcurrentHashMap.newKeySet();
  private volatile boolean drainingSelf;
  /** The nodes rooms were placed over at the last membership change, to tell which rooms moved. */
  private volatile java.util.List<String> placedOver;
  private final java.util.concurrent.atomic.AtomicLong localEpochs = new java.util.concurrent.atomic.AtomicLong();
  private final io.vertx.core.eventbus.MessageConsumer<RoomEnvelope> nodeConsumer;
  private final io.vertx.core.eventbus.MessageConsumer<String> drainConsumer;
  private final Timer remoteLatency;
  private final SessionEngine engine;
  private final EventJournal journal;
  private final Clock clock;
  private final ObjectMapper json;
  private final MeterRegistry metrics;
  private final Tokens tokens;
  private final JoinLimits limits;
  /** The rooms loaded on this node (see {@link OwnerRegistry}); the handle is the verticle's deployment id. */
  private final OwnerRegistry<SessionId, String> rooms;
  private final Map<SessionId, AtomicInteger> connections = new ConcurrentHashMap<>();
  private final RoomFanout fanout;
  private final long sweeper;
  private final int maxMembers;
  /** The rooms' own worker pool, also for looking up whether a session exists. */
  private final io.vertx.core.WorkerExecutor io;
  private volatile boolean closing;

  /**
   * @param journal the sessions' journal, as rooms use it (through a {@link StorageGuard})
   * @param maxRooms rooms loaded at once; beyond, idle rooms are unloaded, and without one a new
   *     room is refused with {@code SERVER_BUSY}
   * @param maxMembers people who may ever join one session
   */
  public RoomRegistry(Vertx vertx, SessionEngine engine, EventJournal journal, Clock clock, ObjectMapper json,
      MeterRegistry metrics, Duration idle, int maxRooms, int maxMembers, Tokens tokens, JoinLimits limits,
      Membership membership) {
    this.membership = membership;
    this.self = membership.self();
    this.maxMembers = maxMembers;
    this.io = vertx.createSharedWorkerExecutor(POOL, POOL_SIZE);
    this.tokens = tokens;
    this.limits = limits;
    this.vertx = vertx;
    this.engine = engine;
    this.journal = journal;
    this.clock = clock;
    this.json = json;
    this.metrics = metrics;
    this.fanout = new RoomFanout(vertx);
    RoomCodec.register(vertx.eventBus(), new RoomCodec(json, RoomCodec.WIRE_VERSION, membership::wireVersion));
    // A room with an open connection never expires; one without expires `idle` after its last use.
    this.rooms = new OwnerRegistry<>(maxRooms, idle, this::connected, this::load, vertx::undeploy, d -> true, false);
    metrics.gauge("peerwork.rooms", rooms, OwnerRegistry::cached);
    // Rooms in memory, also those unloading: what the cap protects (the heap).
    metrics.gauge("peerwork.rooms.loaded", rooms, OwnerRegistry::loaded);
    metrics.gauge("peerwork.connections", connections,
        m -> m.values().stream().mapToInt(AtomicInteger::get).sum());
    long period = Math.max(1000, Math.min(30_000, idle.toMillis() / 4));
    this.sweeper = vertx.setPeriodic(period, t -> sweep());
    this.remoteLatency = Timer.builder("peerwork.cluster.remote.requests")
        .description("requests answered by a room on another node").publishPercentiles(0.5, 0.99).register(metrics);
    metrics.gauge("peerwork.cluster.nodes", membership, m -> m.nodes().size());
    this.placedOver = membership.nodes();
    this.nodeConsumer = vertx.eventBus().consumer(Rooms.node(self), this::onEnvelope);
    this.drainConsumer = vertx.eventBus().consumer(Rooms.DRAINING, m -> {
      if (!m.body().equals(self)) {
        draining.add(m.body());
        vertx.runOnContext(v -> membershipChanged());
      }
    });
    membership.onChange(() -> vertx.runOnContext(v -> membershipChanged()));
  }

  /** Completes once this node takes requests from the others (its consumers are registered in the cluster). */
  public Future<Void> ready() {
    return Future.all(nodeConsumer.completion(), drainConsumer.completion())
        .compose(v -> membership.takeRooms(vertx));
  }

  /**
   * The node that owns the room of {@code id} now, as this node sees it; empty while this node
   * sees too few of the cluster to serve rooms.
   */
  public java.util.Optional<String> ownerOf(SessionId id) {
    if (!membership.quorate()) {
      return java.util.Optional.empty();
    }
    java.util.List<String> nodes = placeable();
    return nodes.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(Placement.owner(id.value(), nodes));
  }

  private java.util.List<String> placeable() {
    var nodes = new java.util.ArrayList<String>(membership.nodes());
    nodes.removeAll(draining);
    if (drainingSelf) {
      nodes.remove(self);
    }
    return nodes;
  }

  /**
   * The members changed (or a node is draining): rooms this node no longer owns are unloaded, and
   * this node's connections of rooms whose owner changed are told to ask the new owner for what
   * they missed (a {@link RoomFrame.Kind#RELOAD} of epoch 0).
   */
  private void membershipChanged() {
    draining.retainAll(membership.nodes());
    java.util.List<String> before = placedOver;
    java.util.List<String> now = membership.quorate() ? placeable() : java.util.List.of();
    placedOver = now;
    int handedOver = 0;
    for (SessionId id : rooms.keys()) {
      if (now.isEmpty() || !Placement.owner(id.value(), now).equals(self)) {
        rooms.drop(id);
        handedOver++;
      }
    }
    if (handedOver > 0) {
      metrics.counter("peerwork.cluster.handovers").increment(handedOver);
      int n = handedOver;
      LOG.info(() -> "cluster: " + n + " room(s) handed over to other nodes");
    }
    for (SessionId id : java.util.List.copyOf(connections.keySet())) {
      String was = before.isEmpty() ? "" : Placement.owner(id.value(), before);
      String is = now.isEmpty() ? "" : Placement.owner(id.value(), now);
      if (!was.equals(is) && !is.isEmpty()) {
        moved(id);
      }
    }
  }

  /** Tells this node's connections of {@code id} that its owner changed: they ask it again. */
  private void moved(SessionId id) {
    RoomFrame reload = RoomFrame.of(RoomFrame.Kind.RELOAD, 0, java.util.OptionalLong.empty(),
        java.util.Optional.empty(), "");
    fanout.tellLocal(Rooms.events(id), reload);
    fanout.tellLocal(Rooms.staffEvents(id), reload);
  }

  /** A request from another node for a room this node owns (or is asked to own). */
  private void onEnvelope(Message<RoomEnvelope> msg) {
    SessionId id;
    try {
      id = SessionId.of(msg.body().session());
    } catch (IllegalArgumentException e) {
      msg.reply(new RoomReply.Failed(ApiError.Code.SESSION_NOT_FOUND, "no such session"));
      return;
    }
    if (!ownerOf(id).equals(java.util.Optional.of(self))) {
      msg.reply(new RoomReply.Failed(RoomVerticle.NOT_OWNER, "the room is not on this node"));
      return;
    }
    local(id, msg.body().request()).onComplete(ar -> {
      if (ar.succeeded()) {
        msg.reply(ar.result());
      } else {
        LOG.log(java.util.logging.Level.WARNING, "room " + id + ": a request from another node failed", ar.cause());
        msg.reply(new RoomReply.Failed(ApiError.Code.INTERNAL, "the room could not handle this"));
      }
    });
  }

  /**
   * This node is about to stop: it says so to the others (they place no room on it from now), hands
   * its rooms over (unloads them once their requests are answered) and completes when they are gone,
   * or after {@code within}. Its connections then ask the rooms' new owners.
   */
  public Future<Void> drain(Duration within) {
    drainingSelf = true;
    vertx.eventBus().publish(Rooms.DRAINING, self);
    membership.stopTakingRooms(vertx).onFailure(e -> LOG.fine(() -> "not withdrawn from the cluster: " + e));
    Promise<Void> done = Promise.promise();
    vertx.runOnContext(v -> {
      membershipChanged();
      long deadline = System.nanoTime() + within.toNanos();
      vertx.setPeriodic(20, t -> {
        if (rooms.loaded() == 0 || System.nanoTime() > deadline) {
          vertx.cancelTimer(t);
          done.tryComplete();
        }
      });
    });
    return done.future();
  }

  /**
   * Sends {@code request} to the room of {@code id}, on whichever node owns it, loading the room if
   * needed (see the class comment for where it goes and when it is asked again). The answer
   * completes on the caller's context: a connection's state is only ever touched by its own event
   * loop, even when another connection's request deployed the room.
   */
  public Future<RoomReply> request(SessionId id, RoomRequest request) {
    Context caller = Vertx.currentContext();
    Promise<RoomReply> answer = Promise.promise();
    route(id, request, 0, System.nanoTime() + ROUTE_DEADLINE.toNanos(), answer);
    if (caller == null) {
      return answer.future();
    }
    Promise<RoomReply> onCaller = Promise.promise();
    answer.future().onComplete(ar -> caller.runOnContext(v -> onCaller.handle(ar)));
    return onCaller.future();
  }

  /**
   * Whether every node of the cluster reads {@code request}: false while a node of an older build
   * is in it and the request is newer ({@link RoomCodec#since}); such a request to a room another
   * node owns is answered {@code ROOM_UNAVAILABLE}.
   */
  boolean carried(RoomRequest request) {
    return RoomCodec.since(request) <= membership.wireVersion();
  }

  /**
   * Fails with {@code MEMBER_REMOVED} (403) if a host (or the organiser) has removed {@code who} from
   * the room of {@code session} since their token was made, and with the room's own error if it
   * cannot be asked (such as {@code ROOM_UNAVAILABLE}, {@code SESSION_NOT_FOUND}); succeeds otherwise.
   */
  Future<Void> notRemoved(SessionId session, ParticipantId who) {
    return request(session, new RoomRequest.Standing(who)).map(reply -> {
      if (HttpApi.requireOk(reply) instanceof RoomReply.Standing st) {
        if (st.removed()) {
          throw new ApiError(RejectionCode.MEMBER_REMOVED.name(), 403,
              "you were removed from this session");
        }
        return null;
      }
      throw new ApiError(ApiError.Code.INTERNAL, "the room answered " + reply.getClass().getSimpleName());
    });
  }

  private void route(SessionId id, RoomRequest request, int attempt, long deadline, Promise<RoomReply> out) {
    java.util.Optional<String> owner = ownerOf(id);
    Future<RoomReply> tried;
    if (owner.isEmpty()) {
      tried = Future.succeededFuture(new RoomReply.Failed(RoomVerticle.NOT_OWNER, "no node owns the room now"));
    } else if (owner.get().equals(self)) {
      tried = local(id, request);
    } else if (RoomCodec.since(request) > membership.wireVersion()) {
      // A node of an older build is in the cluster (a rolling upgrade): it would not read the request.
      tried = Future.succeededFuture(new RoomReply.Failed(ApiError.Code.ROOM_UNAVAILABLE,
          "the cluster is being upgraded; try again in a few minutes"));
    } else {
      long start = System.nanoTime();
      tried = vertx.eventBus().<RoomReply>request(Rooms.node(owner.get()), new RoomEnvelope(id.value(), request),
              new DeliveryOptions().setSendTimeout(REMOTE_TIMEOUT.toMillis()))
          .map(Message::body)
          .andThen(ar -> remoteLatency.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS));
    }
    tried.onComplete(ar -> {
      boolean again = ar.succeeded()
          ? ar.result() instanceof RoomReply.Failed f && f.code().equals(RoomVerticle.NOT_OWNER)
          : repeatable(ar.cause(), request);
      if (!again && ar.failed() && ar.cause() instanceof ReplyException re
          && (re.failureType() == ReplyFailure.TIMEOUT || re.failureType() == ReplyFailure.ERROR)) {
        // Sent to another node, and no answer came: it may or may not have been carried out there.
        // A coded answer, not a fault (a request that is safe to repeat was repeated instead).
        out.complete(request instanceof RoomRequest.Execute
            ? new RoomReply.Failed(ApiError.Code.OUTCOME_UNKNOWN, "the server that holds the room did not answer"
                + " in time; the command may or may not have been carried out (look at the room before trying again)")
            : new RoomReply.Failed(ApiError.Code.ROOM_UNAVAILABLE, "the server that holds the room did not answer in time"));
      } else if (!again) {
        out.handle(ar);
      } else if (System.nanoTime() > deadline || closing) {
        out.complete(new RoomReply.Failed(ApiError.Code.ROOM_UNAVAILABLE,
            "the room is moving between servers; try again (a command with the same id is applied at most once)"));
      } else {
        // Jittered, growing waits: the cluster sees a lost node within its heartbeat timeout.
        long base = Math.min(1000, 50L << Math.min(attempt, 5));
        long delay = base / 2 + java.util.concurrent.ThreadLocalRandom.current().nextLong(base / 2 + 1);
        vertx.setTimer(delay, t -> route(id, request, attempt + 1, deadline, out));
      }
    });
  }

  /**
   * Whether a request that failed on its way to another node may be sent again: if it reached no
   * room (no handler there), always; after a timeout or a lost connection, only if it is safe to
   * repeat.
   */
  private static boolean repeatable(Throwable cause, RoomRequest request) {
    if (cause instanceof ReplyException re && re.failureType() == ReplyFailure.NO_HANDLERS) {
      return true;
    }
    return request instanceof RoomRequest.Execute e && e.commandId().isPresent()
        || request instanceof RoomRequest.Info || request instanceof RoomRequest.Recap
        || request instanceof RoomRequest.Resync || request instanceof RoomRequest.Connect
        || request instanceof RoomRequest.Disconnect || request instanceof RoomRequest.Standing;
  }

  /** Sends {@code request} to the room of {@code id} on this node, loading it if needed. */
  private Future<RoomReply> local(SessionId id, RoomRequest request) {
    return send(id, request).recover(err -> {
      if (err instanceof ReplyException re && re.failureType() == ReplyFailure.NO_HANDLERS) {
        // The request reached no room, so nothing was applied: load the room again, once. (Idle
        // eviction no longer ends here, see Room; this covers a room undeployed some other way.)
        rooms.drop(id);
        return send(id, request);
      }
      return Future.failedFuture(err);
    });
  }

  private Future<RoomReply> send(SessionId id, RoomRequest request) {
    if (!rooms.keys().contains(id) && !schedules(request)) {
      // Only scheduling creates a session: for any other request, look the session up first, so that
      // requests for ids that do not exist load no room (and evict none to make space for it).
      return io.<Long>executeBlocking(() -> journal.version(id), false).transform(ar -> {
        if (ar.failed()) {
          return Future.succeededFuture(RoomFailures.journalFailure(ar.cause()).<RoomReply>map(RoomFailures::reply)
              .orElseGet(() -> new RoomReply.Failed(ApiError.Code.INTERNAL, "the room could not be looked up")));
        }
        if (ar.result() == 0 && !rooms.keys().contains(id)) {
          return Future.succeededFuture(new RoomReply.Failed(ApiError.Code.SESSION_NOT_FOUND, "no session " + id));
        }
        return sendToRoom(id, request);
      });
    }
    return sendToRoom(id, request);
  }

  private static boolean schedules(RoomRequest request) {
    return request instanceof RoomRequest.Execute e && e.command() instanceof io.peerwork.core.Command.ScheduleSession;
  }

  private Future<RoomReply> sendToRoom(SessionId id, RoomRequest request) {
    return rooms.<RoomReply>call(id, deployment -> vertx.eventBus().<RoomReply>request(Rooms.address(id), request,
            new DeliveryOptions().setSendTimeout(15_000).setLocalOnly(true)).map(Message::body))
        .recover(err -> {
          if (err instanceof OwnerRegistry.Busy) {
            Refusals.count(metrics, Refusals.ROOMS);
            return Future.succeededFuture(new RoomReply.Failed(ApiError.Code.SERVER_BUSY,
                "this server holds as many live sessions as it may; try again in a few minutes"));
          }
          if (err instanceof OwnerRegistry.LoadFailed lf) {
            // The room could not be loaded: its journal is unreadable or unreachable. That is an
            // answer, as the room itself would give it, not a fault of the request.
            return RoomFailures.journalFailure(lf.getCause()).map(j -> Future.<RoomReply>succeededFuture(RoomFailures.reply(j)))
                .orElse(Future.failedFuture(lf.getCause()));
          }
          return err instanceof ReplyException re && re.failureType() == ReplyFailure.TIMEOUT
              ? Future.succeededFuture(new RoomReply.Failed(ApiError.Code.ROOM_UNAVAILABLE,
                  "the room did not answer in time; try again (a command with the same id is applied at most once)"))
              : Future.failedFuture(err);
        });
  }

  /**
   * Loads the room of {@code id} (called by {@link OwnerRegistry}, once the room before it, if any,
   * is gone): deploys its verticle, which takes the room's epoch.
   */
  private Future<String> load(SessionId id) {
    return vertx.deployVerticle(
        new RoomVerticle(id, engine, journal, clock, json, metrics, this::discard, maxMembers, tokens, limits,
            // A room whose seats are held by people away stays loaded until it has freed them.
            hold -> {
              if (hold) {
                acquire(id);
              } else {
                release(id);
              }
            }, membership, localEpochs::incrementAndGet, this::fenced),
        new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER)
            .setWorkerPoolName(POOL).setWorkerPoolSize(POOL_SIZE));
  }

  /**
   * The room of {@code id} found that another node owns it: it is unloaded now, connections or not,
   * and this node's connections of it ask again (where the room is now).
   */
  private void fenced(SessionId id) {
    rooms.drop(id);
    moved(id);
  }

  /** Drops a room from memory (it undeploys); the journal keeps everything. */
  public void discard(SessionId id) {
    rooms.dropUnlessPinned(id);
  }

  /**
   * Subscribes {@code sink}, on the current event loop, to the frames a room publishes on {@code
   * address} ({@link Rooms#events} or {@link Rooms#staffEvents}); the connections of a room on one
   * event loop share one event-bus consumer.
   */
  RoomFanout.Subscription subscribe(String address, Handler<Message<RoomFrame>> sink) {
    return fanout.subscribe(address, sink);
  }

  /** A connection to the room opened: the room stays loaded until its last connection closes. */
  public void acquire(SessionId id) {
    connections.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
    rooms.touch(id); // its expiry anew: never, while connected
  }

  /** A connection to the room closed: without connections, the room expires when idle. */
  public void release(SessionId id) {
    connections.computeIfPresent(id, (k, n) -> n.decrementAndGet() <= 0 ? null : n);
    rooms.touch(id);
  }

  private boolean connected(SessionId id) {
    AtomicInteger n = connections.get(id);
    return n != null && n.get() > 0;
  }

  private void sweep() {
    rooms.cleanUp();
  }


  /** Stops the sweeper; the rooms go with their Vert.x instance. */
  public void close() {
    closing = true;
    rooms.close();
    nodeConsumer.unregister();
    drainConsumer.unregister();
    vertx.cancelTimer(sweeper);
    io.close();
  }

  /** How many rooms are in memory, including those unloading. */
  public int loaded() {
    return rooms.loaded();
  }
}
