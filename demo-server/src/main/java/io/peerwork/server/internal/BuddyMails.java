package io.peerwork.server.internal;

import io.peerwork.core.series.BuddyMailDue;
import io.peerwork.core.series.SeriesCommand;
import io.peerwork.core.series.SeriesDecision;
import io.peerwork.core.series.SeriesId;
import io.peerwork.core.series.SeriesJournal;
import io.peerwork.core.series.SeriesState;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends the mid-month buddy mails (like {@link RetentionSweep}): every {@link #PERIOD}, for every series the
 * journal knows, asks its owner which mails are due ({@link SeriesState#buddyMailsDue}), records
 * each one ({@link SeriesCommand.RecordBuddyMail}) and, once recorded, hands it to the Outbox. A
 * mail is recorded before it goes out, so it goes at most once, also after a restart or on another
 * node (the owner's appends are fenced); a failed append sends nothing and the next round tries
 * again.
 */
public final class BuddyMails {
  private static final Logger LOG = Logger.getLogger(BuddyMails.class.getName());
  /** How often the series are looked at: a mid-month mail may go out this much after the middle. */
  static final Duration PERIOD = Duration.ofMinutes(10);

  private final Vertx vertx;
  private final SeriesRegistry series;
  private final SeriesJournal journal;
  private final SeriesMails mails;
  private final Clock clock;
  private long timer = -1;

  BuddyMails(Vertx vertx, SeriesRegistry series, SeriesJournal journal, SeriesMails mails, Clock clock) {
    this.vertx = vertx;
    this.series = series;
    this.journal = journal;
    this.mails = mails;
    this.clock = clock;
  }

  /**
   * Starts the rounds: one every {@link #PERIOD}, the first a period after the start (not at once:
   * a starting server has its storage busy enough; a mail due while it was down goes in the first
   * round).
   */
  public synchronized void start() {
    if (timer == -1) {
      timer = vertx.setPeriodic(PERIOD.toMillis(), t -> sweep());
    }
  }

  /** Stops the rounds. */
  public synchronized void stop() {
    if (timer != -1) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  /**
   * One round over every series now: completes with the number of mails sent. A series that fails
   * (its storage is down, say) is logged and skipped.
   */
  public Future<Integer> sweep() {
    return vertx.executeBlocking(journal::series, false).compose(ids -> {
      // One series after the other: a round loads at most one series more than people use, so it
      // never fills the cap of loaded series (max-series) at once.
      Future<Integer> sent = Future.succeededFuture(0);
      for (SeriesId id : ids) {
        sent = sent.compose(sum -> sweep(id).recover(e -> {
          LOG.log(Level.WARNING, "buddy mails of series " + id.value() + " not sent this round; the next tries again: " + e);
          return Future.succeededFuture(0);
        }).map(n -> sum + n));
      }
      return sent;
    });
  }

  private Future<Integer> sweep(SeriesId id) {
    return series.call(id, live -> {
      SeriesState s = live.state();
      if (s.plan().isEmpty()) {
        return 0;
      }
      int sent = 0;
      for (BuddyMailDue due : s.buddyMailsDue(clock.instant())) {
        var out = live.handle(new SeriesCommand.RecordBuddyMail(due.date(), due.email()), clock.instant());
        if (out.decision() instanceof SeriesDecision.Accepted && !out.recorded().isEmpty()) {
          mails.send(mails.buddyMidMonth(live.state(), due));
          sent++;
        }
      }
      return sent;
    });
  }
}
