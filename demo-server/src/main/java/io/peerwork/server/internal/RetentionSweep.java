package io.peerwork.server.internal;

import io.peerwork.core.Erasure;
import io.peerwork.core.SessionId;
import io.peerwork.core.series.SeriesId;
import io.peerwork.core.series.SeriesJournal;
import io.peerwork.core.series.SeriesPlan;
import io.peerwork.core.series.SeriesState;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps each series' retention ({@link SeriesPlan#retentionMonths}): once a date lies further back,
 * the free texts of its session (goals, help notes, announcements, reasons) and of its outcomes in
 * the series are erased ({@link Erasure#expired}, {@link Erasure#expiredOutcomes}); names, statuses
 * and counts stay. Runs at start and then every {@link #EVERY}, one series and one room after
 * another. A session swept once is not looked at again while this server runs (its texts stay
 * erased); after a restart each is looked at once more, which changes nothing.
 */
public final class RetentionSweep {
  /** How often the sweep runs. */
  static final Duration EVERY = Duration.ofHours(24);
  private static final Logger LOG = Logger.getLogger(RetentionSweep.class.getName());

  private final Vertx vertx;
  private final SeriesJournal journal;
  private final SeriesRegistry series;
  private final RoomRegistry rooms;
  private final Clock clock;
  private final Set<SessionId> swept = ConcurrentHashMap.newKeySet();
  private long timer = -1;

  RetentionSweep(Vertx vertx, SeriesJournal journal, SeriesRegistry series, RoomRegistry rooms, Clock clock) {
    this.vertx = vertx;
    this.journal = journal;
    this.series = series;
    this.rooms = rooms;
    this.clock = clock;
  }

  /** Sweeps now, and then every {@link #EVERY}. */
  public void start() {
    sweep();
    timer = vertx.setPeriodic(EVERY.toMillis(), t -> sweep());
  }

  /** Stops the periodic sweep. */
  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  /** One sweep over every series; completes with the number of events whose texts were erased. */
  public Future<Integer> sweep() {
    return vertx.executeBlocking(journal::series, false).compose(ids -> sweep(List.copyOf(ids), 0, 0))
        .onFailure(e -> LOG.log(Level.WARNING, "the retention sweep stopped early; it runs again in "
            + EVERY.toHours() + " h: " + e));
  }

  private Future<Integer> sweep(List<SeriesId> ids, int index, int erased) {
    if (index >= ids.size()) {
      if (erased > 0) {
        LOG.info(() -> "retention: free texts erased from " + erased + " event(s) of dates past their series' retention");
      }
      return Future.succeededFuture(erased);
    }
    return sweep(ids.get(index)).recover(e -> {
      LOG.log(Level.WARNING, "retention: series " + ids.get(index) + " was not swept this time: " + e);
      return Future.succeededFuture(0);
    }).compose(n -> sweep(ids, index + 1, erased + n));
  }

  /** What one series' retention erases now: the sessions of dates before it, then the series' outcomes. */
  Future<Integer> sweep(SeriesId id) {
    record Due(LocalDate keepFrom, List<SessionId> sessions) {}
    return series.call(id, live -> {
      SeriesState s = live.state();
      if (s.plan().isEmpty()) {
        return new Due(LocalDate.MIN, List.of());
      }
      SeriesPlan plan = s.plan().get();
      LocalDate keepFrom = plan.keepsTextsFrom(LocalDate.now(clock.withZone(plan.zone())));
      var due = new ArrayList<SessionId>();
      for (LocalDate d : s.registeredDates()) {
        if (d.isBefore(keepFrom) && !swept.contains(s.sessionId(d))) {
          due.add(s.sessionId(d));
        }
      }
      return new Due(keepFrom, due);
    }).compose(due -> {
      if (due.keepFrom().equals(LocalDate.MIN)) {
        return Future.succeededFuture(0);
      }
      return expire(due.sessions(), 0, 0).compose(n -> series.rewrite(id,
          events -> Erasure.expiredOutcomes(events, due.keepFrom())).map(m -> n + m));
    });
  }

  private Future<Integer> expire(List<SessionId> sessions, int index, int erased) {
    if (index >= sessions.size()) {
      return Future.succeededFuture(erased);
    }
    SessionId sid = sessions.get(index);
    return rooms.request(sid, new RoomRequest.ExpireTexts()).compose(reply -> {
      if (reply instanceof RoomReply.Erased e) {
        swept.add(sid);
        return Future.succeededFuture(e.events());
      } else if (reply instanceof RoomReply.Failed f && f.code().equals(ApiError.Code.SESSION_NOT_FOUND.name())) {
        swept.add(sid); // no session was held that day
        return Future.succeededFuture(0);
      }
      return Future.<Integer>failedFuture(new IllegalStateException("room " + sid + " answered " + reply));
    }).compose(n -> expire(sessions, index + 1, erased + n));
  }
}
