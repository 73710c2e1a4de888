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
  private final SeriesJournal shared;
  private final String node;
  private final java.util.function.LongSupplier localEpochs;
  /** Whether other nodes may append to the series too (a cluster): then each call reads theirs first. */
  private final boolean clustered;
  private SeriesJournal journal;
  private LiveSeries live;
  private Context own;
  /** Whether the series has any event, as of the last call: owners of unknown ids are not kept. */
  private volatile boolean exists;

  /**
   * @param journal the series journal this node shares; the owner appends through its fenced view
   * @param node this node's name, the owner the database records
   * @param localEpochs epochs for a journal that cannot fence (in memory)
   * @param clustered whether other nodes may append to the series too
   */
  SeriesOwner(SeriesId id, SeriesEngine engine, SeriesJournal journal, String node,
      java.util.function.LongSupplier localEpochs, boolean clustered) {
    this.id = id;
    this.engine = engine;
    this.shared = journal;
    this.journal = journal;
    this.node = node;
    this.localEpochs = localEpochs;
    this.clustered = clustered;
  }

  @Override
  public Future<?> start() {
    own = context;
    // Take the series (its epoch), so that an owner on another node that has not noticed can append nothing.
    var owners = shared.owners();
    if (owners.isPresent()) {
      long epoch = owners.get().take(io.peerwork.core.StreamOwners.Stream.of(id), node);
      journal = shared.fenced(id, epoch);
    } else {
      localEpochs.getAsLong();
    }
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
        if (clustered) {
          live.catchUp(); // what other nodes appended since this owner last looked
        }
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
