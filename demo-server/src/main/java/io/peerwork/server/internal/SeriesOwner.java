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

  /**
   * Rewrites this series' stored events with {@code change} (for erasure: {@link
   * io.peerwork.core.Erasure}), on this series' own context after every call sent before it, and
   * loads the series again from the journal if anything changed or the rewrite failed (it may have
   * been stored); the registry tells the other nodes ({@link SeriesRegistry#rewrite}).
   *
   * @return how many events changed; fails with {@link ApiError} {@code ERASURE_UNAVAILABLE} if the
   *     journal cannot rewrite
   */
  Future<Integer> rewrite(java.util.function.UnaryOperator<java.util.List<io.peerwork.core.series.SeriesEvent>> change) {
    Promise<Integer> p = Promise.promise();
    own.runOnContext(v -> {
      try {
        var rewriter = journal.rewriter().orElseThrow(() -> new ApiError(ApiError.Code.ERASURE_UNAVAILABLE,
            "this server's series journal cannot rewrite events, so it cannot erase"));
        int changed;
        try {
          changed = rewriter.rewrite(id, change);
        } catch (RuntimeException e) {
          // It may have been stored (an unknown outcome): read the journal again before anything else.
          live = LiveSeries.load(engine, journal, id);
          throw e;
        }
        if (changed > 0) {
          live = LiveSeries.load(engine, journal, id); // here; the other nodes drop theirs
          exists = live.state().version() > 0;
          LOG.info(() -> "series " + id + ": " + changed + " event(s) rewritten; loaded again");
        }
        p.complete(changed);
      } catch (Throwable t) {
        p.fail(t);
      }
    });
    return p.future();
  }
}
