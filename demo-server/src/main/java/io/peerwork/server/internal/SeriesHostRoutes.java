package io.peerwork.server.internal;

import static io.peerwork.server.internal.SeriesCalls.dateParam;
import static io.peerwork.server.internal.SeriesCalls.existing;
import static io.peerwork.server.internal.SeriesCalls.seriesId;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerwork.core.Command;
import io.peerwork.core.FormatRegistry;
import io.peerwork.core.RejectionCode;
import io.peerwork.core.series.Place;
import io.peerwork.core.series.Recurrence;
import io.peerwork.core.series.SeriesCommand;
import io.peerwork.core.series.SeriesDate;
import io.peerwork.core.series.SeriesId;
import io.peerwork.core.series.SeriesPlan;
import io.peerwork.core.series.SeriesState;
import io.peerwork.core.spi.TopicFormat;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Optional;

/**
 * The organiser's and host's endpoints of the series API (see docs/api.md, "Series"): creating a
 * series (organizer key), and with the series' host key or the organizer key: the series'
 * resources and figures per date (JSON and CSV), and a date's lists, session, move, cancellation,
 * check-in, no-shows and payments. Handlers parse, hand the work to the series' owner, and answer.
 * The host's wall endpoints are in {@link SeriesWallRoutes}.
 */
final class SeriesHostRoutes {
  private final ObjectMapper json;
  private final FormatRegistry formats;
  private final HttpApi sessions;
  private final SeriesTokens tokens;
  private final ApiAuth auth;
  private final SeriesCalls calls;
  private final SeriesViews views;
  private final StatsViews stats;

  SeriesHostRoutes(ObjectMapper json, FormatRegistry formats, HttpApi sessions, SeriesTokens tokens, ApiAuth auth,
      SeriesCalls calls, SeriesViews views, StatsViews stats) {
    this.json = json;
    this.formats = formats;
    this.sessions = sessions;
    this.tokens = tokens;
    this.auth = auth;
    this.calls = calls;
    this.views = views;
    this.stats = stats;
  }

  void create(RoutingContext ctx) {
    auth.requireOrganizer(ctx, "creating a series");
    JsonNode b = sessions.body(ctx);
    String formatId = b.path("formatId").asText("");
    TopicFormat f = formats.find(formatId)
        .orElseThrow(() -> new ApiError(ApiError.Code.UNKNOWN_FORMAT, "no format '" + formatId + "'; known: " + formats.ids()));
    SeriesId id = SeriesId.of("sr-" + HttpApi.random(8));
    SeriesPlan plan;
    try {
      if (!b.path("recurrence").isObject()) {
        throw new IllegalArgumentException("recurrence is required");
      }
      Recurrence recurrence = json.treeToValue(b.path("recurrence"), Recurrence.class);
      var experts = new ArrayList<String>();
      for (JsonNode e : b.path("experts")) {
        experts.add(e.asText());
      }
      JsonNode p = b.path("place");
      Place place = new Place(Optional.ofNullable(p.path("address").asText(null)),
          Optional.ofNullable(p.path("onlineLink").asText(null)));
      plan = new SeriesPlan(id, f.id(), b.path("title").asText(f.name().de()), recurrence,
          ZoneId.of(b.path("zone").asText("Europe/Vienna")), b.path("capacity").asInt(f.defaultCapacity()), experts,
          place, retention(b.path("retentionMonths")));
    } catch (DateTimeException | IllegalArgumentException | com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new ApiError(ApiError.Code.INVALID_REQUEST, String.valueOf(e.getMessage()).split("\n")[0]);
    }
    calls.command(id, new SeriesCommand.CreateSeries(plan)).onSuccess(s -> {
      ObjectNode n = json.createObjectNode();
      n.put("seriesId", id.value());
      n.put("hostKey", tokens.seriesHostKey(id));
      n.put("hostLink", "/host.html?series=" + id.value() + "&key=" + tokens.seriesHostKey(id));
      n.put("registerLink", "/series.html?series=" + id.value());
      n.set("series", views.info(s));
      HttpApi.ok(ctx, 201, n);
    }).onFailure(ctx::fail);
  }

  void hostDate(RoutingContext ctx) {
    SeriesId id = seriesId(ctx);
    auth.requireHost(ctx, id);
    LocalDate key = dateParam(ctx);
    calls.call(id, live -> {
      SeriesState s = existing(live.state());
      SeriesDate d = s.date(key).orElseThrow(() -> new ApiError(RejectionCode.UNKNOWN_DATE.name(), 404, "no date " + key));
      return views.hostDate(s, d);
    }).onSuccess(n -> HttpApi.ok(ctx, 200, n)).onFailure(ctx::fail);
  }

  /**
   * The resources per task of the series (curated there, else the format's defaults), as the rooms
   * of its sessions show them: {@code {"tasks":{"<taskId>":[...]},"curated":["<taskId>", ...]}}.
   */
  void resources(RoutingContext ctx) {
    SeriesId id = seriesId(ctx);
    auth.requireHost(ctx, id);
    calls.call(id, live -> {
      SeriesState s = existing(live.state());
      return new Views(json).seriesResources(s, calls.format(s));
    }).onSuccess(n -> HttpApi.ok(ctx, 200, n)).onFailure(ctx::fail);
  }

