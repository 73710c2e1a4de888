package io.peerwork.server.internal;

import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Whether the journal's database answers: a small query ({@code probe}) on a thread of its own,
 * every {@link #UP_PERIOD} while it does and every {@link #DOWN_PERIOD} while it does not. A probe
 * that fails, or does not answer within {@code timeout}, marks the database down with a reason a
 * person can read (never the URL or the driver's message, which go to the log). {@code
 * /health/ready} reports it, and {@link StorageGuard} refuses journal calls at once while it is down,
 * so rooms do not wait for a database that is not there.
 */
public final class DatabaseHealth {
  private static final Logger LOG = Logger.getLogger(DatabaseHealth.class.getName());
  static final Duration UP_PERIOD = Duration.ofSeconds(5);
  static final Duration DOWN_PERIOD = Duration.ofSeconds(1);

  private final Vertx vertx;
  private final Callable<?> probe;
  private final Duration timeout;
  private final WorkerExecutor executor;
  private final AtomicBoolean probing = new AtomicBoolean();
  private volatile String problem = "";
  private volatile long timer = -1;
  private volatile boolean closed;

  /**
   * @param probe a query that returns when the database answers and throws when it does not
   * @param timeout how long a probe may take before the database counts as down
   */
  public DatabaseHealth(Vertx vertx, Callable<?> probe, Duration timeout) {
    this.vertx = vertx;
    this.probe = probe;
    this.timeout = timeout;
    this.executor = vertx.createSharedWorkerExecutor("peerwork-health", 1);
  }

  /** Starts probing: the first probe at once. */
  public DatabaseHealth start() {
    check();
    return this;
  }

  /** Why the database counts as down; empty while it answers. */
  public Optional<String> problem() {
    String p = problem;
    return p.isEmpty() ? Optional.empty() : Optional.of(p);
  }

  /** A journal call just failed: probe now rather than at the next period. */
  void suspect() {
    if (!closed && problem.isEmpty()) {
      vertx.runOnContext(v -> check());
    }
  }

  private void check() {
    if (closed || !probing.compareAndSet(false, true)) {
      return; // a probe is under way; its own timer reports it if it hangs
    }
    long started = System.nanoTime();
    long watchdog = vertx.setTimer(timeout.toMillis(), t -> {
      if (probing.get()) {
        down("the database did not answer within " + timeout.toSeconds() + " s", null);
      }
    });
    executor.executeBlocking(probe, false).onComplete(ar -> {
      vertx.cancelTimer(watchdog);
      probing.set(false);
      if (ar.succeeded() && System.nanoTime() - started <= timeout.toNanos()) {
        if (!problem.isEmpty()) {
          LOG.info("the database answers again");
        }
        problem = "";
      } else if (ar.failed()) {
        down("the database refused the check (" + ar.cause().getClass().getSimpleName() + ")", ar.cause());
      }
      next();
    });
  }

  private void down(String reason, Throwable cause) {
    if (problem.isEmpty()) {
      LOG.log(Level.WARNING, "the database counts as down: " + reason, cause);
    }
    problem = reason;
  }

  private void next() {
    if (!closed) {
      timer = vertx.setTimer((problem.isEmpty() ? UP_PERIOD : DOWN_PERIOD).toMillis(), t -> check());
    }
  }

  /** Stops probing. */
  public void close() {
    closed = true;
    vertx.cancelTimer(timer);
    executor.close();
  }
}
