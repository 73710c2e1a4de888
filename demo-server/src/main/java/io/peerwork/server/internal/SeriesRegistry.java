package io.peerwork.server.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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
import java.util.function.Function;

/**
 * Keeps series warm, as {@link RoomRegistry} keeps rooms: a {@link SeriesOwner} (worker verticle)
 * per series, deployed on first use and undeployed after a while without calls. Everything that
 * reads or changes a series goes through {@link #call}, so one series' commands are handled one at
 * a time, and journal calls never run on an event loop.
 *
 * <p>Within a cap: at most {@code maxOwners} series are loaded; beyond, the least recently used
 * owner without a call under way is unloaded, and if every owner has one the call is refused with
 * {@code SERVER_BUSY}. An owner whose series does not exist (a look-up of an unknown id) is
 * unloaded as soon as its last call is answered, so unknown ids keep nothing in memory.
 */
public final class SeriesRegistry {
  /** The series owners' own worker pool (see {@link RoomRegistry#POOL}). */
  static final String POOL = "peerwork-series";
  static final int POOL_SIZE = 16;

  private final Vertx vertx;
  private final SeriesEngine engine;
  private final SeriesJournal journal;
  private final MeterRegistry metrics;
  private final int maxOwners;
  private final Cache<SeriesId, Entry> owners;
  private final Object admission = new Object();
  private volatile boolean closing;

  public SeriesRegistry(Vertx vertx, SeriesEngine engine, SeriesJournal journal, Duration idle) {
    this(vertx, engine, journal, idle, 10_000, new SimpleMeterRegistry());
  }

  /**
   * @param journal the series journal, as owners use it (through a {@link StorageGuard})
   * @param maxOwners series loaded at once on this node
   */
  public SeriesRegistry(Vertx vertx, SeriesEngine engine, SeriesJournal journal, Duration idle, int maxOwners,
      MeterRegistry metrics) {
    this.vertx = vertx;
    this.engine = engine;
    this.journal = journal;
    this.metrics = metrics;
    this.maxOwners = maxOwners;
    this.owners = Caffeine.newBuilder()
        .expireAfterAccess(idle)
        .removalListener((SeriesId id, Entry entry, RemovalCause cause) -> {
          if (entry != null && !closing) {
            entry.close();
          }
        })
        .build();
    metrics.gauge("peerwork.series.loaded", owners, Cache::estimatedSize);
  }

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
    Future<T> answer;
    Entry entry = enter(id);
    if (entry == null) {
      Refusals.count(metrics, Refusals.SERIES);
      answer = Future.failedFuture(new ApiError(ApiError.Code.SERVER_BUSY,
          "this server holds as many series as it may; try again in a few minutes"));
    } else {
      answer = entry.owner.compose(o -> o.call(f)).andThen(ar -> entry.leave());
    }
    if (caller == null) {
      return answer;
    }
    Promise<T> onCaller = Promise.promise();
    answer.onComplete(ar -> caller.runOnContext(v -> onCaller.handle(ar)));
    return onCaller.future();
  }

  /** The entry of {@code id} with this call counted in; null if the cap leaves no room for it. */
  private Entry enter(SeriesId id) {
    while (true) {
      Entry entry = owners.getIfPresent(id);
      if (entry == null) {
        entry = admit(id);
        if (entry == null) {
          return null;
        }
      }
      if (entry.enter()) {
        return entry;
      }
      owners.asMap().remove(id, entry); // closed just now: the next look loads a new owner
    }
  }

  private Entry admit(SeriesId id) {
    synchronized (admission) {
      Entry entry = owners.getIfPresent(id);
      if (entry != null) {
        return entry;
      }
      if (owners.estimatedSize() >= maxOwners) {
        owners.cleanUp();
        var byAge = owners.policy().expireAfterAccess().orElseThrow().oldest(64);
        for (var e : byAge.entrySet()) {
          if (owners.estimatedSize() < maxOwners) {
            break;
          }
          if (e.getValue().idle()) {
            owners.asMap().remove(e.getKey(), e.getValue());
          }
        }
      }
      if (owners.estimatedSize() >= maxOwners) {
        return null;
      }
      return owners.get(id, this::load);
    }
  }

  private Entry load(SeriesId id) {
    var owner = new SeriesOwner(id, engine, journal);
    Entry entry = new Entry(id);
    entry.owner = vertx.deployVerticle(owner, new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER)
        .setWorkerPoolName(POOL).setWorkerPoolSize(POOL_SIZE)).map(d -> owner);
    entry.owner.onFailure(e -> owners.asMap().remove(id, entry));
    return entry;
  }

  /** One loaded series: its owner, and the calls sent to it that have not been answered yet. */
  private final class Entry {
    final SeriesId id;
    Future<SeriesOwner> owner;
    private int inFlight;
    private boolean closed;

    Entry(SeriesId id) {
      this.id = id;
    }

    synchronized boolean enter() {
      if (closed) {
        return false;
      }
      inFlight++;
      return true;
    }

    synchronized boolean idle() {
      return inFlight == 0;
    }

    /** A call was answered: an owner of a series that does not exist goes with its last call. */
    void leave() {
      boolean unload;
      synchronized (this) {
        inFlight--;
        unload = inFlight == 0 && (closed || owner.failed()
            || (owner.succeeded() && !owner.result().exists()));
        if (unload && !closed) {
          closed = true;
        }
      }
      if (unload) {
        owners.asMap().remove(id, this);
        unload();
      }
    }

    /** Evicted: takes no new call, and unloads once the ones under way are answered. */
    void close() {
      boolean unload;
      synchronized (this) {
        if (closed && inFlight > 0) {
          return;
        }
        unload = !closed && inFlight == 0;
        closed = true;
      }
      if (unload) {
        unload();
      }
    }

    private boolean unloaded;

    private void unload() {
      synchronized (this) {
        if (unloaded) {
          return;
        }
        unloaded = true;
      }
      owner.onSuccess(o -> vertx.undeploy(o.deploymentID()));
    }
  }

  /** How many series are loaded. */
  public long loaded() {
    return owners.estimatedSize();
  }

  /** Stops evicting; the owners go with their Vert.x instance. */
  public void close() {
    closing = true;
  }
}
