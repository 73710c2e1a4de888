package io.peerwork.server.internal;

import io.peerwork.core.series.LiveSeries;
import io.peerwork.core.series.SeriesEngine;
import io.peerwork.core.series.SeriesId;
import io.peerwork.core.series.SeriesJournal;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * The one owner of one series: a worker verticle, so the functions given to {@link #call} run one
 * at a time on its own context and may block on the series journal without touching an event loop.
 * {@link LiveSeries} is not thread-safe; this is its single thread of control.
 */
final class SeriesOwner extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(SeriesOwner.class.getName());

  private final SeriesId id;
  private final SeriesEngine engine;
  private final SeriesJournal journal;
  private LiveSeries live;
  private Context own;
  /** Whether the series has any event, as of the last call: owners of unknown ids are not kept. */
  private volatile boolean exists;

  SeriesOwner(SeriesId id, SeriesEngine engine, SeriesJournal journal) {
    this.id = id;
    this.engine = engine;
    this.journal = journal;
  }

  @Override
  public Future<?> start() {
    own = context;
    live = LiveSeries.load(engine, journal, id); // on this worker's thread
    exists = live.state().version() > 0;
    LOG.fine(() -> "series " + id + " loaded at version " + live.state().version());
    return Future.succeededFuture();
  }

  /** Whether the series has events (it was created), as of the last call answered. */
  boolean exists() {
    return exists;
  }

  /** Runs {@code f} on this series' own context, after every call sent before it. */
  <T> Future<T> call(Function<LiveSeries, T> f) {
    Promise<T> p = Promise.promise();
    own.runOnContext(v -> {
      try {
        T result = f.apply(live);
        exists = live.state().version() > 0;
        p.complete(result);
      } catch (Throwable t) {
        exists = live.state().version() > 0;
        p.fail(t);
      }
    });
    return p.future();
  }
}
