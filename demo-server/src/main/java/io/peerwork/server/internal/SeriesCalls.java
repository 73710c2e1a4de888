package io.peerwork.server.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerwork.core.FormatRegistry;
import io.peerwork.core.RejectionCode;
import io.peerwork.core.series.LiveSeries;
import io.peerwork.core.series.SeriesCommand;
import io.peerwork.core.series.SeriesDate;
import io.peerwork.core.series.SeriesDecision;
import io.peerwork.core.series.SeriesId;
import io.peerwork.core.series.SeriesState;
import io.peerwork.core.spi.TopicFormat;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.function.Function;

/**
 * What the series route classes share: reading the series id and dates of a request, handing work
 * to the series' owner ({@link SeriesRegistry#call}), and turning core's rejections into {@link
 * ApiError}s with core's code and an HTTP status.
 */
final class SeriesCalls {
  private final SeriesRegistry series;
  private final FormatRegistry formats;
  private final HttpApi sessions;
  private final Clock clock;

  SeriesCalls(SeriesRegistry series, FormatRegistry formats, HttpApi sessions, Clock clock) {
    this.series = series;
    this.formats = formats;
    this.sessions = sessions;
    this.clock = clock;
  }

  /** Runs {@code f} on the owner of series {@code id}. */
  <T> Future<T> call(SeriesId id, Function<LiveSeries, T> f) {
    return series.call(id, f);
  }

  /** Handles {@code c} on the owner of {@code id}: the new state, or an {@link ApiError}. */
  Future<SeriesState> command(SeriesId id, SeriesCommand c) {
    return series.call(id, live -> handle(live, c));
  }

  /** Handles {@code c} on the owner's context: the new state, or an {@link ApiError} with core's code. */
  SeriesState handle(LiveSeries live, SeriesCommand c) {
    var out = live.handle(c, clock.instant());
    if (out.decision() instanceof SeriesDecision.Rejected r) {
      throw rejected(r);
    }
    return live.state();
  }

  /** The {@link ApiError} a rejection of core means. */
  static ApiError rejected(SeriesDecision.Rejected r) {
    return new ApiError(r.code().name(), status(r.code()), r.rejection().message());
  }

  static int status(RejectionCode code) {
    return switch (code) {
      case SERIES_NOT_FOUND, UNKNOWN_DATE, NOT_REGISTERED, NO_SUCH_ROUTINE, UNKNOWN_POST, NO_BUDDY -> 404;
      case NOT_YOUR_POST -> 403;
      case SERIES_ALREADY_EXISTS, DATE_CANCELLED, DATE_PASSED, DATE_NOT_STARTED, ALREADY_REGISTERED, NOT_SEATED,
          DATE_CONFLICT, OWN_POST, NOT_A_TIP, ALREADY_PROMOTED,
          ALREADY_PAIRED, BUDDY_NOT_LOOKING -> 409;
      default -> 400;
    };
  }

  /** Schedules the session of a date if needed: answers {@code {sessionId, title, formatId, invites}}. */
  Future<ObjectNode> ensureSession(SeriesId id, LocalDate key) {
    return series.call(id, live -> {
      SeriesState s = existing(live.state());
      SeriesDate d = s.date(key).orElseThrow(() -> new ApiError(RejectionCode.UNKNOWN_DATE.name(), 404, "no date " + key));
      if (d.isCancelled()) {
        throw new ApiError(RejectionCode.DATE_CANCELLED.name(), 409, "the date " + key + " is cancelled");
      }
      return s.sessionPlan(key, format(s));
    }).compose(sessions::schedule);
  }

  /** {@code s}, if the series exists; else {@code SERIES_NOT_FOUND}. */
  static SeriesState existing(SeriesState s) {
    if (s.plan().isEmpty()) {
      throw new ApiError(ApiError.Code.SERIES_NOT_FOUND, "no such series");
    }
    return s;
  }

  TopicFormat format(SeriesState s) {
    return formats.require(s.plan().orElseThrow().formatId());
  }

  Instant now() {
    return clock.instant();
  }

  /** Today where the series takes place. */
  LocalDate today(SeriesState s) {
    return LocalDate.ofInstant(clock.instant(), s.plan().orElseThrow().zone());
  }

  static SeriesId seriesId(RoutingContext ctx) {
    try {
      return SeriesId.of(ctx.pathParam("sid"));
    } catch (IllegalArgumentException e) {
      throw new ApiError(ApiError.Code.SERIES_NOT_FOUND, "no such series");
    }
  }

  /** The path's {@code :date}. */
  static LocalDate dateParam(RoutingContext ctx) {
    return date(ctx.pathParam("date"));
  }

  static LocalDate date(String text) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeException e) {
      throw new ApiError(ApiError.Code.INVALID_REQUEST, "a date is written 2027-03-02");
    }
  }
}