  /** The series' figures per date (attendance, no-shows, goals), for the host's chart. */
  void stats(RoutingContext ctx) {
    SeriesId id = seriesId(ctx);
    auth.requireHost(ctx, id);
    calls.call(id, live -> stats.stats(existing(live.state())))
        .onSuccess(n -> HttpApi.ok(ctx, 200, n)).onFailure(ctx::fail);
  }

  /** {@link #stats} as a CSV download. */
  void statsCsv(RoutingContext ctx) {
    SeriesId id = seriesId(ctx);
    auth.requireHost(ctx, id);
    calls.call(id, live -> stats.statsCsv(existing(live.state())))
        .onSuccess(text -> Csv.send(ctx, "peerwork-" + id.value() + "-dates.csv", text)).onFailure(ctx::fail);
  }

  /** Schedules the date's session (if it is not yet) and answers the host's and expert's invites. */
  void hostSession(RoutingContext ctx) {
    SeriesId id = seriesId(ctx);
    auth.requireHost(ctx, id);
    LocalDate key = dateParam(ctx);
    calls.ensureSession(id, key).onSuccess(n -> {
      ObjectNode invites = (ObjectNode) n.path("invites");
      invites.remove("participant"); // participants come with their personal link
      HttpApi.ok(ctx, 200, n);
    }).onFailure(ctx::fail);
  }

  void move(RoutingContext ctx) {
    SeriesId id = seriesId(ctx);
    auth.requireHost(ctx, id);
    LocalDate key = dateParam(ctx);
    JsonNode b = sessions.body(ctx);
    LocalDateTime start;
    try {
      start = LocalDateTime.parse(b.path("start").asText(""));
    } catch (DateTimeException e) {
      throw new ApiError(ApiError.Code.INVALID_REQUEST, "start is a local date-time, e.g. 2027-03-09T09:00");
    }
    calls.command(id, new SeriesCommand.MoveDate(key, start))
        .compose(s -> followedBySession(s, key,
            new Command.RescheduleSession(s.date(key).orElseThrow().start().toInstant())))
        .onSuccess(n -> HttpApi.ok(ctx, 200, n)).onFailure(ctx::fail);
  }

  void cancelDate(RoutingContext ctx) {
    SeriesId id = seriesId(ctx);
    auth.requireHost(ctx, id);
    LocalDate key = dateParam(ctx);
    String reason = sessions.body(ctx).path("reason").asText("");
    calls.command(id, new SeriesCommand.CancelDate(key, reason))
        .compose(s -> followedBySession(s, key, new Command.CallOffSession(reason)))
        .onSuccess(n -> HttpApi.ok(ctx, 200, n)).onFailure(ctx::fail);
  }

  void checkIn(RoutingContext ctx) {
    SeriesId id = seriesId(ctx);
    auth.requireHost(ctx, id);
    LocalDate key = dateParam(ctx);
    String email = sessions.body(ctx).path("email").asText("");
    calls.command(id, new SeriesCommand.CheckIn(key, email))
        .onSuccess(s -> HttpApi.ok(ctx, 200, views.seatOf(s, key, email))).onFailure(ctx::fail);
  }

  void noShows(RoutingContext ctx) {
    SeriesId id = seriesId(ctx);
    auth.requireHost(ctx, id);
    LocalDate key = dateParam(ctx);
    calls.command(id, new SeriesCommand.RecordNoShows(key))
        .onSuccess(s -> HttpApi.ok(ctx, 200, views.noShows(s, key))).onFailure(ctx::fail);
  }

  void paid(RoutingContext ctx) {
    SeriesId id = seriesId(ctx);
    auth.requireHost(ctx, id);
    LocalDate key = dateParam(ctx);
    JsonNode b = sessions.body(ctx);
    String email = b.path("email").asText("");
    calls.command(id, new SeriesCommand.MarkPaid(key, email, b.path("paid").asBoolean(true)))
        .onSuccess(s -> HttpApi.ok(ctx, 200, views.seatOf(s, key, email))).onFailure(ctx::fail);
  }

  /**
   * The date as changed, after its session (if it was prepared) followed: moved to the new start, or
   * called off. {@code "session"} says what became of the session: {@code "none"} (not prepared),
   * {@code "followed"}, or the code that stopped it (e.g. {@code SESSION_ALREADY_OPEN} for a lobby
   * that is open already; the host then decides in the room).
   */
  private Future<ObjectNode> followedBySession(SeriesState s, LocalDate key, Command change) {
    ObjectNode view = views.dateView(s, s.date(key).orElseThrow());
    return sessions.organiserCommand(s.sessionId(key), change).map(r -> {
      String code = r instanceof RoomReply.Refused refused ? refused.code()
          : r instanceof RoomReply.Failed f ? f.code() : "";
      view.put("session", code.isEmpty() ? "followed" : code.equals("SESSION_NOT_FOUND") ? "none" : code);
      return view;
    });
  }

  /** {@code retentionMonths} as given: absent for the default, else a whole number of 1 to 120. */
  private static int retention(JsonNode n) {
    if (n.isMissingNode() || n.isNull()) {
      return SeriesPlan.DEFAULT_RETENTION_MONTHS;
    }
    if (!n.isIntegralNumber() || n.asInt() < 1 || n.asInt() > SeriesPlan.MAX_RETENTION_MONTHS) {
      throw new IllegalArgumentException("retentionMonths must be a whole number of months, 1 to "
          + SeriesPlan.MAX_RETENTION_MONTHS);
    }
    return n.asInt();
  }
}
