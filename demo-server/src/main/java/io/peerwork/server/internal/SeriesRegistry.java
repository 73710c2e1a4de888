package io.peerwork.server.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.peerwork.core.JournalException;
import io.peerwork.core.series.LiveSeries;
import io.peerwork.core.series.SeriesEngine;
import io.peerwork.core.series.SeriesId;
import io.peerwork.core.series.SeriesJournal;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Keeps series warm, as {@link RoomRegistry} keeps rooms, through the same {@link OwnerRegistry}: a
 * {@link SeriesOwner} (worker verticle) per series, deployed on first use and undeployed after a
 * while without calls. Everything that reads or changes a series goes through {@link #call}, so
 * one series' commands are handled one at a time on this node, and journal calls never run on an
 * event loop.
 *
 * <p>Within a cap: at most {@code maxOwners} series are loaded; beyond, the least recently used
 * owners are unloaded (once their calls are answered), and if none can be, the call is refused with
 * {@code SERVER_BUSY}. An owner whose series does not exist (a look-up of an unknown id) is unloaded
 * as soon as its last call is answered, so unknown ids keep nothing in memory.
 *
 * <p>On a cluster, a series call runs on the node its HTTP request reached (calls are functions, not
 * messages, so they are not sent to another node). Its owner takes the series' epoch when it loads
 * and appends through the fenced journal, like a room, and reads what other nodes appended before
 * each call: so a call sees every append, and an owner that another node took over can append
 * nothing. A rewrite of the series' events (erasure, retention) keeps their versions, so it is not
 * caught up with: every node drops its owner of the series instead ({@link #rewrite}). A call whose append was fenced stored nothing; it is run once more on a freshly
 * loaded owner. Two nodes that take turns on one series pay a load per turn; series are changed by
 * people filling in forms, not by many clients at once.
 */
public final class SeriesRegistry {
  /** The series owners' own worker pool (see {@link RoomRegistry#POOL}). */
  static final String POOL = "peerwork-series";
  static final int POOL_SIZE = 16;

  private final Vertx vertx;
  private final SeriesEngine engine;
  private final MeterRegistry metrics;
  private final OwnerRegistry<SeriesId, SeriesOwner> owners;
  /** This node's name: a rewrite it announces is not dropped here (its owner loaded the series again). */
  private final String self;

  public SeriesRegistry(Vertx vertx, SeriesEngine engine, SeriesJournal journal, Duration idle) {
    this(vertx, engine, journal, idle, 10_000, new SimpleMeterRegistry(), Membership.single("local"));
  }

  /**
   * @param journal the series journal, as owners use it (through a {@link StorageGuard})
   * @param maxOwners series loaded at once on this node
   * @param membership this node (its name goes with the epochs it takes); on a cluster, owners
   *     read what other nodes appended before each call
   */
  public SeriesRegistry(Vertx vertx, SeriesEngine engine, SeriesJournal journal, Duration idle, int maxOwners,
      MeterRegistry metrics, Membership membership) {
    this.vertx = vertx;
    this.engine = engine;
    this.metrics = metrics;
    boolean shared = vertx.isClustered();
    AtomicLong localEpochs = new AtomicLong();
    this.owners = new OwnerRegistry<>(maxOwners, idle, id -> false,
        id -> {
          var owner = new SeriesOwner(id, engine, journal, membership.self(), localEpochs::incrementAndGet, shared);
          return vertx.deployVerticle(owner, new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER)
              .setWorkerPoolName(POOL).setWorkerPoolSize(POOL_SIZE)).map(d -> owner);
        },
        owner -> vertx.undeploy(owner.deploymentID()),
        SeriesOwner::exists, true);
    metrics.gauge("peerwork.series.loaded", owners, OwnerRegistry::cached);
    // A series' events were rewritten on another node: its owner here holds the old ones; the next call loads it anew.
    this.self = membership.self();
    vertx.eventBus().<String>consumer(REWRITTEN, m -> {
      String[] nodeAndSeries = m.body().split(" ", 2);
      if (!nodeAndSeries[0].equals(self)) {
        owners.drop(SeriesId.of(nodeAndSeries[1]));
      }
    });
  }

  /** Where the nodes are told that a series' stored events were rewritten ({@link #rewrite}). */
  static final String REWRITTEN = "peerwork.series.rewritten";

  /** The series' engine. */
  public SeriesEngine engine() {
    return engine;
  }

  /**
   * Runs {@code f} with the series {@code id} on its owner's context (loading it if needed); the
   * result completes on the caller's context. {@code f} must not wait for other series or rooms.
   * Fails with an {@link ApiError} {@code SERVER_BUSY} if the series cannot be loaded for the cap.
   */
  public <T> Future<T> call(SeriesId id, Function<LiveSeries, T> f) {
    Context caller = Vertx.currentContext();
    Future<T> answer = attempt(id, f).recover(e -> {
      if (fenced(e)) {
        // Another node took the series: nothing was stored. Once more, on an owner loaded now.
        metrics.counter("peerwork.cluster.fence.failures").increment();
        owners.drop(id);
        return attempt(id, f);
      }
      return Future.failedFuture(e);
    });
    if (caller == null) {
      return answer;
    }
    Promise<T> onCaller = Promise.promise();
    answer.onComplete(ar -> caller.runOnContext(v -> onCaller.handle(ar)));
    return onCaller.future();
  }

  private <T> Future<T> attempt(SeriesId id, Function<LiveSeries, T> f) {
    return owners.<T>call(id, owner -> owner.call(f)).recover(e -> {
      if (e instanceof OwnerRegistry.Busy) {
        Refusals.count(metrics, Refusals.SERIES);
        return Future.failedFuture(new ApiError(ApiError.Code.SERVER_BUSY,
            "this server holds as many series as it may; try again in a few minutes"));
      }
      return Future.failedFuture(e instanceof OwnerRegistry.LoadFailed ? e.getCause() : e);
    });
  }

  private static boolean fenced(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof JournalException.Fenced) {
        return true;
      }
    }
    return false;
  }

  /**
   * Rewrites the stored events of series {@code id} with {@code change} on its owner (for erasure),
   * which loads the series again if anything changed; then tells the other nodes ({@link
   * #REWRITTEN}) to drop their owners of the series, so that the next call anywhere reads the
   * rewritten events; the result completes on the caller's context.
   */
  public Future<Integer> rewrite(SeriesId id,
      java.util.function.UnaryOperator<java.util.List<io.peerwork.core.series.SeriesEvent>> change) {
    Context caller = Vertx.currentContext();
    // If anything changed (or it failed, and may have stored), this node's owner has loaded the series
    // again, and every other node drops its owner of it: none keeps the old events in memory.
    Future<Integer> answer = owners.<Integer>call(id, owner -> owner.rewrite(change))
        .andThen(ar -> {
          if (ar.failed() || ar.result() > 0) {
            vertx.eventBus().publish(REWRITTEN, self + " " + id.value());
          }
        });
    if (caller == null) {
      return answer;
    }
    Promise<Integer> onCaller = Promise.promise();
    answer.onComplete(ar -> caller.runOnContext(v -> onCaller.handle(ar)));
    return onCaller.future();
  }

  /** How many series are loaded. */
  public long loaded() {
    return owners.cached();
  }

  /** Stops evicting; the owners go with their Vert.x instance. */
  public void close() {
    owners.close();
  }
}
