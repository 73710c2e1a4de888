package io.peerwork.server.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
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
 */
public final class SeriesRegistry {
  private final Vertx vertx;
  private final SeriesEngine engine;
  private final SeriesJournal journal;
  private final Cache<SeriesId, Future<SeriesOwner>> owners;
  private volatile boolean closing;

  public SeriesRegistry(Vertx vertx, SeriesEngine engine, SeriesJournal journal, Duration idle) {
    this.vertx = vertx;
    this.engine = engine;
    this.journal = journal;
    this.owners = Caffeine.newBuilder()
        .expireAfterAccess(idle)
        .maximumSize(10_000)
        .removalListener((SeriesId id, Future<SeriesOwner> owner, RemovalCause cause) -> {
          if (owner != null && !closing) {
            owner.onSuccess(o -> vertx.undeploy(o.deploymentID()));
          }
        })
        .build();
  }

  /** The series' engine. */
  public SeriesEngine engine() {
    return engine;
  }

  /**
   * Runs {@code f} with the series {@code id} on its owner's context (loading it if needed); the
   * result completes on the caller's context. {@code f} must not wait for other series or rooms.
   */
  public <T> Future<T> call(SeriesId id, Function<LiveSeries, T> f) {
    Context caller = Vertx.currentContext();
    Future<T> answer = owner(id).compose(o -> o.call(f));
    if (caller == null) {
      return answer;
    }
    Promise<T> onCaller = Promise.promise();
    answer.onComplete(ar -> caller.runOnContext(v -> onCaller.handle(ar)));
    return onCaller.future();
  }

  private Future<SeriesOwner> owner(SeriesId id) {
    return owners.get(id, key -> {
      var owner = new SeriesOwner(key, engine, journal);
      Future<SeriesOwner> f = vertx.deployVerticle(owner,
          new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER)).map(d -> owner);
      f.onFailure(e -> owners.asMap().remove(key, f));
      return f;
    });
  }

  /** Stops evicting; the owners go with their Vert.x instance. */
  public void close() {
    closing = true;
  }
}
